"""The media library in the admin: the Image list (thumbnails, size, format, search), its
upload form (alt text required, the file checked as covers are and kept when another field
fails), its change page listing the articles that use it, deletion refused while any does,
and the chooser the article editor inserts pictures from.

The chooser, for the editor's toolbar (static/js/, another module) and for anyone without
JavaScript:

- ``admin:articles_image_chooser`` → ``/admin/articles/image/chooser/``.  Staff who may add
  or change articles.  GET ``q`` (words in the alt text, caption, credit or file name) and
  ``page``.  As a page (the default): thumbnails, search, pagination; each picture's "Use
  this picture" link (``?chosen=ID``) shows its Markdown snippet to copy into the body.
- The same URL with ``format=json`` (or ``Accept: application/json``) answers::

      {"results": [{"id": 42, "thumbnail": "/media/CACHE/…jpg", "alt": "…",
                    "caption": "…", "credit": "…", "width": 1600, "height": 900,
                    "snippet": "![…](image:42 \\"…\\")"}, …],
       "page": 1, "num_pages": 3, "count": 61, "has_next": true, "has_previous": false}

  24 pictures a page, newest first.
"""

import functools

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, ProtectedError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.keptuploads import KeepUploadsMixin
from core.uploads import image_width

from . import media
from .library import Image
from .models import COVER_MIN_WIDTH

CHOOSER_PAGE_SIZE = 24


class ImageAdminForm(KeepUploadsMixin, forms.ModelForm):
    """Upload or edit a library picture: the file is checked by the model field's
    validators (core/uploads.py, as covers are); the same file twice is refused with the
    picture already stored."""

    kept_upload_fields = ["file"]

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            existing = media.duplicate_of(upload, exclude_pk=self.instance.pk)
            if existing is not None:
                raise forms.ValidationError(
                    _(
                        "This picture is already in the library as “%(alt)s” (image "
                        "%(pk)d): use that one, or choose another file."
                    ),
                    code="duplicate_image",
                    params={"alt": existing.alt_text, "pk": existing.pk},
                )
            width = image_width(upload)
            is_cover = self.instance.pk and self.instance.cover_of.exists()
            if is_cover and width is not None and width < COVER_MIN_WIDTH:
                raise forms.ValidationError(
                    _(
                        "This picture is %(width)d pixels wide, and the picture it replaces "
                        "is an article’s cover, which needs at least %(minimum)d."
                    ),
                    code="cover_too_narrow",
                    params={"width": width, "minimum": COVER_MIN_WIDTH},
                )
        return upload


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The library: the list with thumbnails, the upload form, each picture's page with the
    articles using it, and the chooser (see the module docstring)."""

    form = ImageAdminForm
    list_display = [
        "thumbnail_column",
        "alt_text",
        "dimensions",
        "file_size",
        "use_count",
        "uploaded",
    ]
    list_display_links = ["alt_text"]
    search_fields = ["alt_text", "caption", "credit", "original_name"]
    list_filter = ["format"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    readonly_fields = ["preview", "details", "used_by", "snippet_field"]

    class Media:
        css = {"all": ["css/admin-images.css"]}

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["file", "alt_text", "caption", "credit"]})]
        return [
            (None, {"fields": ["preview", "file", "alt_text", "caption", "credit"]}),
            (_("About the file"), {"fields": ["details", "snippet_field"]}),
            (_("Used by"), {"fields": ["used_by"]}),
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                body_uses=Count("uses", distinct=True),
                cover_uses=Count("cover_of", distinct=True),
            )
        )

    def get_urls(self):
        return [
            path(
                "chooser/",
                self.admin_site.admin_view(self.chooser_view),
                name="articles_image_chooser",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if change:
            media.image_changed(obj, set(form.changed_data))

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ProtectedError:
            # An article took the picture between the confirmation and the click.
            self.message_user(request, IN_USE_MESSAGE, messages.ERROR)
            return redirect("admin:articles_image_change", object_id)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            action, name, description = actions["delete_selected"]
            actions["delete_selected"] = (refusing_pictures_in_use(action), name, description)
        return actions

    def get_deleted_objects(self, objs, request):
        """An image in use is never deleted (PROTECT): the confirmation page says which
        articles use it, linked, instead of Django's list of the rows in the way."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        using = [(image, list(media.articles_using(image))) for image in objs]
        if any(articles for _image, articles in using):
            if len(using) == 1:
                protected = [article_link(article) for article in using[0][1]]
            else:
                protected = [
                    format_html("{}: {}", image.alt_text, format_html_join_articles(articles))
                    for image, articles in using
                    if articles
                ]
        return deleted, model_count, perms_needed, protected

    @admin.display(description=_("picture"))
    def thumbnail_column(self, obj):
        return format_html(
            '<img class="library-thumb" src="{}" alt="" width="{}" height="{}" loading="lazy">',
            obj.thumbnail_url,
            *thumbnail_size(obj, 96),
        )

    @admin.display(description=_("size"), ordering="width")
    def dimensions(self, obj):
        return f"{obj.width:,} × {obj.height:,} px"

    @admin.display(description=_("file"), ordering="size_bytes")
    def file_size(self, obj):
        return format_html("{} · {}", obj.format, filesizeformat(obj.size_bytes))

    @admin.display(description=_("uploaded"), ordering="uploaded_at")
    def uploaded(self, obj):
        return date_format(timezone.localtime(obj.uploaded_at), "j M Y")

    @admin.display(description=_("uses"))
    def use_count(self, obj):
        """In bodies and as covers (an article may use it both ways)."""
        return (getattr(obj, "body_uses", 0) or 0) + (getattr(obj, "cover_uses", 0) or 0)

    @admin.display(description=_("picture"))
    def preview(self, obj):
        return format_html(
            '<img class="library-preview" src="{}" alt="{}" width="{}" height="{}">',
            obj.thumbnail_url,
            obj.alt_text,
            *thumbnail_size(obj, 240),
        )

    @admin.display(description=_("file"))
    def details(self, obj):
        return format_html(
            "{} · {} × {} px · {} · {}",
            obj.format,
            f"{obj.width:,}",
            f"{obj.height:,}",
            filesizeformat(obj.size_bytes),
            obj.original_name or "—",
        )

    @admin.display(description=_("Markdown for a body"))
    def snippet_field(self, obj):
        return format_html("<code>{}</code>", obj.snippet)

    @admin.display(description=_("articles"))
    def used_by(self, obj):
        articles = list(media.articles_using(obj))
        if not articles:
            return _("No article uses this picture: it can be deleted.")
        return format_html_join_articles(articles)

    def chooser_view(self, request):
        """Pictures to insert into a body (see the module docstring for the JSON)."""
        user = request.user
        if not (user.has_perm("articles.change_article") or user.has_perm("articles.add_article")):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()[:100]
        if any(ord(char) < 32 for char in query):
            query = ""
        images = Image.objects.matching(query).only(
            "file", "alt_text", "caption", "credit", "width", "height", "uploaded_at"
        )
        page = Paginator(images, CHOOSER_PAGE_SIZE).get_page(request.GET.get("page"))
        if wants_json(request):
            return JsonResponse(
                {
                    "results": [chooser_item(image) for image in page],
                    "page": page.number,
                    "num_pages": page.paginator.num_pages,
                    "count": page.paginator.count,
                    "has_next": page.has_next(),
                    "has_previous": page.has_previous(),
                }
            )
        chosen = None
        chosen_id = request.GET.get("chosen", "")
        if chosen_id.isascii() and chosen_id.isdigit() and len(chosen_id) < 12:
            chosen = Image.objects.filter(pk=int(chosen_id)).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Choose a picture"),
            "page_obj": page,
            "query": query,
            "chosen": chosen,
            "items": [chooser_item(image) for image in page],
            "add_url": reverse("admin:articles_image_add"),
        }
        return TemplateResponse(request, "admin/articles/image/chooser.html", context)


class BodyPicturesAdminMixin:
    """For the article admin: after a save, tell the editor which pictures the body could
    not show (the same words as the preview's), instead of dropping them silently."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for message in media.problem_messages(getattr(obj, "body_problems", [])):
            self.message_user(request, message, messages.WARNING)


IN_USE_MESSAGE = _(
    "Nothing was deleted: an article has just started using the picture. Its page lists the "
    "articles that use it."
)


def refusing_pictures_in_use(action):
    """Django's bulk delete, answering with a message when an article took one of the
    pictures between the confirmation and the click (PROTECT), instead of a 500."""

    @functools.wraps(action)
    def delete_selected(modeladmin, request, queryset):
        try:
            return action(modeladmin, request, queryset)
        except ProtectedError:
            modeladmin.message_user(request, IN_USE_MESSAGE, messages.ERROR)
            return None

    return delete_selected


def wants_json(request):
    if request.GET.get("format") == "json":
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def chooser_item(image):
    return {
        "id": image.pk,
        "thumbnail": image.thumbnail_url,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "snippet": image.snippet,
    }


def thumbnail_size(image, box):
    """(width, height) of the thumbnail shown in a ``box``-pixel square."""
    if not image.width or not image.height:
        return box, box
    scale = min(1, box / image.width, box / image.height)
    return max(1, round(image.width * scale)), max(1, round(image.height * scale))


def article_link(article):
    return format_html(
        '<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[article.pk]),
        article.title,
    )  # fmt: skip


def format_html_join_articles(articles):
    """Linked titles of ``articles``, for the admin (articles_using's rows)."""
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("admin:articles_article_change", args=[a.pk]), a.title) for a in articles),
    )

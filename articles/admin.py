"""Editors write, schedule and publish articles here."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from core.keptuploads import KeepUploadsMixin

from . import (
    admin_images,  # noqa: F401  (registers the media library's admin)
    checklist,
)
from .admin_editor import EditorAdminMixin, EditorFormMixin
from .admin_images import BodyPicturesAdminMixin
from .admin_revisions import RevisionsAdminMixin
from .admin_workflow import WorkflowAdminMixin, WorkflowFormMixin  # registers "Upcoming" too
from .figures import figures_for
from .media import problem_messages
from .models import Article, Category, Correction, LegacyAddress, Reference, SiteSettings
from .rendering import MAX_SOURCE_CHARS, MarkdownError, render_markdown_within

MARKDOWN_ERRORS = {
    "too_long": _("The body is too long: at most %(limit)s characters, please."),
    "too_slow": _(
        "This Markdown takes too long to turn into a page (for example, many “[” that "
        "never close). Please simplify it; your text is unchanged."
    ),
    "failed": _(
        "This Markdown cannot be turned into a page (it nests too deeply, for example "
        "lists within lists). Please simplify it; your text is unchanged."
    ),
}


def markdown_error_message(error):
    return MARKDOWN_ERRORS[error.code] % {"limit": f"{MAX_SOURCE_CHARS:,}"}


def render_editor_markdown(source, reference_count=0):
    """An editor's Markdown rendered within the size and time limits (articles/rendering.py),
    or MarkdownError."""
    return render_markdown_within(
        source,
        reference_count,
        seconds=settings.PULSE_MARKDOWN_RENDER_SECONDS,
        images=figures_for(source),
    )


class ArticleAdminForm(KeepUploadsMixin, WorkflowFormMixin, EditorFormMixin):
    """The article form: the body must render within the limits before it is saved, so
    that saving (which renders it again) never ties up a worker either.  A cover chosen in
    a form refused for another field is kept (core/keptuploads.py); a status change goes
    through the publishing rules (WorkflowFormMixin); a save from an older version than the
    stored one is refused (EditorFormMixin)."""

    kept_upload_fields = ["cover_image"]

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        try:
            render_editor_markdown(body)
        except MarkdownError as error:
            raise forms.ValidationError(
                markdown_error_message(error), code=f"markdown_{error.code}"
            ) from error
        return body


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("medical review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", _("Review overdue")), ("none", _("Never reviewed"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "none":
            return queryset.filter(last_reviewed__isnull=True)
        return queryset


class ReferenceInline(admin.StackedInline):
    """Stacked rows: a citation is a sentence, and a table of five wide inputs overflowed
    the window."""

    model = Reference
    extra = 1
    fields = ["position", "citation", "url", "doi", "pubmed_id"]
    classes = ["collapse"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["date", "text"]
    classes = ["collapse"]


@admin.register(LegacyAddress)
class LegacyAddressAdmin(admin.ModelAdmin):
    """Old addresses (from a WordPress import) that answer a 301 to an article: editors
    can find, correct or remove one."""

    list_display = ["path", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["path", "article__title"]
    raw_id_fields = ["article"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "position", "requires_medical_signoff"]
    list_select_related = ["parent"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(
    EditorAdminMixin,
    BodyPicturesAdminMixin,
    WorkflowAdminMixin,
    RevisionsAdminMixin,
    SimpleHistoryAdmin,
):
    """Articles, with their versions under "History": each shows what changed, any two are
    compared and one restored (admin_revisions.py); roles, the checklist, the status actions
    and the medical sign-off are in admin_workflow.py.  The form is a writing desk (Markdown
    editor, autosave, edit locks, refused overwrites): admin_editor.py."""

    form = ArticleAdminForm

    list_display = [
        "title",
        "status_badge",
        "category",
        "author",
        "published_at",
        "review_due",
        "updated_at",
    ]
    list_filter = [
        "status",
        "featured",
        ReviewOverdueFilter,
        "category",
        "author",
        ("published_at", admin.DateFieldListFilter),
    ]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "category", "reviewer"]
    raw_id_fields = ["cover_library_image"]  # its lookup lists the library with thumbnails
    list_select_related = ["category", "author"]
    history_list_display = ["status"]
    inlines = [ReferenceInline, CorrectionInline]
    date_hierarchy = "published_at"
    readonly_fields = ["preview_link", "updated_at", "reading_minutes"]
    actions = ["send_to_review", "publish", "unpublish", "sign_off"]
    # Sections an editor can fold away; "after-inlines" ones come after References and
    # Corrections (templates/admin/articles/article/change_form.html).
    fieldsets = [
        (_("Content"), {"fields": ["title", "category", "author", "summary", "body", "tags"]}),
        (
            _("Cover image"),
            {
                "fields": ["cover_image", "cover_library_image", "cover_alt"],
                "classes": ["collapse"],
            },
        ),
        (
            _("Medical review"),
            {"fields": ["reviewer", "last_reviewed", "next_review_due"], "classes": ["collapse"]},
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "preview_link",
                    "published_at",
                    "featured",
                    "comments_open",
                    "comments_close_after_days",
                    "updated_at",
                    "reading_minutes",
                ],
                "classes": ["after-inlines"],
            },
        ),
        (_("SEO"), {"fields": ["slug"], "classes": ["collapse", "after-inlines"]}),
    ]

    class Media:
        js = ["js/admin-article.js"]
        css = {"all": ["css/admin-article.css"]}

    def get_urls(self):
        return [
            path(
                "tag-suggestions/",
                self.admin_site.admin_view(self.tag_suggestions),
                name="articles_article_tag_suggestions",
            ),
            path(
                "markdown-preview/",
                self.admin_site.admin_view(self.markdown_preview),
                name="articles_article_markdown_preview",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        """Existing tags starting with what the editor is typing (the tags field's
        autocomplete), so that "insomnia" is not added again as "Insomnia"."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        typed = request.GET.get("q", "").strip()[:100]
        if not typed or any(ord(char) < 32 for char in typed):
            # Nothing typed yet, or characters no tag has (PostgreSQL refuses NUL outright).
            return JsonResponse({"tags": []})
        names = Tag.objects.filter(name__istartswith=typed).order_by("name")
        return JsonResponse({"tags": list(names.values_list("name", flat=True)[:10])})

    def markdown_preview(self, request):
        """The body as readers would see it, rendered by the same code as on save.  Used
        by the editor's live preview (articles/editor.js); without JavaScript, "Save and
        continue" and the preview link show the same.  Too long, too slow or too deep a body
        answers 422 with the reason, within the time limit."""
        if request.method != "POST" or not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        # The editor sends how many references the form has, so that [n] links as on save.
        count = request.POST.get("references", "")
        references = min(int(count), 999) if count.isascii() and count.isdigit() else 0
        try:
            rendered = render_editor_markdown(request.POST.get("body", ""), references)
        except MarkdownError as error:
            return JsonResponse({"error": str(markdown_error_message(error))}, status=422)
        return JsonResponse(
            {
                "html": rendered.html,
                "minutes": rendered.reading_minutes,
                "problems": problem_messages(rendered.problems),
            }
        )

    def history_view(self, request, object_id, extra_context=None):
        # simple_history filters by the raw id: "abc" would be a 500, not "no such article".
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The same for a version id that is not a number (or too big to be one).
        version = str(version_id)
        if not (version.isascii() and version.isdigit() and len(version) < 19):
            raise Http404(_("No such version."))
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="{}">{}</span>', obj.published_at.isoformat(), _("Scheduled")
            )
        return obj.get_status_display()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The body was rendered on save (when it changed); render again only when the
        # references changed too, so that new [n] markers link.  The version was recorded
        # by the first save.
        if not any(f.model is Reference and f.has_changed() for f in formsets):
            return
        article = form.instance
        article.render_body(force=True)
        article.skip_history_when_saving = True
        try:
            article.save(update_fields=["body_html", "toc", "reading_minutes",
                                        "cited_references", "body_text"])  # fmt: skip
        finally:
            del article.skip_history_when_saving

    @admin.display(description=_("next review"), ordering="next_review_due")
    def review_due(self, obj):
        if obj.next_review_due is None:
            return "—"
        if obj.review_is_overdue:
            return format_html(
                '<strong class="errornote">{} ({})</strong>', obj.next_review_due, _("overdue")
            )
        return obj.next_review_due

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the article to preview it.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_preview_url(),
            _("Preview this version as readers will see it"),
        )


class SiteSettingsForm(forms.ModelForm):
    blocking_checks = forms.MultipleChoiceField(
        label=_("Checks that block publishing"),
        choices=checklist.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The pre-publish checklist items that stop publishing; the others warn."),
    )

    class Meta:
        model = SiteSettings
        fields = [
            "medical_disclaimer",
            "target_reading_grade",
            "review_interval_months",
            "blocking_checks",
        ]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row, edited in place: it can be neither added twice nor deleted."""

    form = SiteSettingsForm

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings_row = SiteSettings.load()
        return redirect("admin:articles_sitesettings_change", settings_row.pk)

"""The article admin's workflow: roles (a writer sees and edits only their own drafts), the
status field and the bulk actions going through articles/publishing.py, the pre-publish
checklist panel on the form, the medical reviewer's sign-off (a confirmation page, then a
POST) and the "Upcoming" list of scheduled articles."""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.forms.models import construct_instance
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import checklist, publishing, roles
from .models import Article, SiteSettings, UpcomingArticle

# Fields only a medical reviewer's sign-off sets (or someone with that permission).
REVIEW_FIELDS = ("reviewer", "last_reviewed", "next_review_due")


# The fields the checklist reads that a form can show differently from its instance.
CHECKED_FIELDS = ("body", "summary", "cover_alt")


def as_shown(form):
    """The article with what an unbound form shows in place of its instance's values (an
    autosave restored into the form's initial values), so that the checklist judges the
    text on screen; a copy, so that nothing else of the request sees it."""
    article = form.instance
    if form.is_bound:
        return article
    shown = {
        name: form.initial[name]
        for name in CHECKED_FIELDS
        if name in form.initial and form.initial[name] != getattr(article, name)
    }
    if not shown:
        return article
    article = copy.copy(article)
    for name, value in shown.items():
        setattr(article, name, value)
    return article


class WorkflowFormMixin:
    """For the article form: a status change is checked by the publishing service against
    the article as the form would save it, and refused with the reasons."""

    current_user = None  # set by the admin's get_form for this request

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status is None or self.current_user is None:
            return cleaned
        # A copy: the form's own instance is only filled after clean().
        candidate = construct_instance(self, copy.copy(self.instance), self._meta.fields)
        reasons = publishing.refusals(self.current_user, candidate, status)
        if reasons:
            raise forms.ValidationError(
                [forms.ValidationError(reason, code="publishing_refused") for reason in reasons]
            )
        return cleaned


class WorkflowAdminMixin:
    """Mixed into ArticleAdmin (before SimpleHistoryAdmin)."""

    def get_queryset(self, request):
        return roles.visible(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.user.has_perm(roles.EDIT_OTHERS):
            return True
        # The stored article decides, not a historical version or a form's copy of it.
        stored = Article.objects.select_related("author").filter(pk=obj.pk).first()
        return stored is not None and roles.can_edit(request.user, stored)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    def has_sign_off_permission(self, request):
        return roles.can_sign_off(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not roles.can_sign_off(request.user):
            fields += [name for name in REVIEW_FIELDS if name not in fields]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # modelform_factory makes a class per request: what is set on it concerns this one.
        form.current_user = request.user
        status = form.base_fields.get("status")
        if status is not None:
            status.choices = roles.status_choices(request.user)
        return form

    def save_model(self, request, obj, form, change):
        # The form refused already; this guards any other way a form could reach here.
        if not roles.may_move(request.user, publishing.stored_status(obj), obj.status):
            raise PermissionDenied
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The article as saved, as just submitted when the form is shown again, or as an
        # unbound form shows it (an autosave restored into it).
        items = checklist.check_article(as_shown(context["adminform"].form))
        context["checklist"] = items
        context["checklist_blocking"] = checklist.blocking_items(items)
        context["can_sign_off"] = obj is not None and roles.can_sign_off(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path(
                "checklist/",
                self.admin_site.admin_view(self.checklist_view),
                name="articles_article_checklist",
            ),
            path(
                "<path:object_id>/sign-off/",
                self.admin_site.admin_view(self.sign_off_view),
                name="articles_article_sign_off",
            ),
            *super().get_urls(),
        ]

    def checklist_view(self, request):
        """The checklist panel for the form as it stands, unsaved (the form's script posts
        it when a field changes): the same template and checks as on save, on the fields
        the checks read.  Cheap on purpose, as it runs while an editor types: no form
        validation, and a changed body is sketched from its source (checklist.sketch), not
        rendered; the panel made on save reads the real rendering."""
        if request.method != "POST":
            raise PermissionDenied
        object_id = request.POST.get("article", "")
        if object_id:
            article = self.get_object(request, object_id) if object_id.isdigit() else None
            if article is None or not self.has_change_permission(request, article):
                raise PermissionDenied
        elif self.has_add_permission(request):
            article = Article()
        else:
            raise PermissionDenied
        for name in ("body", "summary", "cover_alt"):
            if name in request.POST:
                setattr(article, name, request.POST[name])
        category = request.POST.get("category", "")
        if category.isdigit() and len(category) < 10:
            article.category_id = int(category)
            article._state.fields_cache.pop("category", None)  # read the chosen one
        rendered = None
        if not (article.body_html and article.body == article.loaded_body):
            rendered = checklist.sketch(article.body)
        items = checklist.check_article(article, rendered=rendered)
        context = {"checklist": items, "checklist_blocking": checklist.blocking_items(items)}
        return TemplateResponse(request, "admin/articles/article/checklist.html", context)

    # Actions: each article goes through the publishing service, one version each.

    def _move(self, request, queryset, status, done_message):
        changed, refused = 0, []
        for article in queryset.select_related("category"):
            try:
                publishing.change_status(request.user, article, status)
                changed += 1
            except publishing.Refused as refusal:
                refused.append((article, refusal.reasons))
        if changed:
            self.message_user(request, done_message(changed), messages.SUCCESS)
        for article, reasons in refused:
            self.message_user(
                request,
                format_html("“{}” {} {}", article.title, _("was not changed:"), " ".join(reasons)),
                messages.ERROR,
            )

    @admin.action(description=_("Send selected drafts to review"), permissions=["change"])
    def send_to_review(self, request, queryset):
        drafts = queryset.filter(status=Article.Status.DRAFT)
        if not request.user.has_perm(roles.EDIT_OTHERS):
            drafts = drafts.filter(roles.own(request.user))
        self._move(
            request,
            drafts,
            Article.Status.REVIEW,
            lambda n: ngettext("%d article sent to review.", "%d articles sent to review.", n) % n,
        )

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish(self, request, queryset):
        self._move(
            request,
            queryset.exclude(status=Article.Status.PUBLISHED),
            Article.Status.PUBLISHED,
            lambda n: ngettext("%d article published.", "%d articles published.", n) % n,
        )

    @admin.action(
        description=_("Unpublish selected articles (back to draft)"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        self._move(
            request,
            queryset.filter(status=Article.Status.PUBLISHED),
            Article.Status.DRAFT,
            lambda n: ngettext("%d article unpublished.", "%d articles unpublished.", n) % n,
        )

    @admin.action(description=_("Sign off the medical review"), permissions=["sign_off"])
    def sign_off(self, request, queryset):
        """Asks first (a confirmation page listing the articles); signs off on its POST."""
        articles = list(queryset)
        if request.POST.get("confirm") != "yes":
            return self._sign_off_confirmation(request, articles, from_action=True)
        return self._do_sign_off(request, articles)

    def sign_off_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not (roles.can_sign_off(request.user) and self.has_view_permission(request, article)):
            raise PermissionDenied
        if request.method == "POST":
            self._do_sign_off(request, [article])
            return HttpResponseRedirect(
                reverse("admin:articles_article_change", args=[article.pk])
            )
        return self._sign_off_confirmation(request, [article], from_action=False)

    def _sign_off_confirmation(self, request, articles, *, from_action):
        site = SiteSettings.load()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Sign off the medical review"),
            "opts": self.opts,
            "articles": articles,
            "from_action": from_action,
            "reviewer": getattr(request.user, "author_profile", None),
            "interval": site.review_interval_months,
        }
        return TemplateResponse(request, "admin/articles/article/sign-off.html", context)

    def _do_sign_off(self, request, articles):
        signed = 0
        for article in articles:
            try:
                publishing.sign_off(request.user, article)
                signed += 1
            except publishing.Refused as refusal:
                self.message_user(request, " ".join(refusal.reasons), messages.ERROR)
                break
        if signed:
            self.message_user(
                request,
                ngettext(
                    "Medical review signed off for %d article.",
                    "Medical review signed off for %d articles.",
                    signed,
                )
                % signed,
                messages.SUCCESS,
            )
        return None


@admin.register(UpcomingArticle)
class UpcomingArticleAdmin(admin.ModelAdmin):
    """What goes live when: scheduled articles, soonest first, each linking to its form.
    Read-only; anyone who may see articles may see it (the proxy's own permissions are not
    needed)."""

    list_display = ["goes_live", "title_link", "category", "author"]
    list_display_links = None
    list_select_related = ["category", "author"]
    ordering = ["published_at", "pk"]

    def get_queryset(self, request):
        return roles.visible(request.user, Article.objects.scheduled()).select_related(
            "category", "author"
        )

    def has_module_permission(self, request):
        return request.user.has_module_perms("articles")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article") or request.user.has_perm(
            roles.CHANGE
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("goes live"), ordering="published_at")
    def goes_live(self, obj):
        return obj.published_at

    @admin.display(description=_("title"))
    def title_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[obj.pk]), obj
        )

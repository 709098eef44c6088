"""The article admin's revisions: the history page lets an editor pick any two versions, the
comparison shows them side by side (the body word by word, every other field, references and
corrections), and a version is restored from there (a confirmation page, then a POST).
Only staff who may change the article compare and restore; the logic is articles/revisions.py.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from . import revisions
from .admin_access import changeable_article

# More than this many digits is no history id (and would overflow the database's integer).
MAX_ID_DIGITS = 18


def _version_id(value):
    value = str(value or "")
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS):
        return None
    return int(value)


class RevisionsAdminMixin:
    """Mixed into ArticleAdmin (before SimpleHistoryAdmin)."""

    object_history_list_template = "admin/articles/article/history-list.html"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<str:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a posted revert for anyone who may merely view.
        if request.method == "POST":
            article = self.get_object(request, unquote(object_id))
            if article is None or not self.has_change_permission(request, article):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            revisions.refresh_snapshot(form.instance)

    def _article_for_revisions(self, request, object_id):
        return changeable_article(self, request, object_id)

    def _version(self, article, value):
        version_id = _version_id(value)
        record = None
        if version_id is not None:
            record = article.history.filter(history_id=version_id).first()
        if record is None:
            raise Http404(_("No such version of this article."))
        return record

    def compare_view(self, request, object_id):
        article = self._article_for_revisions(request, object_id)
        old = self._version(article, request.GET.get("old"))
        new = self._version(article, request.GET.get("new"))
        comparison = revisions.compare(old, new)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of “%(title)s”") % {"title": article.title},
            "opts": self.opts,
            "original": article,
            "comparison": comparison,
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        article = self._article_for_revisions(request, object_id)
        record = self._version(article, version_id)
        if request.method == "POST":
            revisions.restore(request.user, article, record)
            self.message_user(
                request,
                _("The version of %(date)s is restored; the one it replaced stays in the history.")
                % {"date": record.history_date.strftime("%Y-%m-%d %H:%M")},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_change", args=[article.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore this version?"),
            "opts": self.opts,
            "original": article,
            "record": record,
            "kept": sorted(revisions.KEPT_ON_RESTORE),
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

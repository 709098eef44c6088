"""Two admin screens that are not lists of rows, each with its entry in the admin's menu:
the moderation dashboard (/admin/comments/dashboard/) and the commenter-data tool (export
or erase everything one commenter wrote).  Their menu entries are proxy models
(models.Dashboard, models.CommenterData): the admin lists registered models only."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import charts, dashboard, privacy
from ..models import CommenterData, Dashboard


class PrivacyForm(forms.Form):
    email = forms.EmailField(label=_("Commenter's email address"))
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            ("export", _("Export their comments as JSON")),
            ("erase", _("Erase their personal data and comment text")),
        ],
        widget=forms.RadioSelect,
    )


def privacy_view(model_admin, request):
    """Export or erase everything one commenter wrote, found by email address.  The queue's
    rows link here with ?email= filled in; nothing happens before the form is posted."""
    if not request.user.has_perm("comments.erase_commenter_data"):
        raise PermissionDenied
    initial = {"email": request.GET.get("email", "")[:254]}
    form = PrivacyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if form.cleaned_data["action"] == "export":
            payload = privacy.export_commenter(email)
            response = HttpResponse(
                json.dumps(payload, indent=2, ensure_ascii=False),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="comments-export.json"'
            return response
        erased = privacy.erase_commenter(email, by=request.user)
        model_admin.message_user(
            request,
            ngettext("Erased %(count)d comment's personal data.",
                     "Erased %(count)d comments' personal data.", erased)
            % {"count": erased},
            messages.SUCCESS,
        )  # fmt: skip
        return HttpResponseRedirect(reverse("admin:comments_comment_privacy"))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": gettext("Commenter data: export or erase"),
        "form": form,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/comments/privacy.html", context)


class ToolAdmin(admin.ModelAdmin):
    """A menu entry with one page behind it (no add, change or delete URLs at all)."""

    permission = ""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self.permission)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.tool_view), name=name)]


@admin.register(CommenterData)
class CommenterDataAdmin(ToolAdmin):
    permission = "comments.erase_commenter_data"

    def tool_view(self, request):
        target = reverse("admin:comments_comment_privacy", current_app=self.admin_site.name)
        email = request.GET.get("email")
        return HttpResponseRedirect(f"{target}?{urlencode({'email': email})}" if email else target)


@admin.register(Dashboard)
class DashboardAdmin(ToolAdmin):
    permission = "comments.moderate_comment"

    class Media:
        css = {"all": ["css/admin-dashboard.css"]}

    def tool_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        figures = dashboard.figures()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Moderation dashboard"),
            "opts": self.opts,
            "media": self.media,
            "figures": figures,
            "charts": charts.dashboard_charts(figures),
        }
        return TemplateResponse(request, "admin/comments/dashboard.html", context)

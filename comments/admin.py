"""The moderation queue.  Moderators approve, reject or mark comments as spam, in bulk, urgent
and reported comments first; nothing is hard-deleted except by a superuser."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import privacy, services
from .models import Comment, CommentReport, DiscussionSettings


class StatusFilter(admin.SimpleListFilter):
    """Status, showing the pending queue unless asked otherwise; plus urgent and reported."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"
    URGENT = "urgent"
    REPORTED = "reported"

    def lookups(self, request, model_admin):
        return [
            *Comment.Status.choices,
            (self.URGENT, _("Urgent")),
            (self.REPORTED, _("Reported")),
            (self.ALL, _("All")),
        ]

    def choices(self, changelist):
        current = self.value() or Comment.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        if value == self.ALL:
            return queryset
        if value == self.URGENT:
            return queryset.urgent()
        if value == self.REPORTED:
            return queryset.reported()
        if value in Comment.Status.values:
            return queryset.filter(status=value)
        return queryset.none()


class ReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    can_delete = False
    fields = ["reason", "note", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


def _moderation_action(name, status, reason, description, message):
    """A bulk action that calls services.moderate with a reason code, for moderators only."""

    def action(modeladmin, request, queryset):
        changed = services.moderate(queryset, status, moderator=request.user, reason=reason)
        modeladmin.message_user(request, message(changed) % {"count": changed}, messages.SUCCESS)

    action.__name__ = name
    return admin.action(description=description, permissions=["moderate"])(action)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "checks", "commenter", "article_link", "status", "created_at"]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, "created_at"]
    search_fields = ["author_name", "author_email", "body", "ip_address", "article__title"]
    list_per_page = 50
    date_hierarchy = "created_at"
    ordering = ["-urgent", "-report_count", "-created_at"]
    inlines = [ReportInline]
    actions = [
        _moderation_action(
            "approve", Comment.Status.APPROVED, "approved", _("Approve selected comments"),
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        ),
        _moderation_action(
            "reject", Comment.Status.REJECTED, "rejected", _("Reject selected comments"),
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        ),
        _moderation_action(
            "reject_misinformation", Comment.Status.REJECTED, "misinformation",
            _("Reject as medical misinformation"),
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        ),
        _moderation_action(
            "reject_abuse", Comment.Status.REJECTED, "abuse", _("Reject as abusive"),
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        ),
        _moderation_action(
            "mark_spam", Comment.Status.SPAM, "spam", _("Mark selected comments as spam"),
            lambda n: ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n
            ),
        ),
        "block_email",
        "block_ip",
        "delete_selected",
    ]  # fmt: skip
    readonly_fields = [
        "article", "parent", "depth", "author_name", "author_email", "author_website", "user",
        "body", "created_at", "edited_at", "ip_address", "user_agent", "score", "reasons_list",
        "urgent", "report_count", "moderated_at", "moderated_by", "moderation_reason",
    ]  # fmt: skip
    fields = ["status", *readonly_fields]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "parent", "moderated_by")

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One query for every commenter on the page, instead of one per row.
        emails = {c.author_email.casefold() for c in changelist.result_list}
        counts = privacy.history_by_email(emails)
        for comment in changelist.result_list:
            comment.history_counts = counts.get(comment.author_email.casefold(), {})
        return changelist

    def get_urls(self):
        return [
            path(
                "privacy/",
                self.admin_site.admin_view(self.privacy_view),
                name="comments_comment_privacy",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
            obj.moderation_reason = f"edited_{obj.status}"
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions

    class Media:
        css = {"all": ["css/admin-moderation.css"]}

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        """The comment, and the one it answers (what a moderator needs to judge a reply)."""
        if obj.parent is None:
            return Truncator(obj.body).chars(140)
        return format_html(
            '{}<br><small class="pulse-parent">↳ {} {}: {}</small>',
            Truncator(obj.body).chars(140),
            _("in reply to"),
            obj.parent.author_name,
            Truncator(obj.parent.body).chars(70),
        )

    @admin.display(description=_("checks"), ordering="-urgent")
    def checks(self, obj):
        badges = []
        if obj.urgent:
            badges.append(("pulse-flag urgent", _("Urgent")))
        if obj.report_count:
            badges.append(("pulse-flag reported", _("Reported ×%d") % obj.report_count))
        if obj.score:
            badges.append(("pulse-flag score", _("Score %d") % obj.score))
        flags = format_html_join(" ", '<span class="{}">{}</span>', badges)
        return format_html("{}{}", flags, self.reasons_list(obj)) if badges or obj.reasons else "—"

    @admin.display(description=_("commenter"), ordering="author_name")
    def commenter(self, obj):
        counts = getattr(obj, "history_counts", None)
        if counts is None:
            counts = privacy.history_by_email({obj.author_email.casefold()}).get(
                obj.author_email.casefold(), {}
            )
        return format_html(
            "{}<br><small>{}</small><br>"
            '<small class="pulse-history" title="{}">{} ✓ · {} ✗</small>',
            obj.author_name,
            obj.author_email,
            _("approved so far · spam so far"),
            counts.get(Comment.Status.APPROVED, 0),
            counts.get(Comment.Status.SPAM, 0),
        )

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            obj.get_absolute_url(),
            Truncator(obj.article.title).chars(50),
        )

    @admin.display(description=_("reasons"))
    def reasons_list(self, obj):
        if not obj.reasons:
            return "—"
        return format_html(
            "<ul class='pulse-reasons'>{}</ul>",
            format_html_join(
                "", "<li><code>{}</code> {}</li>", ((r["code"], r["message"]) for r in obj.reasons)
            ),
        )

    @admin.action(description=_("Block these emails and mark as spam"), permissions=["moderate"])
    def block_email(self, request, queryset):
        changed = services.block_senders(queryset, moderator=request.user, emails=True)
        self.message_user(request, _("Emails blocked; %d comments marked as spam.") % changed)

    @admin.action(description=_("Block these IP addresses and mark as spam"),
                  permissions=["moderate"])  # fmt: skip
    def block_ip(self, request, queryset):
        changed = services.block_senders(queryset, moderator=request.user, ips=True)
        self.message_user(
            request, _("IP addresses blocked; %d comments marked as spam.") % changed
        )

    def privacy_view(self, request):
        """Export or erase everything one commenter wrote, found by email address."""
        if not request.user.has_perm("comments.erase_commenter_data"):
            raise PermissionDenied
        form = PrivacyForm(request.POST or None)
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
            self.message_user(
                request,
                ngettext("Erased %(count)d comment's personal data.",
                         "Erased %(count)d comments' personal data.", erased)
                % {"count": erased},
                messages.SUCCESS,
            )  # fmt: skip
            return HttpResponseRedirect(reverse("admin:comments_comment_privacy"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Commenter data: export or erase"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/comments/privacy.html", context)


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


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    """One row of settings: the list view goes straight to it."""

    fieldsets = [
        (_("Who and when"), {"fields": ["comments_enabled", "close_after_days",
                                        "who_can_comment", "moderation"]}),
        (_("Spam and abuse"), {"fields": ["max_links", "spam_threshold", "rate_limit_count",
                                          "rate_limit_seconds", "reports_to_hide",
                                          "blocklist_action", "blocked_words", "blocked_emails",
                                          "blocked_domains", "blocked_ips"]}),
        (_("Threads"), {"fields": ["max_depth", "comments_per_page", "order"]}),
        (_("Health and privacy"), {"fields": ["crisis_message", "retention_days"]}),
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings_row = DiscussionSettings.load()
        return HttpResponseRedirect(
            reverse("admin:comments_discussionsettings_change", args=[settings_row.pk])
        )


from .spam import admin as spam_admin  # noqa: E402,F401

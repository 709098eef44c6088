"""The site-wide discussion settings: one row, edited like WordPress's Settings › Discussion."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import DiscussionSettings


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

    def response_change(self, request, obj):
        # Not the admin's "The discussion settings “Discussion settings” was changed
        # successfully.": there is only one of them, and the page is where one goes back to.
        self.message_user(request, gettext("The discussion settings are saved."), messages.SUCCESS)
        return HttpResponseRedirect(request.path)

"""Editors manage author profiles here."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "avatar_preview", "user"]
    search_fields = ["name", "credentials", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    list_select_related = ["user"]

    def get_readonly_fields(self, request, obj=None):
        # Linking a profile to a login account is a superuser's decision.
        return [] if request.user.is_superuser else ["user"]

    @admin.display(description=_("avatar"))
    def avatar_preview(self, obj):
        if not obj.avatar:
            return "—"
        return format_html(
            '<img src="{}" width="32" height="32" alt="" style="border-radius:50%">',
            obj.avatar_small.url,
        )

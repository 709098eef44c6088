"""The "Spam filter" entry in the admin: one page of figures and a retrain button, no list
of stored models to edit (comments/spam/admin_views.py)."""

from django.contrib import admin
from django.urls import path

from . import admin_views
from .models import SpamFilterModel


@admin.register(SpamFilterModel)
class SpamFilterAdmin(admin.ModelAdmin):
    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(lambda request: function(request, self))

        return [
            path("", view(admin_views.spam_filter), name="comments_spamfiltermodel_changelist"),
            path("retrain/", view(admin_views.retrain), name="comments_spamfiltermodel_retrain"),
        ]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(admin_views.PERMISSION)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

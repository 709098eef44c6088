"""The moderation queue.  Moderators approve, reject or mark comments as spam, in bulk;
nothing is hard-deleted except by a superuser."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Comment


class StatusFilter(admin.SimpleListFilter):
    """Status, showing the pending queue unless asked otherwise."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("All"))]

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
        if value in Comment.Status.values:
            return queryset.filter(status=value)
        return queryset.none()


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "commenter", "article_link", "status", "created_at"]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, "created_at", "article"]
    search_fields = ["author_name", "author_email", "body", "ip_address", "article__title"]
    list_select_related = ["article"]
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "mark_spam", "delete_selected"]
    readonly_fields = [
        "article", "parent", "depth", "author_name", "author_email", "author_website", "user",
        "body", "created_at", "ip_address", "user_agent", "moderated_at", "moderated_by",
    ]  # fmt: skip
    fields = [
        "status", "article", "parent", "depth", "author_name", "author_email", "author_website",
        "user", "body", "created_at", "ip_address", "user_agent", "moderated_at", "moderated_by",
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "moderated_by")

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
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

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return Truncator(obj.body).chars(90)

    @admin.display(description=_("commenter"), ordering="author_name")
    def commenter(self, obj):
        return format_html("{}<br><small>{}</small>", obj.author_name, obj.author_email)

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            obj.get_absolute_url(),
            Truncator(obj.article.title).chars(50),
        )

    def _moderate(self, request, queryset, status, message):
        changed = services.moderate(queryset, status, moderator=request.user)
        self.message_user(request, message(changed) % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Approve selected comments"), permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.APPROVED,
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        )

    @admin.action(description=_("Reject selected comments"), permissions=["moderate"])
    def reject(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.REJECTED,
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        )

    @admin.action(description=_("Mark selected comments as spam"), permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.SPAM,
            lambda n: ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n
            ),
        )

"""Editors write, schedule and publish articles here."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status_badge", "category", "author", "published_at", "updated_at"]
    list_filter = ["status", "category", "author", ("published_at", admin.DateFieldListFilter)]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "category"]
    list_select_related = ["category", "author"]
    date_hierarchy = "published_at"
    readonly_fields = ["preview_link", "updated_at", "reading_minutes"]
    actions = ["send_to_review", "publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "author", "summary", "body"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_alt"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "preview_link",
                    "published_at",
                    "comments_open",
                    "comments_close_after_days",
                    "updated_at",
                    "reading_minutes",
                ]
            },
        ),
    ]

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="{}">{}</span>', obj.published_at.isoformat(), _("Scheduled")
            )
        return obj.get_status_display()

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the article to preview it.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_preview_url(),
            _("Preview this version as readers will see it"),
        )

    @admin.action(description=_("Send selected drafts to review"), permissions=["change"])
    def send_to_review(self, request, queryset):
        changed = queryset.filter(status=Article.Status.DRAFT).update(
            status=Article.Status.REVIEW, updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%d article sent to review.", "%d articles sent to review.", changed)
            % changed,
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        changed = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or timezone.now()
            article.save(update_fields=["status", "published_at", "updated_at"])
            changed += 1
        self.message_user(
            request,
            ngettext("%d article published.", "%d articles published.", changed) % changed,
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish selected articles (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        changed = queryset.filter(status=Article.Status.PUBLISHED).update(
            status=Article.Status.DRAFT, updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%d article unpublished.", "%d articles unpublished.", changed) % changed,
            messages.SUCCESS,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        # Signals only invalidate the page cache; services call content_version.bump() themselves
        # after bulk updates, which send no signals.
        from django.db.models.signals import post_delete, post_save

        from articles import content_version

        from .models import Comment, DiscussionSettings

        post_save.connect(comment_saved, sender=Comment, dispatch_uid="pagecache-comment")
        post_delete.connect(
            content_version.bump, sender=Comment, dispatch_uid="pagecache-d-comment"
        )
        post_save.connect(
            content_version.bump, sender=DiscussionSettings, dispatch_uid="pagecache-discussion"
        )


# Saving only these changes nothing readers see (a report below the threshold, an edit
# waiting beside the approved text, the checks' findings, who owns or moderated it).
PRIVATE_FIELDS = frozenset({
    "pending_body", "pending_body_html", "pending_since", "reasons", "score", "urgent",
    "report_count", "notify_on_approval", "notify_on_reply", "moderation_reason",
    "moderated_at", "moderated_by", "fingerprint", "owner_key", "email_confirmed_at",
    "ip_address", "user_agent",
})  # fmt: skip


def comment_saved(sender, instance, created, update_fields=None, **kwargs):
    """Refresh cached pages only when readers could notice: the comment is public now, or
    was before this save.  A held comment, or its author's edit of it, keeps the cache."""
    from articles import content_version

    if update_fields is not None and set(update_fields) <= PRIVATE_FIELDS:
        return
    if instance.status == instance.Status.APPROVED or instance.was_public:
        content_version.bump()

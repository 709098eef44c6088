from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        # Signals only invalidate the page cache; services invalidate themselves after bulk
        # updates, which send no signals.
        from django.db.models.signals import post_delete, post_save

        from .models import Comment, DiscussionSettings

        post_save.connect(comment_saved, sender=Comment, dispatch_uid="pages-comment")
        post_delete.connect(comment_saved, sender=Comment, dispatch_uid="pages-d-comment")
        post_save.connect(
            discussion_changed, sender=DiscussionSettings, dispatch_uid="pages-discussion"
        )


# Saving only these changes nothing readers see (a report below the threshold, an edit
# waiting beside the approved text, the checks' findings, who owns or moderated it).
PRIVATE_FIELDS = frozenset({
    "pending_body", "pending_body_html", "pending_since", "reasons", "score", "urgent",
    "report_count", "notify_on_approval", "notify_on_reply", "moderation_reason",
    "moderated_at", "moderated_by", "fingerprint", "owner_key", "email_confirmed_at",
    "ip_address", "user_agent",
})  # fmt: skip


def comment_saved(sender, instance, update_fields=None, **kwargs):
    """Refresh cached pages only when readers could notice: the comment is public now, or
    was before this save.  A held comment, or its author's edit of it, keeps the cache."""
    from .pages import comments_changed

    if update_fields is not None and set(update_fields) <= PRIVATE_FIELDS:
        return
    if instance.status == instance.Status.APPROVED or instance.was_public:
        comments_changed(instance.article)


def discussion_changed(created=False, **_kwargs):
    """Every article page shows the discussion settings' effects (form, order, closing).
    The row made on first use holds the defaults already in effect: nothing changes."""
    from core import pagecache

    if not created:
        pagecache.invalidate(site=True)

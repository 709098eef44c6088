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


def comment_saved(sender, instance, created, **kwargs):
    """A new comment held for moderation changes no public page: keep the cache warm."""
    from articles import content_version

    if not created or instance.status == "approved":
        content_version.bump()

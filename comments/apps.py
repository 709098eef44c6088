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


def comment_saved(sender, instance, **kwargs):
    """Only a comment that is, or was until now, public changes a page: a new comment held
    for moderation, or a reader's edit of their own pending one, keeps the cache warm."""
    from .models import Comment
    from .pages import comments_changed

    public = Comment.Status.APPROVED
    if instance.status == public or instance.loaded_status == public:
        comments_changed(instance.article)


def discussion_changed(created=False, **_kwargs):
    """Every article page shows the discussion settings' effects (form, order, closing).
    The row made on first use holds the defaults already in effect: nothing changes."""
    from core import pagecache

    if not created:
        pagecache.invalidate(site=True)

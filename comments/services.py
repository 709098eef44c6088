"""Posting and moderating comments.  Views, admin actions and commands all call these, so
the rules live in one place."""

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from .models import Comment


def attach_point(parent):
    """The parent a reply really hangs from: replies deeper than the cap attach to the
    deepest allowed ancestor, so threads never become unreadably narrow."""
    max_depth = settings.PULSE_COMMENT_MAX_DEPTH
    while parent is not None and parent.depth >= max_depth:
        parent = parent.parent
    return parent


def post_comment(*, article, name, email, body, website="", parent=None, user=None,
                 ip_address=None, user_agent=""):  # fmt: skip
    """Store a reader's comment, held for moderation."""
    comment = Comment(
        article=article,
        parent=attach_point(parent),
        author_name=name.strip(),
        author_email=email.strip(),
        author_website=website.strip(),
        body=body,
        user=user if user is not None and user.is_authenticated else None,
        ip_address=ip_address,
        user_agent=(user_agent or "")[:300],
        status=Comment.Status.PENDING,
    )
    comment.save()
    return comment


@transaction.atomic
def moderate(comments, status, *, moderator):
    """Set the status of each comment and record who did it, when, in the admin log.

    Returns how many comments changed.  Comments are never deleted here: a mistaken
    "spam" can always be undone.
    """
    # of=("self",): PostgreSQL cannot lock the nullable side of the admin's outer joins.
    changed = list(
        comments.select_related(None).exclude(status=status).select_for_update(of=("self",))
    )
    if not changed:
        return 0
    now = timezone.now()
    for comment in changed:
        comment.status = status
        comment.moderated_at = now
        comment.moderated_by = moderator
    Comment.objects.bulk_update(changed, ["status", "moderated_at", "moderated_by"])
    LogEntry.objects.log_actions(
        user_id=moderator.pk,
        queryset=changed,
        action_flag=CHANGE,
        change_message=gettext("Status set to %(status)s.")
        % {"status": Comment.Status(status).label},
        single_object=len(changed) == 1,
    )
    return len(changed)

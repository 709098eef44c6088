"""Moderators' decisions as labels: every approve, "not spam", reject and spam is one.

A comment counts once a moderator has set its status (``moderated_by``); a commenter deleting
their own comment is not a decision, and erased comments have no text left to learn from.
Spam is spam; approved, pending (taken out of Spam) and rejected comments were written by a
person, so for the spam filter they are real comments: a rejection says "not publishable"
(abuse, misinformation), not "a bot sent it", and teaching the filter otherwise would send
angry readers' comments to Spam unseen.
"""

from ..models import Comment
from ..privacy import ERASED_BODY
from .models import SpamFilterModel

RETRAIN_EVERY = 20
# The newest decisions kept for training: a site's recent taste matters most.
MAX_DECISIONS = 20_000
# The newest decisions held out of a trial model to measure it (the admin page's figures).
EVALUATED = 200


def decided():
    return Comment.objects.filter(moderated_by__isnull=False, moderated_at__isnull=False).exclude(
        body=ERASED_BODY
    )


def labelled(limit=MAX_DECISIONS):
    """The newest decisions, newest first: dicts of what the filter reads and the label."""
    rows = (
        decided()
        .order_by("-moderated_at", "-pk")
        .values(
            "pk", "body", "author_name", "author_website", "status", "reasons", "score", "urgent"
        )[:limit]
    )
    return [{**row, "spam": row["status"] == Comment.Status.SPAM} for row in rows]


def since_last_training():
    """How many decisions moderators made since the current model was trained."""
    trained_at = (
        SpamFilterModel.objects.order_by("-version").values_list("trained_at", flat=True).first()
    )
    decisions = decided()
    if trained_at is not None:
        decisions = decisions.filter(moderated_at__gt=trained_at)
    return decisions.count()

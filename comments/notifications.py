"""When a comment is heard about: each event queues its kind of email once the comment's
transaction commits; comments/emails.py builds it and the background worker
(comments/tasks.py) sends it, so a broken mail server can neither lose a comment nor fail
the reader's request."""

from functools import partial

from django.db import transaction

from .emails import APPROVED, CONFIRM_EMAIL, MODERATORS_HELD, REPLY
from .models import Comment
from .tasks import send_notification


def _queue(kind, comment_id):
    transaction.on_commit(partial(send_notification.enqueue, kind, comment_id), robust=True)


def comment_posted(comment):
    if comment.status == Comment.Status.PENDING:
        _queue(MODERATORS_HELD, comment.pk)
    elif comment.status == Comment.Status.APPROVED:
        comment_approved(comment)


def comment_edit_held(comment):
    """An approved comment's edit waits for review: the moderators' email shows the edit."""
    _queue(MODERATORS_HELD, comment.pk)


def confirmation_requested(comment):
    """Ask the owner of the typed address to confirm it was them (known commenters)."""
    _queue(CONFIRM_EMAIL, comment.pk)


def comment_approved(comment):
    if comment.notify_on_approval:
        _queue(APPROVED, comment.pk)
    if comment.parent_id:
        _queue(REPLY, comment.pk)

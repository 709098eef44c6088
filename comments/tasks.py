"""Background jobs (django-tasks; run by `manage.py db_worker`, which `make run` starts)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from core.siteurl import absolute

from . import notifications, tokens
from .models import Comment

logger = logging.getLogger(__name__)


def moderator_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    moderators = users.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="moderate_comment")
        | Q(user_permissions__codename="moderate_comment")
    )
    return sorted(set(moderators.values_list("email", flat=True)))


def unsubscribe_url(email, kind):
    token = tokens.unsubscribe_token(email, kind)
    return absolute(reverse("comments:unsubscribe", kwargs={"token": token}))


def build_messages(kind, comment):
    """The emails one notification sends: (subject, body, recipients) tuples."""
    context = {
        "comment": comment,
        "article": comment.article,
        "site_name": settings.PULSE_SITE_NAME,
        "comment_url": absolute(comment.get_absolute_url()),
    }
    if kind == notifications.MODERATORS_HELD:
        recipients = moderator_addresses()
        if not recipients:
            return []
        context.update(
            approve_url=absolute(reverse("comments:moderate", kwargs={
                "token": tokens.moderation_token(comment.pk, "approve")})),
            reject_url=absolute(reverse("comments:moderate", kwargs={
                "token": tokens.moderation_token(comment.pk, "reject")})),
            queue_url=absolute(reverse("admin:comments_comment_change", args=[comment.pk])),
        )  # fmt: skip
        subject = ("[URGENT] " if comment.urgent else "") + (
            f"Comment held for review on “{comment.article.title}”"
        )
        body = render_to_string("comments/email/moderators_held.txt", context)
        return [(subject, body, recipients)]
    if kind == notifications.APPROVED:
        if not comment.notify_on_approval or comment.status != Comment.Status.APPROVED:
            return []
        context["unsubscribe_url"] = unsubscribe_url(comment.author_email, "approval")
        body = render_to_string("comments/email/approved.txt", context)
        return [(f"Your comment on “{comment.article.title}” is published", body,
                 [comment.author_email])]  # fmt: skip
    if kind == notifications.REPLY:
        parent = comment.parent
        if (
            parent is None
            or not parent.notify_on_reply
            or comment.status != Comment.Status.APPROVED
            or parent.author_email.casefold() == comment.author_email.casefold()
        ):
            return []
        context.update(parent=parent, unsubscribe_url=unsubscribe_url(parent.author_email,
                                                                       "reply"))  # fmt: skip
        body = render_to_string("comments/email/reply.txt", context)
        return [(f"{comment.author_name} replied to your comment", body, [parent.author_email])]
    raise ValueError(f"unknown notification kind {kind!r}")


@task()
def send_notification(kind, comment_id, attempt=1):
    """Send one notification; on failure try again later, backing off, then give up loudly.

    Returns how many emails went out."""
    comment = Comment.objects.select_related("article", "parent").filter(pk=comment_id).first()
    if comment is None:
        return 0
    sent = 0
    try:
        for subject, body, recipients in build_messages(kind, comment):
            sent += EmailMessage(subject, body, to=recipients).send()
    except Exception:
        if attempt >= settings.PULSE_EMAIL_ATTEMPTS:
            logger.exception("Giving up on %s email for comment %s", kind, comment_id)
            raise
        delay = timedelta(minutes=2 ** (attempt - 1))
        logger.warning("Could not send %s email for comment %s; retrying in %s",
                       kind, comment_id, delay, exc_info=True)  # fmt: skip
        retry = send_notification
        if retry.get_backend().supports_defer:  # the database worker; not the immediate runner
            retry = retry.using(run_after=timezone.now() + delay)
        retry.enqueue(kind, comment_id, attempt + 1)
    return sent

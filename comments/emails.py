"""The notification emails: who receives each kind and what it says.  Built here, queued
by comments/notifications.py, sent by the worker (comments/tasks.py)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.siteurl import absolute

from . import tokens
from .diffs import word_diff
from .hygiene import header_safe, plain_text
from .links import comment_url
from .models import Comment

MODERATORS_HELD = "moderators_held"
APPROVED = "approved"
REPLY = "reply"
CONFIRM_EMAIL = "confirm_email"


@dataclass
class Email:
    subject: str
    body: str
    to: list
    headers: dict = field(default_factory=dict)


def moderator_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    moderators = users.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="moderate_comment")
        | Q(user_permissions__codename="moderate_comment")
    )
    return sorted(set(moderators.values_list("email", flat=True)))


def unsubscribe_url(comment, kind):
    """The link names the comment, never its address: no email reaches an access log."""
    token = tokens.unsubscribe_token(comment.pk, kind)
    return absolute(reverse("comments:unsubscribe", kwargs={"token": token}))


def list_unsubscribe(url):
    """RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe that POSTs to it."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def moderation_link(comment, action, state):
    token = tokens.moderation_token(comment.pk, action, state)
    return absolute(reverse("comments:moderate", kwargs={"token": token}))


def build_messages(kind, comment):
    """The emails one notification sends.  Stored names and titles reach headers only as
    one clean line (hygiene.header_safe), and bodies only without control characters."""
    article = comment.article
    context = {
        "comment": comment,
        "article": article,
        "article_title": plain_text(article.title),
        "commenter": header_safe(comment.author_name),
        "body": plain_text(comment.body),
        "site_name": settings.PULSE_SITE_NAME,
        "comment_url": absolute(comment_url(comment)),
    }
    title = header_safe(article.title, limit=100)
    if kind == MODERATORS_HELD:
        recipients = moderator_addresses()
        waiting = comment.status == Comment.Status.PENDING or (
            comment.status == Comment.Status.APPROVED and comment.has_pending_edit
        )
        if not recipients or not waiting:  # decided before the worker got to it
            return []
        state = tokens.link_state(comment)
        context.update(
            approve_url=moderation_link(comment, "approve", state),
            reject_url=moderation_link(comment, "reject", state),
            queue_url=absolute(reverse("admin:comments_comment_change", args=[comment.pk])),
            email=header_safe(comment.author_email),
            edit=plain_text(comment.pending_body) if comment.has_pending_edit else "",
            diff=word_diff(comment.body, comment.pending_body) if comment.has_pending_edit else (),
        )
        if comment.has_pending_edit:
            subject = _("Edit held for review on “%(title)s”") % {"title": title}
        else:
            subject = _("Comment held for review on “%(title)s”") % {"title": title}
        subject = ("[URGENT] " if comment.urgent else "") + subject
        body = render_to_string("comments/email/moderators_held.txt", context)
        return [Email(subject, body, recipients)]
    if kind == APPROVED:
        if not comment.notify_on_approval or comment.status != Comment.Status.APPROVED:
            return []
        url = unsubscribe_url(comment, "approval")
        context["unsubscribe_url"] = url
        body = render_to_string("comments/email/approved.txt", context)
        subject = _("Your comment on “%(title)s” is published") % {"title": title}
        return [Email(subject, body, [comment.author_email], list_unsubscribe(url))]
    if kind == REPLY:
        parent = comment.parent
        if (
            parent is None
            or not parent.notify_on_reply
            or comment.status != Comment.Status.APPROVED
            or parent.status != Comment.Status.APPROVED
            or parent.author_email.casefold() == comment.author_email.casefold()
        ):
            return []
        url = unsubscribe_url(parent, "reply")
        context.update(parent=parent, parent_name=header_safe(parent.author_name),
                       unsubscribe_url=url)  # fmt: skip
        body = render_to_string("comments/email/reply.txt", context)
        subject = _("%(name)s replied to your comment") % {"name": context["commenter"]}
        return [Email(subject, body, [parent.author_email], list_unsubscribe(url))]
    if kind == CONFIRM_EMAIL:
        if comment.status != Comment.Status.PENDING or comment.email_confirmed_at:
            return []
        token = tokens.confirmation_token(comment.pk, tokens.link_state(comment))
        context["confirm_url"] = absolute(reverse("comments:confirm", kwargs={"token": token}))
        body = render_to_string("comments/email/confirm_email.txt", context)
        subject = _("Did you comment on “%(title)s”?") % {"title": title}
        return [Email(subject, body, [comment.author_email])]
    raise ValueError(f"unknown notification kind {kind!r}")

"""Posting, editing, reporting and moderating comments.  Views, admin actions, emails'
one-click links and commands all call these, so the rules live in one place."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from articles import content_version

from . import checks, notifications
from .models import Comment, CommentReport, DiscussionSettings


@dataclass
class PostResult:
    comment: Comment
    created: bool
    assessment: checks.Assessment | None = None

    @property
    def needs_crisis_help(self):
        return self.comment.urgent


def attach_point(parent, max_depth):
    """The parent a reply really hangs from: replies deeper than the cap attach to the
    deepest allowed ancestor, so threads never become unreadably narrow."""
    while parent is not None and parent.depth >= max_depth:
        parent = parent.parent
    return parent


def fingerprint(article_id, email, body):
    """Same article, same email, same words (ignoring case and spacing) = same comment."""
    normal = " ".join(body.casefold().split())
    return hashlib.sha256(
        f"{article_id}\n{email.casefold().strip()}\n{normal}".encode()
    ).hexdigest()


def find_duplicate(article, email, body, ip_address):
    """An identical comment already on this article from the same email or IP address."""
    same_sender = Q(fingerprint=fingerprint(article.pk, email, body))
    if ip_address:
        same_sender |= Q(ip_address=ip_address, body=body)
    return Comment.objects.filter(same_sender, article=article).order_by("pk").first()


def post_comment(*, article, name, email, body, website="", parent=None, user=None,
                 ip_address=None, user_agent="", honeypot="", form_age=0.0,
                 form_signature_ok=True, notify_on_approval=False, notify_on_reply=False,
                 discussion=None):  # fmt: skip
    """Check and store a reader's comment.  A duplicate (a double-click, a resubmitted
    form) returns the comment already stored instead of making a second one."""
    discussion = discussion or DiscussionSettings.load()
    duplicate = find_duplicate(article, email, body, ip_address)
    if duplicate is not None:
        return PostResult(duplicate, created=False)

    submission = checks.Submission(
        article=article, name=name, email=email, body=body, website=website,
        ip_address=ip_address, user_agent=user_agent, honeypot=honeypot, form_age=form_age,
        form_signature_ok=form_signature_ok, discussion=discussion,
    )  # fmt: skip
    known = Comment.objects.public().filter(author_email__iexact=email.strip()).exists()
    assessment = checks.assess(submission, known_commenter=known)
    signed_in = user if user is not None and user.is_authenticated else None
    author_user_id = article.author.user_id
    comment = Comment(
        article=article,
        parent=attach_point(parent, discussion.max_depth),
        author_name=name.strip(),
        author_email=email.strip(),
        author_website=website.strip(),
        body=body,
        user=signed_in,
        by_article_author=bool(signed_in and author_user_id and signed_in.pk == author_user_id),
        ip_address=ip_address,
        user_agent=(user_agent or "")[:300],
        status=assessment.status,
        score=assessment.score,
        reasons=assessment.reasons,
        urgent=assessment.urgent,
        notify_on_approval=notify_on_approval,
        notify_on_reply=notify_on_reply,
        fingerprint=fingerprint(article.pk, email, body),
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        # Two identical posts raced past find_duplicate(); the unique fingerprint let one in.
        duplicate = find_duplicate(article, email, body, ip_address)
        if duplicate is None:
            raise
        return PostResult(duplicate, created=False)
    notifications.comment_posted(comment)
    return PostResult(comment, created=True, assessment=assessment)


def can_edit(comment, owned_ids, minutes):
    """The same browser, within ``minutes`` of posting, and not removed by a moderator."""
    return (
        comment.pk in owned_ids
        and comment.status in (Comment.Status.PENDING, Comment.Status.APPROVED)
        and timezone.now() - comment.created_at <= timedelta(minutes=minutes)
    )


def edit_comment(comment, body, *, discussion=None):
    """A commenter's correction goes back through the checks: it may return to the queue."""
    discussion = discussion or DiscussionSettings.load()
    submission = checks.Submission(
        article=comment.article, name=comment.author_name, email=comment.author_email,
        body=body, website=comment.author_website, ip_address=comment.ip_address,
        user_agent=comment.user_agent, discussion=discussion, form_age=None,
        form_signature_ok=True,
    )  # fmt: skip
    # The form timestamp only matters for new posts.
    assessment = checks.assess(submission, known_commenter=False)
    assessment.findings = [f for f in assessment.findings if f.code != "form_token"]
    assessment.score = sum(f.score for f in assessment.findings)
    was_public = comment.status == Comment.Status.APPROVED
    comment.body = body
    comment.fingerprint = fingerprint(comment.article_id, comment.author_email, body)
    comment.reasons = assessment.reasons
    comment.score = assessment.score
    comment.urgent = assessment.urgent
    comment.edited_at = timezone.now()
    if assessment.status == "approved" and was_public:
        comment.status = Comment.Status.APPROVED
    elif assessment.status in ("spam", "rejected"):
        comment.status = assessment.status
    else:
        comment.status = Comment.Status.PENDING if assessment.findings else comment.status
    comment.save()
    return comment


def delete_own_comment(comment):
    """A commenter withdraws their comment: hidden, kept for the record, never destroyed."""
    comment.status = Comment.Status.REJECTED
    comment.moderation_reason = "author_deleted"
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderation_reason", "moderated_at"])


def report_comment(comment, *, reason, note="", ip_address=None, discussion=None):
    """Record a reader's report; enough reports send a published comment back to review.

    Returns False when this IP address had already reported this comment."""
    discussion = discussion or DiscussionSettings.load()
    with transaction.atomic():
        if ip_address and comment.reports.filter(ip_address=ip_address).exists():
            return False
        CommentReport.objects.create(
            comment=comment, reason=reason, note=note, ip_address=ip_address
        )
        comment.report_count = comment.reports.count()
        fields = ["report_count"]
        if (
            comment.status == Comment.Status.APPROVED
            and comment.report_count >= discussion.reports_to_hide
        ):
            comment.status = Comment.Status.PENDING
            comment.reasons = [
                *comment.reasons,
                {
                    "code": "reported",
                    "message": gettext("Hidden after %(count)d reader reports.")
                    % {"count": comment.report_count},
                    "score": 0,
                },
            ]
            fields += ["status", "reasons"]
        comment.save(update_fields=fields)
    return True


@transaction.atomic
def moderate(comments, status, *, moderator, reason=""):
    """Set the status of each comment and record who did it, when and why, in the admin
    log.  Returns how many comments changed.  Comments are never deleted here: a mistaken
    "spam" can always be undone."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the admin's outer joins.
    changed = list(
        comments.select_related(None).exclude(status=status).select_for_update(of=("self",))
    )
    if not changed:
        return 0
    now = timezone.now()
    reason = reason or status
    for comment in changed:
        comment.status = status
        comment.moderated_at = now
        comment.moderated_by = moderator
        comment.moderation_reason = reason
        if status != Comment.Status.PENDING:
            comment.urgent = False
    Comment.objects.bulk_update(
        changed, ["status", "moderated_at", "moderated_by", "moderation_reason", "urgent"]
    )
    content_version.bump()
    LogEntry.objects.log_actions(
        user_id=moderator.pk,
        queryset=changed,
        action_flag=CHANGE,
        change_message=gettext("Status set to %(status)s (reason: %(reason)s).")
        % {"status": Comment.Status(status).label, "reason": reason},
        single_object=len(changed) == 1,
    )
    if status == Comment.Status.APPROVED:
        for comment in changed:
            notifications.comment_approved(comment)
    checks.spam_decisions_recorded(len(changed))
    return len(changed)


def block_senders(comments, *, moderator, emails=False, ips=False):
    """Add the comments' emails and/or IP addresses to the blocklists and mark them spam."""
    discussion = DiscussionSettings.load()
    rows = list(comments.values_list("author_email", "ip_address"))
    if emails:
        known = set(discussion.blocked_email_list)
        new = sorted({e.casefold() for e, _ip in rows if e and e.casefold() not in known})
        discussion.blocked_emails = "\n".join([discussion.blocked_emails.strip(), *new]).strip()
    if ips:
        known = set(discussion.blocked_ip_list)
        new = sorted({ip for _e, ip in rows if ip and ip not in known})
        discussion.blocked_ips = "\n".join([discussion.blocked_ips.strip(), *new]).strip()
    discussion.save()
    return moderate(comments, Comment.Status.SPAM, moderator=moderator, reason="blocked")

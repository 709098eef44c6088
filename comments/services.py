"""Posting, editing, reporting and moderating comments.  Views, admin actions, emails'
one-click links and commands all call these, so the rules live in one place."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from articles.models import Article
from authors.models import Author

from . import checks, notifications, tokens
from .addresses import address_group
from .models import Comment, CommentCorrection, CommentReport, DiscussionSettings
from .pages import comments_changed

# What a one-click link in an email may do.
LINK_ACTIONS = {"approve": Comment.Status.APPROVED, "reject": Comment.Status.REJECTED}


@dataclass
class PostResult:
    comment: Comment
    created: bool
    # The sender's browser owns ``comment``: it is new, or the browser's own earlier post.
    owned: bool = True
    assessment: checks.Assessment | None = None

    @property
    def needs_crisis_help(self):
        """The words just typed mention a crisis (whatever became of the comment)."""
        return self.assessment.urgent if self.assessment else self.comment.urgent


def attach_point(parent, max_depth):
    """The parent a reply really hangs from: replies deeper than the cap attach to the
    deepest allowed ancestor, so threads never become unreadably narrow."""
    while parent is not None and parent.depth >= max_depth:
        parent = parent.parent
    return parent


def fingerprint(article_id, body, sender):
    """Same article, same words (ignoring case and spacing), same sender = one comment:
    what a double click or a resubmitted form sends.  The sender is the browser's key or,
    for a browser posting for the first time, its address group.  The email is left out
    on purpose: whether a typed email matches a stored comment must never change the
    answer to a post."""
    normal = " ".join(body.casefold().split())
    return hashlib.sha256(f"{article_id}\n{sender}\n{normal}".encode()).hexdigest()


def address_sender(ip_address):
    return f"ip:{address_group(ip_address)}"


def find_duplicate(article, body, sender_key, ip_address):
    """The comment these words already made from this sender, or None.

    A browser with a key matches what it posted with that key, and what it posted from
    its address before it had one (it owns that comment: the key was given with it).  A
    browser without a key matches by address alone: it may be the second click of a first
    post, so a comment is never stored twice, but it never becomes the owner."""
    by_address = fingerprint(article.pk, body, address_sender(ip_address))
    if sender_key:
        same = Q(fingerprint=fingerprint(article.pk, body, sender_key)) | Q(
            fingerprint=by_address, owner_key=sender_key
        )
    else:
        same = Q(fingerprint=by_address)
    return Comment.objects.filter(same, article=article).order_by("pk").first()


def has_approved_comments(email):
    return Comment.objects.public().filter(author_email__iexact=email.strip()).exists()


def browser_proved_email(email, sender_key):
    """This browser posted an approved comment under ``email``, or confirmed the address
    with the link we emailed: proof that it is the address's owner, not a typed guess."""
    if not sender_key:
        return False
    return (
        Comment.objects.filter(author_email__iexact=email.strip(), owner_key=sender_key)
        .filter(Q(status=Comment.Status.APPROVED) | Q(email_confirmed_at__isnull=False))
        .exists()
    )


def post_comment(*, article, name, email, body, website="", parent=None, user=None,
                 ip_address=None, user_agent="", honeypot="", form_age=0.0,
                 form_signature_ok=True, notify_on_approval=False, notify_on_reply=False,
                 owner_key="", sender_key="", discussion=None):  # fmt: skip
    """Check and store a reader's comment.

    ``sender_key`` is the hash of the key the request's browser already had ("" for a
    browser posting for the first time); ``owner_key`` the hash of the key it leaves with,
    which owns the new comment.  A duplicate (a double click, a resubmitted form) stores
    nothing: the comment already stored comes back with ``created=False`` and ``owned``
    saying whether this browser posted it.  The checks run either way, so that a post
    costs the same whether it matched or not.
    """
    discussion = discussion or DiscussionSettings.load()
    print_ = fingerprint(article.pk, body, sender_key or address_sender(ip_address))
    submission = checks.Submission(
        article=article, name=name, email=email, body=body, website=website,
        ip_address=ip_address, user_agent=user_agent, honeypot=honeypot, form_age=form_age,
        form_signature_ok=form_signature_ok, discussion=discussion,
    )  # fmt: skip
    has_history = has_approved_comments(email)
    proved = browser_proved_email(email, sender_key)
    assessment = checks.assess(submission, known_commenter=has_history and proved)
    duplicate = find_duplicate(article, body, sender_key, ip_address)
    if duplicate is not None:
        return _duplicate(duplicate, sender_key, assessment)

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
        fingerprint=print_,
        owner_key=owner_key or sender_key,
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        # Two identical posts raced past the lookup above; the unique fingerprint let one in.
        duplicate = find_duplicate(article, body, sender_key, ip_address)
        if duplicate is None:
            raise
        return _duplicate(duplicate, sender_key, assessment)
    notifications.comment_posted(comment)
    if (
        discussion.moderation == DiscussionSettings.Moderation.KNOWN_COMMENTERS
        and has_history
        and not proved
        and comment.status == Comment.Status.PENDING
        and not assessment.findings
    ):
        # Held only because nothing proves the typed email is theirs: ask its owner.
        notifications.confirmation_requested(comment)
    return PostResult(comment, created=True, owned=True, assessment=assessment)


def _duplicate(comment, sender_key, assessment):
    owned = bool(sender_key) and comment.owner_key == sender_key
    return PostResult(comment, created=False, owned=owned, assessment=assessment)


def can_edit(comment, owned_ids, minutes):
    """The same browser, within ``minutes`` of posting, and neither removed by a moderator
    nor deleted: a pending comment as much as an approved one."""
    return (
        comment.pk in owned_ids
        and comment.status in (Comment.Status.PENDING, Comment.Status.APPROVED)
        and timezone.now() - comment.created_at <= timedelta(minutes=minutes)
    )


def _assess_edit(comment, body, discussion):
    """Every check again, on the new words.  The form's timing only says something about
    a new post, so an edit is taken as having met it."""
    submission = checks.Submission(
        article=comment.article, name=comment.author_name, email=comment.author_email,
        body=body, website=comment.author_website, ip_address=comment.ip_address,
        user_agent=comment.user_agent, discussion=discussion,
        form_age=float(settings.PULSE_COMMENT_MIN_SECONDS), form_signature_ok=True,
    )  # fmt: skip
    return checks.assess(submission, known_commenter=False)


def edit_comment(comment, body, *, discussion=None):
    """A commenter's correction goes back through the checks.

    An edit of an approved comment waits beside it (``pending_body``) for a moderator, and
    readers keep seeing the approved text; only "publish unless a check flags it" applies
    a clean edit at once.  An edit of a comment still waiting for moderation replaces its
    text and keeps it waiting.  Returns the comment."""
    discussion = discussion or DiscussionSettings.load()
    assessment = _assess_edit(comment, body, discussion)
    now = timezone.now()
    comment.reasons = assessment.reasons
    comment.score = assessment.score
    comment.urgent = assessment.urgent
    checked = ["reasons", "score", "urgent"]
    if comment.status != Comment.Status.APPROVED:
        comment.body = body
        comment.edited_at = now
        comment.save(update_fields=["body", "edited_at", *checked])
        return comment
    publish_now = (
        discussion.moderation == DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
        and assessment.status == Comment.Status.APPROVED
    )
    edit_fields = ["pending_body", "pending_since"]
    if publish_now:
        comment.body, comment.edited_at = body, now
        comment.pending_body, comment.pending_since = "", None
        comment.save(update_fields=["body", "edited_at", *edit_fields, *checked])
    else:
        comment.pending_body, comment.pending_since = body, now
        comment.save(update_fields=[*edit_fields, *checked])
        notifications.comment_edit_held(comment)
    return comment


def delete_own_comment(comment):
    """A commenter withdraws their comment: gone from every public place for good, kept for
    the record under a status of its own (never a moderator's rejection, never credited to
    whoever approved it).  Only a moderator restoring it in the admin brings it back."""
    comment.status = Comment.Status.DELETED
    comment.moderation_reason = "author_deleted"
    comment.moderated_at = timezone.now()
    comment.moderated_by = None
    comment.urgent = False
    comment.pending_body, comment.pending_since = "", None
    comment.fingerprint = ""  # posting the same words again makes a new comment
    comment.save(update_fields=[
        "status", "moderation_reason", "moderated_at", "moderated_by", "urgent",
        "pending_body", "pending_since", "fingerprint",
    ])  # fmt: skip


def report_comment(comment, *, reason, note="", ip_address=None, reporter_key="",
                   discussion=None):  # fmt: skip
    """Record a reader's report; enough open reports send a published comment back to
    review.  A person counts once per comment until a moderator next acts on it: the
    same browser key or the same address group (IPv6 by /64) is one reporter.

    Returns False when this person had already reported the comment."""
    discussion = discussion or DiscussionSettings.load()
    network = address_group(ip_address)
    with transaction.atomic():
        # Locked, so that concurrent reports count one at a time (PostgreSQL; SQLite's
        # immediate transactions already run one at a time).
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        same_person = Q()
        if reporter_key:
            same_person |= Q(reporter_key=reporter_key)
        if network:
            same_person |= Q(ip_network=network)
        open_reports = comment.reports.filter(resolved_at=None)
        if same_person and open_reports.filter(same_person).exists():
            return False
        CommentReport.objects.create(
            comment=comment, reason=reason, note=note, ip_address=ip_address,
            ip_network=network, reporter_key=reporter_key,
        )  # fmt: skip
        comment.report_count = open_reports.count()
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


def _decide(comment, status, reason, moderator, now):
    """Apply one moderation decision to ``comment`` in memory; returns the log message.

    With an edit waiting, approving publishes the edit and rejecting discards it (the
    approved text stays up): one action either way.  Spam, or any decision on a comment
    readers do not see, removes the edit with the comment."""
    comment.moderated_at = now
    comment.moderated_by = moderator
    comment.moderation_reason = reason
    label = Comment.Status(status).label
    message = gettext("Status set to %(status)s (reason: %(reason)s).")
    if comment.has_pending_edit and status == Comment.Status.APPROVED:
        comment.body, comment.body_html = comment.pending_body, comment.pending_body_html
        comment.edited_at = comment.pending_since
        message = gettext("Edit approved and published (reason: %(reason)s).")
    elif (
        comment.has_pending_edit
        and status == Comment.Status.REJECTED
        and comment.status == Comment.Status.APPROVED
    ):
        status = Comment.Status.APPROVED
        message = gettext("Edit rejected; the approved text stays (reason: %(reason)s).")
    if status != Comment.Status.PENDING:
        comment.pending_body = comment.pending_body_html = ""
        comment.pending_since = None
        comment.urgent = False
        comment.report_count = 0
    comment.status = status
    return message % {"status": label, "reason": reason}


@transaction.atomic
def moderate(comments, status, *, moderator, reason="", restore=False):
    """Set the status of each comment (or decide its waiting edit) and record who did it,
    when and why, in the admin log.  Returns how many comments changed.

    Comments are never deleted here: a mistaken "spam" can always be undone.  A comment
    its author deleted is left alone unless ``restore`` says a moderator chose, in the
    admin, to bring it back.  Any decision but "pending" resolves the open reports, so only
    reports made after it count towards hiding the comment again."""
    if status == Comment.Status.DELETED:
        raise ValueError("Only a comment's author deletes it (services.delete_own_comment).")
    rows = comments.select_related(None)
    if not restore:
        rows = rows.exclude(status=Comment.Status.DELETED)
    # Nothing to do for a comment already in that status with no edit waiting.
    rows = rows.exclude(status=status, pending_since__isnull=True)
    # of=("self",): PostgreSQL cannot lock the nullable side of the admin's outer joins.
    changed = list(rows.select_for_update(of=("self",)))
    if not changed:
        return 0
    now = timezone.now()
    reason = reason or status
    messages, touched, newly_public = {}, set(), []
    for comment in changed:
        was_public, old_body = comment.status == Comment.Status.APPROVED, comment.body
        message = _decide(comment, status, reason, moderator, now)
        messages.setdefault(message, []).append(comment)
        is_public = comment.status == Comment.Status.APPROVED
        if was_public != is_public or (is_public and comment.body != old_body):
            touched.add(comment.article_id)
        if is_public and not was_public:
            newly_public.append(comment)
    Comment.objects.bulk_update(changed, [
        "status", "moderated_at", "moderated_by", "moderation_reason", "urgent", "body",
        "body_html", "edited_at", "pending_body", "pending_body_html", "pending_since",
        "report_count",
    ])  # fmt: skip
    if status != Comment.Status.PENDING:
        CommentReport.objects.filter(comment__in=[c.pk for c in changed], resolved_at=None).update(
            resolved_at=now
        )
    comments_changed(*Article.objects.filter(pk__in=touched).for_listing_urls())
    for message, group in messages.items():
        LogEntry.objects.log_actions(
            user_id=moderator.pk,
            queryset=group,
            action_flag=CHANGE,
            change_message=message,
            single_object=len(group) == 1,
        )
    for comment in newly_public:
        notifications.comment_approved(comment)
    checks.spam_decisions_recorded(len(changed))
    return len(changed)


def restore_deleted(comments, *, moderator):
    """Bring comments their authors deleted back to the moderation queue (pending): only
    ever what a moderator chose in the admin."""
    return moderate(
        comments.filter(status=Comment.Status.DELETED), Comment.Status.PENDING,
        moderator=moderator, reason="restored", restore=True,
    )  # fmt: skip


def link_refusal(comment, state, *, action=None):
    """Why a link bound to ``state`` may no longer act on ``comment`` ("missing",
    "deleted", "used", "changed"), or None when it may."""
    if comment is None:
        return "missing"
    if comment.status == Comment.Status.DELETED:
        return "deleted"
    if state == tokens.link_state(comment):
        return None
    if action and comment.moderation_reason == f"email_{action}":
        return "used"
    return "changed"


@transaction.atomic
def moderate_by_link(comment_id, action, state, *, moderator):
    """What a moderation email's button does: act only on the comment the email showed.
    Returns None when it acted, else why not (see link_refusal)."""
    comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
    refusal = link_refusal(comment, state, action=action)
    if refusal is None:
        moderate(
            Comment.objects.filter(pk=comment_id), LINK_ACTIONS[action],
            moderator=moderator, reason=f"email_{action}",
        )  # fmt: skip
    return refusal


@transaction.atomic
def confirm_email(comment_id, state):
    """The commenter followed the confirmation link we emailed: the address is proved to be
    theirs, from the browser that posted (known commenters).  A comment held only for want
    of that proof is published.  Returns None, or why the link may not act."""
    comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
    refusal = link_refusal(comment, state)
    if refusal is not None:
        return "used" if refusal == "changed" and comment.email_confirmed_at else refusal
    now = timezone.now()
    comment.email_confirmed_at = now
    fields = ["email_confirmed_at"]
    discussion = DiscussionSettings.load()
    publish = (
        discussion.moderation == DiscussionSettings.Moderation.KNOWN_COMMENTERS
        and comment.status == Comment.Status.PENDING
        and not comment.reasons
        and has_approved_comments(comment.author_email)
    )
    if publish:
        comment.status = Comment.Status.APPROVED
        comment.moderation_reason = "email_confirmed"
        comment.moderated_at = now
        fields += ["status", "moderation_reason", "moderated_at"]
    comment.save(update_fields=fields)
    if publish:
        notifications.comment_approved(comment)
    return None


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


# The moderator's desk (comments/admin/): undo, replies from the queue, corrections.

REPLY_REASON = "replied"  # the comment a moderator answered is approved with this code
STAFF_REPLY_REASON = "staff_reply"
UNDO_REASON = "undo"
CORRECTION_REASON = "corrected"


def decision_snapshot(comment):
    """What :func:`undo_moderation` needs to put ``comment`` back as it is now."""
    return {
        "pk": comment.pk,
        "status": comment.status,
        "urgent": comment.urgent,
        "moderated_at": comment.moderated_at.isoformat() if comment.moderated_at else None,
        "moderated_by_id": comment.moderated_by_id,
        "moderation_reason": comment.moderation_reason,
    }


@transaction.atomic
def undo_moderation(snapshot, *, expected_status, moderator):
    """Put a comment back as ``snapshot`` found it, unless someone changed it since (it no
    longer has ``expected_status``).  The undo is logged with its own reason code; the
    comment then carries the moderation fields it had, so an undone decision does not count
    as one on the dashboard.  Returns True if the comment was put back."""
    pk = snapshot["pk"]
    current = Comment.objects.filter(pk=pk, status=expected_status)
    if not moderate(current, snapshot["status"], moderator=moderator, reason=UNDO_REASON):
        return False
    moderated_at = snapshot["moderated_at"]
    Comment.objects.filter(pk=pk).update(
        urgent=snapshot["urgent"],
        moderated_at=datetime.fromisoformat(moderated_at) if moderated_at else None,
        moderated_by_id=snapshot["moderated_by_id"],
        moderation_reason=snapshot["moderation_reason"],
    )
    return True


def staff_identity(user, article):
    """(name, email, is the article's author) for a reply written in the admin: the author
    profile's name when the user has one, else the account's full name or user name."""
    profile = Author.objects.filter(user=user).first()
    name = profile.name if profile else (user.get_full_name() or user.get_username())
    email = user.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return name[:80], email, bool(article.author.user_id and article.author.user_id == user.pk)


def check_can_reply_as_staff(parent):
    """A reply from the queue approves ``parent``; that only puts it in front of readers if
    everything above it is published, and a removed comment is not answered."""
    if parent.status not in (Comment.Status.PENDING, Comment.Status.APPROVED):
        raise ValidationError(
            gettext("Only a pending or published comment can be answered."),
            code="parent_removed",
        )
    ancestor = parent.parent
    while ancestor is not None:
        if ancestor.status != Comment.Status.APPROVED:
            raise ValidationError(
                gettext("This comment answers one that is not published; approve that one first."),
                code="ancestor_not_public",
            )
        ancestor = ancestor.parent


@transaction.atomic
def reply_as_staff(parent, *, user, body, discussion=None):
    """A moderator's (or the article's author's) reply from the queue.

    The comment answered is approved by the same action (through :func:`moderate`, so with
    its reason code in the log), and the reply is published at once with the staff badge;
    the checks are for readers' comments, not staff's.  A resubmitted form returns the
    reply already stored.  Raises ValidationError when the comment cannot be answered."""
    discussion = discussion or DiscussionSettings.load()
    body = body.strip()
    check_can_reply_as_staff(parent)
    moderate(
        Comment.objects.filter(pk=parent.pk),
        Comment.Status.APPROVED,
        moderator=user,
        reason=REPLY_REASON,
    )
    parent.status = Comment.Status.APPROVED
    article = parent.article
    name, email, by_author = staff_identity(user, article)
    duplicate = find_duplicate(article, email, body, None)
    if duplicate is not None:
        return PostResult(duplicate, created=False)
    reply = Comment(
        article=article,
        parent=attach_point(parent, discussion.max_depth),
        author_name=name,
        author_email=email,
        body=body,
        user=user,
        by_article_author=by_author,
        by_staff=True,
        status=Comment.Status.APPROVED,
        moderation_reason=STAFF_REPLY_REASON,
        fingerprint=fingerprint(article.pk, email, body),
    )
    try:
        with transaction.atomic():
            reply.save()
    except IntegrityError:
        duplicate = find_duplicate(article, email, body, None)
        if duplicate is None:
            raise
        return PostResult(duplicate, created=False)
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[reply],
        action_flag=ADDITION,
        change_message=gettext("Reply published from the queue (reason: %(reason)s).")
        % {"reason": STAFF_REPLY_REASON},
        single_object=True,
    )
    notifications.comment_approved(reply)
    return PostResult(reply, created=True)


@transaction.atomic
def correct_comment(comment, body, *, by, why):
    """A moderator corrects a comment's text (a typo; a phone number or an address the
    commenter posted about themselves).  The original is kept as a CommentCorrection with
    who and why, the change is logged with its reason code, and readers see the corrected
    text.  The fingerprint stays that of what the commenter sent, so sending the original
    again is still recognised as a duplicate.  Returns the correction, or None if the text
    is unchanged."""
    body = body.strip()
    if body == comment.body.strip():
        return None
    correction = CommentCorrection.objects.create(
        comment=comment, old_body=comment.body, new_body=body, why=why, corrected_by=by
    )
    comment.body = body
    comment.save(update_fields=["body"])
    # Earlier log entries name the comment by its first words, which may be what was removed.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id=str(comment.pk)
    ).update(object_repr=str(comment)[:200])
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[comment],
        action_flag=CHANGE,
        change_message=gettext("Text corrected: %(why)s (reason: %(reason)s).")
        % {"why": why, "reason": CORRECTION_REASON},
        single_object=True,
    )
    return correction

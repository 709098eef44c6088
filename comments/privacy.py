"""A commenter's personal data: history for moderators, export and erasure on request,
and the purge of IP addresses and browsers (on comments and on reports) after the
retention period."""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils import timezone

from articles.models import Article

from . import ratelimits, tokens
from .links import comment_urls
from .models import Comment, CommentCorrection, CommentReport, RememberedCommenter
from .pages import comments_changed

ERASED_NAME = "Former commenter"
ERASED_BODY = "[Removed at the commenter's request.]"


def history_by_email(emails):
    """{email: {status: count}} for a set of (case-folded) emails, in one query."""
    if not emails:
        return {}
    rows = (
        Comment.objects.annotate(email_key=Lower("author_email"))
        .filter(email_key__in=emails)
        .values("email_key", "status")
        .annotate(n=Count("pk"))
    )
    history = {}
    for row in rows:
        history.setdefault(row["email_key"], {})[row["status"]] = row["n"]
    return history


def export_commenter(email):
    comments = list(
        Comment.objects.filter(author_email__iexact=email)
        .select_related("article")
        .order_by("created_at")
    )
    urls = comment_urls(comments)
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": c.pk,
                "article": c.article.title,
                "url": urls[c.pk],
                "name": c.author_name,
                "website": c.author_website,
                "body": c.body,
                "edit_awaiting_moderation": c.pending_body,
                "status": c.status,
                "created_at": c.created_at.isoformat(),
                "ip_address": c.ip_address,
                "user_agent": c.user_agent,
            }
            for c in comments
        ],
    }


def erase_commenter(email, *, by=None):
    """Replace everything that identifies the commenter; the rows stay so that replies to
    them still make sense.  Returns how many comments were erased."""
    comments = Comment.objects.filter(author_email__iexact=email)
    commented = Article.objects.filter(pk__in=comments.values("article_id"))
    comments_changed(*commented.for_listing_urls())
    # The admin's history and "Recent actions" keep each comment's name and excerpt.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id__in=[str(pk) for pk in comments.values_list("pk", flat=True)],
    ).update(object_repr=f"{ERASED_NAME}: {ERASED_BODY}")
    # Moderators' corrections keep the original text: that goes too.
    CommentCorrection.objects.filter(comment__in=comments).update(
        old_body=ERASED_BODY, new_body=ERASED_BODY
    )
    RememberedCommenter.objects.filter(email__iexact=email).delete()
    return comments.update(
        user=None,
        author_name=ERASED_NAME,
        author_email="erased@invalid.example",
        author_website="",
        body=ERASED_BODY,
        body_html=f"<p>{ERASED_BODY}</p>",
        pending_body="",
        pending_body_html="",
        pending_since=None,
        fingerprint="",
        owner_key="",
        email_confirmed_at=None,
        ip_address=None,
        user_agent="",
        notify_on_approval=False,
        notify_on_reply=False,
    )


def purge_metadata(days):
    """Clear IP addresses and browsers older than ``days``, from comments and from readers'
    reports; returns (comments changed, reports changed).

    Also forgets what no longer serves its purpose: owners' browser keys once the cookie
    that held the key has expired, remembered commenters whose cookie has, and
    flood-control counters from before yesterday."""
    now = timezone.now()
    cutoff = now - timedelta(days=days)
    stale = Comment.objects.filter(created_at__lt=cutoff).exclude(ip_address=None, user_agent="")
    comments = stale.update(ip_address=None, user_agent="")
    reports = (
        CommentReport.objects.filter(created_at__lt=cutoff)
        .exclude(ip_address=None, ip_network="", reporter_key="")
        .update(ip_address=None, ip_network="", reporter_key="")
    )
    key_expiry = now - timedelta(seconds=tokens.OWNER_MAX_AGE)
    Comment.objects.filter(created_at__lt=key_expiry).exclude(owner_key="").update(owner_key="")
    remembered = now - timedelta(seconds=tokens.REMEMBER_MAX_AGE)
    RememberedCommenter.objects.filter(updated_at__lt=remembered).delete()
    ratelimits.prune(now - timedelta(days=1))
    return comments, reports

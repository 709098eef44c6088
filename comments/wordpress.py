"""The whole WordPress import (`manage.py import_wordpress`, the admin's import page): reads
the export once, streaming, hands authors, terms and items to the articles app's importer
and each item's comments to :class:`CommentImporter`, all in one transaction, so that a file
that turns out broken halfway leaves nothing behind, and a dry run is the same import rolled
back."""

import ipaddress

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from articles.wordpress import ArticleImporter
from articles.wordpress.values import parse_date
from core import pagecache
from core.wordpress.markup import comment_text
from core.wordpress.reader import read_wxr
from core.wordpress.records import AuthorRecord, ItemRecord, Site, TermRecord
from core.wordpress.report import Report

from .models import Comment, DiscussionSettings
from .services import attach_point

STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
    "post-trashed": Comment.Status.REJECTED,
}
PINGS = {"pingback", "trackback", "pings"}
NAME_LENGTH = Comment._meta.get_field("author_name").max_length
WEBSITE_LENGTH = Comment._meta.get_field("author_website").max_length
AGENT_LENGTH = Comment._meta.get_field("user_agent").max_length


class _DryRun(Exception):
    """Raised to roll back a dry run's transaction."""


def import_wordpress(file, *, name=None, media_dir=None, dry_run=False, link_users=False,
                     skip_pages=False, uploaded_by=None, progress=None):  # fmt: skip
    """Import the export in ``file`` (a path or a binary file); returns the Report.  Raises
    core.wordpress.reader.WXRError, with nothing written, for a file that is not a whole,
    well-formed WXR export."""
    report = Report(dry_run=dry_run)
    articles = ArticleImporter(report, media_dir=media_dir, link_users=link_users,
                               skip_pages=skip_pages, uploaded_by=uploaded_by)  # fmt: skip
    try:
        with transaction.atomic():
            comments = CommentImporter(report)
            for record in read_wxr(file, name=name):
                _dispatch(record, articles, comments, report)
                if progress is not None:
                    progress(report)
            articles.finish()
            pagecache.invalidate(site=True)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except BaseException:
        articles.media.discard_files()
        raise
    if dry_run:
        articles.media.discard_files()
    return report


def _dispatch(record, articles, comments, report):
    if isinstance(record, Site):
        articles.site(record)
        return
    report.items_read += 1
    if isinstance(record, AuthorRecord):
        articles.author(record)
    elif isinstance(record, TermRecord):
        articles.term(record)
    elif isinstance(record, ItemRecord):
        article = articles.item(record)
        if article is not None:
            comments.import_for(article, record, articles.label(record))
        elif record.comments:
            report.skip("comments", "on an item that was not imported", len(record.comments))


class CommentImporter:
    def __init__(self, report):
        self.report = report
        self.max_depth = DiscussionSettings.load().max_depth

    def import_for(self, article, item, label):
        placed = {}  # WordPress comment id → Comment
        waiting = []
        for record in item.comments:
            if record.type in PINGS:
                self.report.skip("comments", "pingbacks and trackbacks")
            elif record.type not in {"", "comment"}:
                self.report.skip("comments", f"type “{record.type}”")
            else:
                waiting.append(record)
        ids = {record.wordpress_id for record in waiting}
        # Parents before replies, whatever order the export lists them in.
        while waiting:
            ready = [r for r in waiting if r.parent_id is None or r.parent_id in placed
                     or r.parent_id not in ids]  # fmt: skip
            if not ready:  # a loop of parents: break it at the first
                ready = waiting[:1]
                self.report.warn(label, "comments whose parents form a loop: made top-level")
            for record in ready:
                waiting.remove(record)
                placed[record.wordpress_id] = self.comment(article, record, placed, label)

    def comment(self, article, record, placed, label):
        if record.wordpress_id is not None:
            existing = Comment.objects.filter(wordpress_id=record.wordpress_id).first()
            if existing is not None:
                self.report.existing("comments")
                return existing
        warn = lambda message: self.report.warn(label, message)  # noqa: E731
        parent = placed.get(record.parent_id)
        if parent is None and record.parent_id is not None:
            parent = Comment.objects.filter(wordpress_id=record.parent_id).first()
            if parent is None:
                warn(f"comment {record.wordpress_id}: its parent is not in the export")
        attached = attach_point(parent, self.max_depth)
        if parent is not None and attached is not parent:
            self.report.note(f"Replies deeper than {self.max_depth} levels attach to the "
                             "deepest allowed ancestor, as replies posted here do.")  # fmt: skip
        status = STATUSES.get(record.approved)
        if status is None:
            warn(f"comment {record.wordpress_id}: status “{record.approved}” held for review")
            status = Comment.Status.PENDING
        name = record.author or "Anonymous"
        if len(name) > NAME_LENGTH:
            warn(f"comment {record.wordpress_id}: name shortened to {NAME_LENGTH} characters")
        comment = Comment(
            article=article,
            parent=attached,
            author_name=name[:NAME_LENGTH],
            author_email=_email(record.author_email),
            author_website=_website(record.author_url),
            body=comment_text(record.content),
            status=status,
            created_at=_date(record, article),
            ip_address=_ip(record.author_ip),
            user_agent=record.user_agent[:AGENT_LENGTH],
            moderation_reason="wordpress_import",
            wordpress_id=record.wordpress_id,
        )
        comment.save()
        self.report.imported("comments")
        return comment


def _date(record, article):
    return parse_date(record.date_gmt, record.date) or article.published_at or timezone.now()


def _email(value):
    try:
        EmailValidator()(value)
    except ValidationError:
        return ""
    return value


def _website(value):
    if not value or len(value) > WEBSITE_LENGTH:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value


def _ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None

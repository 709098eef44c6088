"""Reader comments: threaded, moderated softly by status, never shown before approval.

What readers see is what a moderator approved: an edit of an approved comment waits beside
it (``pending_body``) until a moderator decides, and a comment its author deleted has a
status of its own that no bulk action brings back.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from core import avatars
from core.fields import WebsiteField
from core.lookups import AnyOf
from core.singleton import CachedSingleton

from .rendering import render_comment_body
from .threads import ThreadComment, ThreadStub

# The columns a thread shows: nothing personal (email, IP) ever leaves the database for it.
THREAD_FIELDS = [
    "pk", "parent_id", "author_name", "author_website", "body_html", "created_at",
    "by_article_author", "by_staff",
]  # fmt: skip


class CommentQuerySet(models.QuerySet):
    def public(self):
        """What readers may see and count: approved comments only."""
        return self.filter(status=Comment.Status.APPROVED)

    def thread_for(self, article, limit=None):
        """An article's public comments, oldest first (the first ``limit`` of them), as
        light ``ThreadComment`` rows: one query, and only the columns a page shows (nothing
        personal, such as an email or IP address, leaves the database)."""
        rows = (
            self.public()
            .filter(article=article)
            .order_by("created_at", "pk")
            .values_list(*THREAD_FIELDS)
        )
        return [ThreadComment(*row) for row in rows[:limit]]

    def thread_outline(self, article):
        """Every public comment of the article, oldest first, as ``ThreadStub`` (id and
        parent): enough to lay out a long thread and choose one page of it."""
        rows = (
            self.public()
            .filter(article=article)
            .order_by("created_at", "pk")
            .values_list("pk", "parent_id")
        )
        return [ThreadStub(*row) for row in rows]

    def thread_rows(self, ids):
        """{pk: ThreadComment} for those of ``ids`` that are still public."""
        rows = self.public().filter(AnyOf(F("pk"), ids)).values_list(*THREAD_FIELDS)
        return {row[0]: ThreadComment(*row) for row in rows}

    def own_pending(self, article, ids):
        """The comments among ``ids`` (this browser's own) that wait for a moderator, as
        thread rows marked ``awaiting``: shown to their author alone."""
        rows = (
            self.filter(article=article, pk__in=ids, status=Comment.Status.PENDING)
            .order_by("created_at", "pk")
            .values_list(*THREAD_FIELDS)
        )
        return [ThreadComment(*row, awaiting=True) for row in rows]

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def awaiting_moderation(self):
        """What the moderation queue lists: held comments, and approved comments whose
        author's edit waits for a moderator."""
        return self.filter(
            Q(status=Comment.Status.PENDING)
            | Q(status=Comment.Status.APPROVED, pending_since__isnull=False)
        )

    def owned_by(self, owner_key):
        """Comments posted from the browser whose key hashes to ``owner_key`` that it may
        still see as its own (neither removed by a moderator nor deleted), newest first."""
        if not owner_key:
            return self.none()
        return self.filter(
            owner_key=owner_key, status__in=[Comment.Status.PENDING, Comment.Status.APPROVED]
        ).order_by("-created_at", "-pk")

    def urgent(self):
        """Held with crisis language: the first thing a moderator should see."""
        return self.filter(status=Comment.Status.PENDING, urgent=True)

    def reported(self):
        """Readers reported it and no moderator has removed it yet."""
        return self.filter(
            report_count__gt=0, status__in=[Comment.Status.PENDING, Comment.Status.APPROVED]
        )


class Comment(avatars.InitialsAvatar, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")
        DELETED = "deleted", _("Deleted by its author")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(
        _("depth"), default=1, editable=False, help_text=_("1 for a top-level comment.")
    )
    author_name = models.CharField(_("name"), max_length=80)
    author_email = models.EmailField(_("email"), help_text=_("Never published."))
    author_website = WebsiteField(
        _("website"), blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=5000)
    body_html = models.TextField(_("rendered comment"), editable=False, blank=True)
    pending_body = models.TextField(
        _("edit awaiting moderation"),
        max_length=5000,
        blank=True,
        editable=False,
        help_text=_("The author's edit of an approved comment; readers see it once approved."),
    )
    pending_body_html = models.TextField(_("rendered edit"), editable=False, blank=True)
    pending_since = models.DateTimeField(
        _("edited, awaiting moderation since"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    score = models.SmallIntegerField(
        _("spam score"), default=0, editable=False, help_text=_("Sum of what the checks found.")
    )
    reasons = models.JSONField(
        _("reasons"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Why the checks held, rejected or flagged this comment."),
    )
    urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("Crisis language: the commenter may be at risk. Review first."),
    )
    report_count = models.PositiveSmallIntegerField(_("reports"), default=0, editable=False)
    by_article_author = models.BooleanField(_("by the article's author"), default=False)
    by_staff = models.BooleanField(
        _("by staff"),
        default=False,
        editable=False,
        help_text=_("Written by a moderator or editor from the admin; shown with a badge."),
    )
    notify_on_approval = models.BooleanField(_("email when approved"), default=False)
    notify_on_reply = models.BooleanField(_("email about replies"), default=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    moderation_reason = models.CharField(
        _("moderation reason"),
        max_length=40,
        blank=True,
        help_text=_("The reason code recorded with the last moderation action."),
    )
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "Article, words and sender (browser, or address) hashed: a form sent twice is "
            "one comment."
        ),
    )
    owner_key = models.CharField(
        _("owner"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("A hash of the key in the poster's browser cookie: who may edit it."),
    )
    email_confirmed_at = models.DateTimeField(
        _("email confirmed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the commenter confirmed the address with the link we emailed."),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    wordpress_id = models.PositiveBigIntegerField(
        _("WordPress comment id"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Set by import_wordpress: a second import of the same export finds it."),
    )

    objects = CommentQuerySet.as_manager()
    avatar_name_field = "author_name"
    loaded_status = None

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [
            ("moderate_comment", _("Can approve, reject and mark comments as spam")),
            ("erase_commenter_data", _("Can export and erase a commenter's data")),
        ]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            models.Index(fields=["author_email", "status"], name="comment_history_idx"),
            # The queue's commenter history (privacy.history_by_email) matches emails in
            # any case: without this it scans every comment.
            models.Index(Lower("author_email"), "status", name="comment_history_lower_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected", "spam", "deleted"]),
                name="comment_status_valid",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="comment_not_own_parent"),
            models.UniqueConstraint(
                fields=["article", "fingerprint"],
                condition=~Q(fingerprint=""),
                name="comment_unique_fingerprint",
            ),
            models.CheckConstraint(
                condition=Q(depth__gte=1) & Q(depth__lte=32), name="comment_depth_range"
            ),
        ]

    def __str__(self):
        return f"{self.author_name}: {Truncator(self.body).chars(50)}"

    def save(self, *args, **kwargs):
        self.body_html = render_comment_body(self.body)
        self.pending_body_html = (
            render_comment_body(self.pending_body) if self.pending_body else ""
        )
        self.depth = self.parent.depth + 1 if self.parent_id else 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {"body": "body_html", "pending_body": "pending_body_html"}
            kwargs["update_fields"] = {
                *update_fields,
                *(html for field, html in derived.items() if field in update_fields),
            }
        super().save(*args, **kwargs)
        self.loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What the database held, so that a save can tell whether readers saw this comment
        # before (the page cache is refreshed only when they did, or will).
        instance.loaded_status = instance.__dict__.get("status")
        return instance

    def clean(self):
        if self.parent_id is not None:
            try:
                self.parent.check_can_take_reply_on(self.article_id)
            except ValidationError as error:
                raise ValidationError({"parent": error}) from error

    def check_can_take_reply_on(self, article_id):
        """The one rule for replies, used by the model and the reader's form: same article,
        and readers can see this comment (it and every ancestor approved)."""
        if self.article_id != article_id:
            raise ValidationError(
                _("The comment you are replying to is not on this article."),
                code="parent_other_article",
            )
        if not self.is_public_in_thread():
            raise ValidationError(
                _("The comment you are replying to is not published, so it cannot be replied to."),
                code="parent_not_public",
            )

    @property
    def was_public(self):
        """Readers saw this comment as it was loaded from the database."""
        return getattr(self, "loaded_status", None) == self.Status.APPROVED

    @property
    def has_pending_edit(self):
        return self.pending_since is not None

    def is_public_in_thread(self):
        """Approved, and so is every ancestor: only then do readers see it (or a reply)."""
        node = self
        while node is not None:
            if node.status != self.Status.APPROVED:
                return False
            node = node.parent
        return True


class CommentReport(models.Model):
    """A reader's report that a published comment breaks the rules."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or hateful")
        MISINFORMATION = "misinformation", _("Medical misinformation")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    ip_network = models.CharField(
        _("address group"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("The address, or its /64 network for IPv6: one person, counted once."),
    )
    reporter_key = models.CharField(
        _("reporter"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("A hash of the key in the reporter's browser cookie."),
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(
        _("resolved"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a moderator acted on the comment; resolved reports no longer count."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["comment", "resolved_at"], name="report_open_idx"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} — {self.comment_id}"


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class DiscussionSettings(CachedSingleton):
    """Site-wide comment settings editors change in the admin without a deploy, like
    WordPress's Settings › Discussion.  One row; :meth:`load` caches it."""

    class Who(models.TextChoices):
        ANYONE = "anyone", _("Anyone")
        USERS = "users", _("Signed-in users only")

    class Moderation(models.TextChoices):
        HOLD_ALL = "hold_all", _("Hold every comment for a moderator")
        KNOWN_COMMENTERS = (
            "known",
            _("Publish at once if the email already has an approved comment"),
        )
        PUBLISH_UNLESS_FLAGGED = "unless_flagged", _("Publish at once unless a check flags it")

    class Order(models.TextChoices):
        OLDEST = "oldest", _("Oldest first")
        NEWEST = "newest", _("Newest first")

    class BlockAction(models.TextChoices):
        HOLD = "hold", _("Hold for a moderator")
        REJECT = "reject", _("Reject")

    comments_enabled = models.BooleanField(
        _("comments open site-wide"), default=True, help_text=_("Untick to close every form.")
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_("0 keeps comments open; an article may override this."),
    )
    who_can_comment = models.CharField(
        _("who may comment"), max_length=10, choices=Who.choices, default=Who.ANYONE
    )
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.HOLD_ALL
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold when a comment has more links than"), default=2
    )
    blocked_words = models.TextField(_("blocked words"), blank=True, help_text=_("One a line."))
    blocked_emails = models.TextField(
        _("blocked email addresses"), blank=True, help_text=_("One a line.")
    )
    blocked_domains = models.TextField(
        _("blocked domains"),
        blank=True,
        help_text=_("One a line, e.g. spam.example; matches email and link domains."),
    )
    blocked_ips = models.TextField(
        _("blocked IP addresses"), blank=True, help_text=_("One a line.")
    )
    blocklist_action = models.CharField(
        _("when a blocklist matches"),
        max_length=10,
        choices=BlockAction.choices,
        default=BlockAction.HOLD,
    )
    spam_threshold = models.PositiveSmallIntegerField(
        _("spam score threshold"),
        default=10,
        help_text=_("A comment scoring this much goes straight to Spam."),
    )
    max_depth = models.PositiveSmallIntegerField(
        _("maximum thread depth"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    comments_per_page = models.PositiveSmallIntegerField(
        _("top-level comments per page"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    order = models.CharField(
        _("order"), max_length=10, choices=Order.choices, default=Order.OLDEST
    )
    rate_limit_count = models.PositiveSmallIntegerField(
        _("comments allowed per person"),
        default=5,
        help_text=_("Per IP address and per email, within the window below."),
    )
    rate_limit_seconds = models.PositiveIntegerField(_("window (seconds)"), default=300)
    reports_to_hide = models.PositiveSmallIntegerField(
        _("reports that hide a comment"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("A published comment with this many reports goes back to the queue."),
    )
    crisis_message = models.TextField(
        _("crisis resources"),
        default=_(
            "If you are thinking about suicide or harming yourself, or someone may have "
            "taken an overdose, please contact your local emergency number now. You can also "
            "reach a crisis line any time: in the US call or text 988; in the UK and Ireland "
            "call Samaritans on 116 123. You are not alone, and help is available."
        ),
        help_text=_("Shown at once to a commenter whose comment mentions a crisis."),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("keep IP addresses and browsers for (days)"),
        default=30,
        help_text=_("purge_comment_metadata clears them after this many days."),
    )

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="discussion_settings_singleton")
        ]

    def __str__(self):
        return str(_("Discussion settings"))

    @property
    def blocked_word_list(self):
        return _lines(self.blocked_words)

    @property
    def blocked_email_list(self):
        return [line.casefold() for line in _lines(self.blocked_emails)]

    @property
    def blocked_domain_list(self):
        return [line.casefold().lstrip("@.") for line in _lines(self.blocked_domains)]

    @property
    def blocked_ip_list(self):
        return _lines(self.blocked_ips)

    @property
    def rate_limit(self):
        """(count, seconds); PULSE_COMMENT_RATE_LIMIT="N/SECONDS" overrides it for operators."""
        override = settings.PULSE_COMMENT_RATE_LIMIT
        if override:
            return override
        return self.rate_limit_count, self.rate_limit_seconds

    def closes_at(self, article):
        """When comments on ``article`` close by age, or None if they never do."""
        days = article.comments_close_after_days
        if days is None:
            days = self.close_after_days
        if not days or article.published_at is None:
            return None
        return article.published_at + timedelta(days=days)

    def accepts_comments(self, article):
        if not (self.comments_enabled and article.comments_open):
            return False
        closes = self.closes_at(article)
        return closes is None or timezone.now() < closes


class CommentCorrection(models.Model):
    """A moderator's correction of a comment's text (a typo, a phone number the commenter
    posted about themselves): the original is kept here, with who changed it and why."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="corrections"
    )
    old_body = models.TextField(_("original text"))
    new_body = models.TextField(_("corrected text"))
    why = models.CharField(
        _("why"), max_length=200, help_text=_("Kept in the moderation history.")
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("corrected"), default=timezone.now)

    class Meta:
        ordering = ["-corrected_at", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.comment_id}: {self.why}"


class CommenterData(Comment):
    """Not a table: the admin menu's entry for the commenter-data tool (export, erase)."""

    class Meta:
        proxy = True
        verbose_name = _("commenter data")
        verbose_name_plural = _("commenter data")


class Dashboard(Comment):
    """Not a table: the admin menu's entry for the moderation dashboard, at
    /admin/comments/dashboard/."""

    class Meta:
        proxy = True
        verbose_name = _("moderation dashboard")
        verbose_name_plural = _("moderation dashboard")


class RememberedCommenter(models.Model):
    """The name, email and website a commenter asked this site to remember.  Their browser
    holds only a random key (signed) for this row, so the cookie says nothing to anyone
    who reads it, and forgetting them deletes the row."""

    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"))
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(_("last used"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("remembered commenter")
        verbose_name_plural = _("remembered commenters")

    def __str__(self):
        return self.name


class RateLimitCounter(models.Model):
    """One flood-control counter: how many attempts a key (a hashed address, email or
    browser) made in its current window.  Kept in the database, not in a cache whose
    other entries (the page cache) could push it out; comments/ratelimits.py increments
    it atomically."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    window_started = models.DateTimeField(_("window started"))
    count = models.PositiveIntegerField(_("attempts"), default=0)

    # Why export_site leaves these rows out (core/transfer/selection.py reads it).
    transfer_excluded = "flood-control counters last minutes: a restored site starts afresh"

    class Meta:
        ordering = ["-window_started"]
        verbose_name = _("flood-control counter")
        verbose_name_plural = _("flood-control counters")

    def __str__(self):
        return f"{self.key[:12]}…: {self.count}"


from .imports import WordPressImport  # noqa: E402,F401
from .spam.models import SpamFilterModel  # noqa: E402,F401

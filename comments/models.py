"""Reader comments: threaded, moderated softly by status, never shown before approval."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.singleton import CachedSingleton
from authors import avatars
from authors.fields import WebsiteField

from .rendering import render_comment_body
from .threads import ThreadComment

# The columns a thread shows: nothing personal (email, IP) ever leaves the database for it.
THREAD_FIELDS = [
    "pk", "parent_id", "author_name", "author_website", "body_html", "created_at",
    "by_article_author",
]  # fmt: skip


class CommentQuerySet(models.QuerySet):
    def public(self):
        """What readers may see and count: approved comments only."""
        return self.filter(status=Comment.Status.APPROVED)

    def thread_for(self, article):
        """An article's public comments, oldest first, as light ``ThreadComment`` rows:
        one query for the whole thread, whatever its size, and only the columns a page
        shows (nothing personal, such as an email or IP address, leaves the database)."""
        rows = (
            self.public()
            .filter(article=article)
            .order_by("created_at", "pk")
            .values_list(*THREAD_FIELDS)
        )
        return [ThreadComment(*row) for row in rows]

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

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
        help_text=_("Article, email and words hashed: the same comment twice is one comment."),
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

    objects = CommentQuerySet.as_manager()
    avatar_name_field = "author_name"

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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected", "spam"]),
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
        self.depth = self.parent.depth + 1 if self.parent_id else 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

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
    created_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

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


from .spam.models import SpamFilterModel  # noqa: E402,F401

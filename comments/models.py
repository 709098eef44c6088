"""Reader comments: threaded, moderated softly by status, never shown before approval."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from authors import avatars
from authors.fields import WebsiteField

from .rendering import render_comment_body


class CommentQuerySet(models.QuerySet):
    def public(self):
        """What readers may see and count: approved comments only."""
        return self.filter(status=Comment.Status.APPROVED)

    def thread_for(self, article):
        """An article's public comments, oldest first, with only the columns a page shows:
        one query for the whole thread, whatever its size."""
        return (
            self.public()
            .filter(article=article)
            .only("pk", "parent_id", "author_name", "author_website", "body_html", "created_at")
            .order_by("created_at", "pk")
        )

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
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

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can approve, reject and mark comments as spam"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected", "spam"]),
                name="comment_status_valid",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="comment_not_own_parent"),
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
        if self.parent_id is None:
            return
        if self.parent.article_id != self.article_id:
            raise ValidationError(
                {"parent": _("You can only reply to a comment on the same article.")},
                code="parent_other_article",
            )
        if self.parent.status != self.Status.APPROVED:
            raise ValidationError(
                {"parent": _("The comment you are replying to is not published.")},
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

    @property
    def initials(self):
        return avatars.initials(self.author_name)

    @property
    def avatar_tone(self):
        return avatars.tone(self.author_name)

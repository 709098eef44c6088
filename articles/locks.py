"""Edit locks, as WordPress's post locks: whoever has an article's change form open holds
its lock, refreshed by the form's heartbeat (and its autosaves).  A second editor opening the
article is told who is editing it, and since when, and may take over; a lock nobody refreshes
expires by itself, so a closed laptop never blocks anyone for long."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The form sends a heartbeat every 30 seconds; four missed ones release the lock.
LOCK_SECONDS = 120
HEARTBEAT_SECONDS = 30


class ArticleLock(models.Model):
    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="edit_lock",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        on_delete=models.CASCADE,
        related_name="article_locks",
    )
    since = models.DateTimeField(_("editing since"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        ordering = ["-since", "-pk"]
        verbose_name = _("edit lock")
        verbose_name_plural = _("edit locks")

    def __str__(self):
        return f"{self.article} · {self.user}"

    @property
    def is_active(self):
        return self.expires_at > timezone.now()

    @property
    def holder_name(self):
        return self.user.get_full_name() or self.user.get_username()


def _expiry():
    return timezone.now() + timedelta(seconds=LOCK_SECONDS)


def holder(article, user):
    """The active lock on ``article`` held by someone other than ``user``, or None."""
    lock = ArticleLock.objects.filter(article=article).select_related("user").first()
    if lock is None or lock.user_id == user.pk or not lock.is_active:
        return None
    return lock


def acquire(article, user, *, take_over=False):
    """Take or refresh ``user``'s lock on ``article``.  Returns the other editor's lock when
    someone else holds an active one (and ``take_over`` is false), else None."""
    with transaction.atomic():
        lock = (
            ArticleLock.objects.select_for_update()
            .filter(article=article)
            .select_related("user")
            .first()
        )
        if lock is None:
            try:
                with transaction.atomic():
                    ArticleLock.objects.create(article=article, user=user, expires_at=_expiry())
            except IntegrityError:  # another request took it a moment ago
                return holder(article, user)
            return None
        if lock.user_id != user.pk and lock.is_active and not take_over:
            return lock
        if lock.user_id != user.pk or not lock.is_active:
            lock.user = user
            lock.since = timezone.now()
        lock.expires_at = _expiry()
        lock.save()
    return None


def release(article, user):
    """Give the lock back (the editor saved and left), if ``user`` holds it."""
    ArticleLock.objects.filter(article=article, user=user).delete()

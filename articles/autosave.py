"""Autosaves: what an editor has typed into the article form but not saved yet, kept on the
server every few seconds so that a closed tab or a crashed browser loses nothing.

An autosave belongs to one user and one article (or to the user's one "new article" slot);
it is not a revision, is never shown to readers and never changes the article.  Saving the
article deletes it; reopening the form while it is newer than the article offers it back."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The form fields an autosave keeps: the text an editor types (choices and dates are quick to
# set again; an upload cannot be kept in JSON).  Limits bound what one request may store.
FIELDS = ("title", "slug", "summary", "body", "tags", "cover_alt")
MAX_FIELD_CHARS = {"body": 200_000}
DEFAULT_MAX_CHARS = 2_000


class AutosaveQuerySet(models.QuerySet):
    def slot(self, user, article):
        """The one autosave of ``user`` for ``article`` (None: their new-article slot)."""
        if article is None:
            return self.filter(user=user, article__isnull=True)
        return self.filter(user=user, article=article)


class ArticleAutosave(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="article_autosaves",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        help_text=_("Empty for an article that has not been saved yet."),
    )
    data = models.JSONField(_("form content"), default=dict)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    objects = AutosaveQuerySet.as_manager()

    class Meta:
        ordering = ["-saved_at", "-pk"]
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="autosave_one_per_user_and_article"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="autosave_one_new_article_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.article or _('new article')} · {self.saved_at:%Y-%m-%d %H:%M}"


def clean_data(posted):
    """The autosaved fields out of a POST, each cut to its limit (anything else is dropped),
    without NUL characters, which no form field keeps and PostgreSQL's JSON refuses."""
    return {
        name: posted[name].replace("\x00", "")[: MAX_FIELD_CHARS.get(name, DEFAULT_MAX_CHARS)]
        for name in FIELDS
        if isinstance(posted.get(name), str)
    }


def store(user, article, data):
    """Keep ``data`` as the user's autosave for ``article`` (None: a new article)."""
    autosave, _created = ArticleAutosave.objects.update_or_create(
        user=user, article=article, defaults={"data": data, "saved_at": timezone.now()}
    )
    return autosave


def pending(user, article):
    """The user's autosave that is worth offering: newer than the article's last save (any,
    for a new article), else None."""
    autosave = ArticleAutosave.objects.slot(user, article).first()
    if autosave is None:
        return None
    if article is not None and autosave.saved_at <= article.updated_at:
        return None
    return autosave


def discard(user, article):
    ArticleAutosave.objects.slot(user, article).delete()

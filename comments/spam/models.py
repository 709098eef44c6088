"""The trained spam filter, kept in the database so that every web process and worker uses
the same one, with what it was trained on and how well it did."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SpamFilterModelQuerySet(models.QuerySet):
    def latest_version(self):
        return self.order_by("-version").first()


class SpamFilterModel(models.Model):
    """One trained version of the statistical spam filter (comments/spam/classifier.py)."""

    class Trigger(models.TextChoices):
        FIRST_USE = "first_use", _("First use (shipped corpus)")
        COMMAND = "command", _("manage.py train_spam_filter")
        DECISIONS = "decisions", _("New moderator decisions")
        ADMIN = "admin", _("Retrain button")
        STALE = "stale", _("Software upgrade")

    version = models.PositiveIntegerField(_("version"), unique=True)
    trained_at = models.DateTimeField(_("trained"), default=timezone.now)
    trigger = models.CharField(_("trained because of"), max_length=20, choices=Trigger.choices)
    model = models.BinaryField(_("model"), help_text=_("The fitted scikit-learn model."))
    digest = models.CharField(
        _("digest"), max_length=64, help_text=_("SHA-256 of the model, to spot a new one.")
    )
    corpus_spam = models.PositiveIntegerField(_("spam from the shipped corpus"), default=0)
    corpus_real = models.PositiveIntegerField(
        _("real comments from the shipped corpus"), default=0
    )
    decision_spam = models.PositiveIntegerField(_("moderators' spam decisions"), default=0)
    decision_real = models.PositiveIntegerField(_("moderators' not-spam decisions"), default=0)
    training_seconds = models.FloatField(_("training time (s)"), default=0)
    evaluation = models.JSONField(
        _("evaluation"),
        default=dict,
        blank=True,
        help_text=_("How a trial model did on the latest moderator decisions it never saw."),
    )

    objects = SpamFilterModelQuerySet.as_manager()

    class Meta:
        app_label = "comments"
        ordering = ["-version"]
        verbose_name = _("spam filter")
        verbose_name_plural = _("spam filter")

    def __str__(self):
        return f"Spam filter v{self.version} ({self.trained_at:%Y-%m-%d %H:%M})"

"""Background retraining of the spam filter (django-tasks; run by ``manage.py db_worker``)."""

from functools import partial

from django.db import transaction
from django_tasks import task

from . import decisions, training
from .models import SpamFilterModel


@task()
def retrain_spam_filter(trigger="decisions"):
    """Retrain from the corpus and every decision; returns the new version number."""
    return training.train(trigger).version


def recorded(count):
    """Called by ``services.moderate()`` after ``count`` comments changed status: queue a
    retraining each time another :data:`RETRAIN_EVERY` decisions have come in."""
    if count <= 0:
        return
    new = decisions.since_last_training()
    if new // decisions.RETRAIN_EVERY > max(new - count, 0) // decisions.RETRAIN_EVERY:
        transaction.on_commit(
            partial(retrain_spam_filter.enqueue, SpamFilterModel.Trigger.DECISIONS), robust=True
        )

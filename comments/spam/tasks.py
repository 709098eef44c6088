"""Background retraining of the spam filter (django-tasks; run by ``manage.py db_worker``)."""

from django_tasks import task

from . import training


@task()
def retrain_spam_filter(trigger="decisions"):
    """Retrain from the corpus and every decision; returns the new version number."""
    return training.train(trigger).version

"""The task worker (``manage.py db_worker``, core/worker.py): a stop never strands a task
it has claimed, and a task it was running when it died is sent again once it is back."""

import signal

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from comments.emails import MODERATORS_HELD
from comments.models import Comment
from comments.tasks import send_notification
from core.worker import GracefulWorker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db


def worker(**options):
    settings = {"queue_names": ["default"], "interval": 0, "batch": True,
                "backend_name": "default", "startup_delay": False, "max_tasks": None,
                "worker_id": "slot-1", "excluded_queue_names": []}  # fmt: skip
    return GracefulWorker(**{**settings, **options})


def test_the_first_stop_signal_lets_the_claimed_task_finish():
    """django-tasks-db's own worker exits at once when the signal comes between claiming a
    task and starting it, leaving the task "running" and its email unsent for ever."""
    stopping = worker()
    stopping.shutdown(signal.SIGTERM, None)  # no SystemExit: the loop ends by itself
    assert stopping.running is False
    with pytest.raises(SystemExit):
        stopping.shutdown(signal.SIGTERM, None)  # a second signal still stops it at once


@pytest.mark.django_db(transaction=True)  # the worker closes and reopens its connection
@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_interrupted_by_a_crash_is_sent_when_the_worker_comes_back(
    make_comment, article, django_user_model
):
    # A transactional test starts without the migrations' groups: a superuser moderates.
    django_user_model.objects.create_superuser("chief", "chief@example.org", "pw-1234567")
    comment = make_comment(article, body="Does ibuprofen interact with my blood pressure tablets?",
                           status=Comment.Status.PENDING)  # fmt: skip
    mail.outbox.clear()
    enqueued = send_notification.enqueue(MODERATORS_HELD, comment.pk)
    row = DBTaskResult.objects.get(pk=enqueued.id)
    row.claim("slot-1")  # the worker took it, then died before finishing
    other = DBTaskResult.objects.get(pk=send_notification.enqueue(MODERATORS_HELD, comment.pk).id)
    other.claim("slot-2")  # another worker's task, still in its hands

    call_command("db_worker", "--batch", "--worker-id", "slot-1", "--no-startup-delay",
                 "--interval", "0", "--verbosity", "0")  # fmt: skip

    row.refresh_from_db()
    other.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert other.status == "RUNNING"  # not this worker's to requeue
    assert len(mail.outbox) == 1

"""``manage.py db_worker``: django-tasks-db's worker, with its options, stopping gracefully
and requeueing what it was running when it last died (core/worker.py says why)."""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from core.worker import GracefulWorker, requeue_interrupted


class Command(db_worker.Command):
    help = "Run the background worker: stops after the task in hand, requeues what it left."

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        requeue_interrupted(options["worker_id"])
        worker = GracefulWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            **{key: options[key] for key in ("interval", "batch", "backend_name",
                                             "startup_delay", "max_tasks", "worker_id")},
        )  # fmt: skip
        if not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            worker.configure_signals()  # under the reloader, only in its child
        if reload:
            run_with_reloader(worker.run)
        else:
            worker.run()

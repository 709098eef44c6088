"""The background worker's two promises that django-tasks-db's own ``db_worker`` does not
keep: a task it claimed is never left half-done by a stop, and a task it was running when
it died (killed, out of memory, a machine restart) runs again when it comes back.

django-tasks-db's worker exits from inside its signal handler whenever it is not running
a task, which includes the instant between committing a claim and starting the task: the
task then stays "running" for ever and its email is never sent.  Here the first SIGTERM
only ends the loop; the claimed task runs, the idle sleep (the ``--interval``, a second at
most) ends, and the worker exits.  A second signal still stops it at once.

Recovery needs to know which "running" tasks nobody is running any more.  A worker started
with a ``--worker-id`` that is stable across its restarts (a supervisor's slot, as
``deploy/cluster.py`` gives) knows: any task whose last claim carries its own id was
interrupted, since it is not running it now.  With the default random id nothing matches
and nothing is requeued."""

import logging

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class GracefulWorker(Worker):
    def shutdown(self, signum, frame):
        if not self.running:
            super().shutdown(signum, frame)  # a second signal: django-tasks-db's forced exit
            return
        logger.warning("Stopping after the task in hand (signal %s).", signum)
        self.running = False


def requeue_interrupted(worker_id):
    """Tasks whose last claim is ``worker_id`` and that are still marked running, made
    ready again; how many.  Only correct when ``worker_id`` is not running right now."""
    interrupted = [
        pk
        for pk, claims in DBTaskResult.objects.running().values_list("pk", "worker_ids")
        if claims and claims[-1] == worker_id
    ]
    if interrupted:
        DBTaskResult.objects.filter(pk__in=interrupted, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Requeued %d task(s) of worker %s.", len(interrupted), worker_id)
    return len(interrupted)

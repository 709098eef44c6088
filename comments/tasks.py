"""Background jobs (django-tasks; run by `manage.py db_worker`, which `make run` starts):
sending the emails comments/emails.py builds, with retries."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from .emails import build_messages
from .models import Comment

logger = logging.getLogger(__name__)


@task()
def send_notification(kind, comment_id, attempt=1):
    """Send one notification; on failure try again later, backing off, then give up loudly.

    Returns how many emails went out."""
    comment = Comment.objects.select_related("article", "parent").filter(pk=comment_id).first()
    if comment is None:
        return 0
    sent = 0
    try:
        for email in build_messages(kind, comment):
            message = EmailMessage(email.subject, email.body, to=email.to, headers=email.headers)
            sent += message.send()
    except Exception:
        if attempt >= settings.PULSE_EMAIL_ATTEMPTS:
            logger.exception("Giving up on %s email for comment %s", kind, comment_id)
            raise
        delay = timedelta(minutes=2 ** (attempt - 1))
        logger.warning("Could not send %s email for comment %s; retrying in %s",
                       kind, comment_id, delay, exc_info=True)  # fmt: skip
        retry = send_notification
        if retry.get_backend().supports_defer:  # the database worker; not the immediate runner
            retry = retry.using(run_after=timezone.now() + delay)
        retry.enqueue(kind, comment_id, attempt + 1)
    return sent


@task()
def run_wordpress_import(job_id, dry_run):
    """Run an import the admin's page started: first as a dry run (its report is shown for
    confirmation), then for real.  Progress goes to a small file beside the export, which
    the status page reads: the import's own transaction would hide a row's update."""
    from core.wordpress.reader import WXRError

    from .imports import WordPressImport, write_progress
    from .wordpress import import_wordpress

    job = WordPressImport.objects.filter(pk=job_id).first()
    if job is None:
        return 0
    try:
        with job.export.open("rb") as handle:
            report = import_wordpress(
                handle,
                name=job.original_name,
                dry_run=dry_run,
                link_users=job.link_users,
                skip_pages=job.skip_pages,
                uploaded_by=job.created_by,
                progress=lambda report: write_progress(job, report.items_read),
            )
    except WXRError as error:
        job.state, job.error = WordPressImport.State.FAILED, f"{error} Nothing was imported."
        job.save(update_fields=["state", "error", "updated_at"])
        return 0
    except Exception:
        logger.exception("WordPress import %s failed", job_id)
        job.state = WordPressImport.State.FAILED
        job.error = "The import stopped on an unexpected error (logged); nothing was imported."
        job.save(update_fields=["state", "error", "updated_at"])
        raise
    job.report = report.as_dict()
    job.items_done = report.items_read
    job.state = WordPressImport.State.CHECKED if dry_run else WordPressImport.State.DONE
    job.save(update_fields=["report", "items_done", "state", "updated_at"])
    return report.items_read

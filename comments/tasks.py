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

"""Log filters.  An outage that the site rides out (Redis unreachable: django-redis turns
it into misses) is one warning line naming the error, not a traceback per cache call; a
request refused on purpose (a forged Host header, django.security) is one line too."""

import logging


class OutageLine(logging.Filter):
    def filter(self, record):
        if record.exc_info:
            error = record.exc_info[1]
            cause = error.__cause__ or error
            record.msg = "cache unreachable: %s"
            record.args = (type(cause).__name__,)
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class OneLine(logging.Filter):
    """On the handler (a logger's filter would miss its children's records): a refusal by
    Django's security checks (django.security.*) is its message as a warning, without the
    traceback."""

    def filter(self, record):
        if record.exc_info and record.name.startswith("django.security."):
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True

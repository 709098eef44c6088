"""Log filters.  An outage that the site rides out (Redis unreachable: django-redis turns
it into misses) is one warning line naming the error, not a traceback per cache call."""

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

"""When the database cannot be reached (PostgreSQL restarting, the network to it down), say
so with a 503 page and a Retry-After instead of a 500 and a traceback.

Only the errors of a connection that failed are meant (``OperationalError``,
``InterfaceError``): a bad query still is a 500.  Nothing is lost: a comment's transaction
either committed before the outage or never did, and the page asks the reader to send it
again.  The outage is one log line naming the error; the request line follows it.  The
connection is checked again at the next request (``CONN_HEALTH_CHECKS``), so the app server
recovers on its own once the database answers."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("pulse.outage")
RETRY_AFTER_SECONDS = 10


def outage_response(request):
    """The 503 page, rendered without context processors (they would ask the database)."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged here, in one line; Django would log the 503 again (django.request).
    response._has_been_logged = True
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        cause = exception.__cause__ or exception
        logger.error(
            "database unreachable: %s %s (%s)", request.method, request.path,
            type(cause).__name__, extra={"error": type(cause).__name__},
        )  # fmt: skip
        return outage_response(request)

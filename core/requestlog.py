"""Structured logs: one JSON line per request, and a formatter that writes every log record
as one JSON object, so that logs from several app servers can be searched by field.

Logs never hold an email address or a signed token (the links in emails carry tokens in
their paths): the request line names a token by its place, and the formatter masks any
that another logger, such as Django's "Not Found: <path>", writes."""

import json
import logging
import re
import time

logger = logging.getLogger("pulse.request")

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# django.core.signing's output: payload:timestamp:signature (all URL-safe base64).
SIGNED_RE = re.compile(r"\.?[\w-]+:[\w-]+:[\w-]{20,}")
# URL parameters that carry a secret: logged by name, never by value.
SECRET_KWARGS = frozenset({"token", "uidb64"})


def redact(text):
    """``text`` with emails and signed tokens replaced by placeholders."""
    return SIGNED_RE.sub("[token]", EMAIL_RE.sub("[email]", text))


def _loggable(value):
    """An ``extra`` value as JSON can hold it, masked.  Objects (Django's "request") are
    written by their str(), which shows the path."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return redact(value if isinstance(value, str) else str(value))


def loggable_path(request):
    """The request's path with its secret parameters (a link's token) shown by name."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_KWARGS and isinstance(value, str) and value:
                path = path.replace(value, f"[{name}]")
    return redact(path)


# Fields that every LogRecord has; anything else was passed with ``extra=`` and is logged.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON: time, level, logger, message, the ``extra``
    fields and, for errors, the traceback (logs are for operators, never shown to readers)."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        entry.update(
            (key, _loggable(value)) for key, value in vars(record).items() if key not in _STANDARD
        )
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry)


class RequestLogMiddleware:
    """Logs method, path (without the query string, which may carry personal data, and
    with tokens masked), status and duration in milliseconds once the response is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        path = loggable_path(request)
        logger.info(
            "%s %s %s %sms",
            request.method,
            path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response

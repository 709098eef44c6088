"""gunicorn's settings for `make serve` and `make cluster` (``-c deploy/gunicorn.conf.py``): its
own lines (starting, a worker booted, a worker killed) in the same one-JSON-object-per-line
form as Pulse's (core/requestlog.py), on stderr, each once.

Without this, gunicorn writes its lines as text through handlers of its own; Django's LOGGING
then adds the JSON handler in each worker, and a line that reached both would be printed
twice.  Here gunicorn's loggers have no handler of their own and pass everything to the one
root handler.  No access log: nginx keeps that, and Pulse logs one line per request."""

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.requestlog.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
    },
}

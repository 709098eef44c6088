"""The logging configuration prints each record once, as JSON: with DEBUG on too (Django's
own console handler used to print every django.* record a second time, as text), and an
expected refusal is the request line (and for a forged Host header one warning naming it),
never a traceback."""

import io
import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.utils.log import configure_logging


@pytest.fixture
def printed(monkeypatch):
    """What the project's LOGGING writes to stderr, applied as Django applies it at
    start-up with DEBUG on; the test's own configuration is put back after."""
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.setattr(settings, "DEBUG", True)
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    yield stream
    monkeypatch.undo()
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_each_record_is_printed_once_as_json(printed):
    logging.getLogger("django.request").error("Internal Server Error: /x")
    logging.getLogger("django.db.backends").warning("slow query")
    logging.getLogger("pulse.request").info("GET / 200 1.0ms")

    assert [(e["logger"], e["message"]) for e in lines(printed)] == [
        ("django.request", "Internal Server Error: /x"),
        ("django.db.backends", "slow query"),
        ("pulse.request", "GET / 200 1.0ms"),
    ]


def test_a_refusal_is_the_request_line_alone(printed, client, db):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400

    entries = lines(printed)
    requests = [e["status"] for e in entries if e["logger"] == "pulse.request"]
    assert requests == [404, 400]
    assert not [e for e in entries if e["logger"] == "django.request"]
    # The forged Host header also says what was refused: one warning, no traceback.
    (host,) = [e for e in entries if e["logger"].startswith("django.security")]
    assert host["level"] == "WARNING"
    assert "exc" not in host

"""Each request leaves one structured log line: method, path, status and duration."""

import json
import logging

from django.urls import reverse

from core.requestlog import JsonFormatter


def request_lines(caplog):
    return [record for record in caplog.records if record.name == "pulse.request"]


def test_one_line_per_request_with_status_and_duration(client, article, caplog):
    caplog.set_level(logging.INFO, logger="pulse.request")

    client.get(article.get_absolute_url() + "?utm_source=newsletter&email=a@b.example")
    client.get("/articles/no-such-article/")

    first, second = request_lines(caplog)
    assert (first.method, first.path, first.status) == ("GET", article.get_absolute_url(), 200)
    assert (second.path, second.status) == ("/articles/no-such-article/", 404)
    assert first.duration_ms > 0
    assert "a@b.example" not in first.getMessage()  # query strings stay out of the logs


def test_lines_are_json_objects(client, article, caplog):
    caplog.set_level(logging.INFO, logger="pulse.request")
    client.post(reverse("comments:post", kwargs={"slug": article.slug}), {})

    (record,) = request_lines(caplog)
    line = JsonFormatter().format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["logger"] == "pulse.request"
    assert entry["level"] == "INFO"
    assert (entry["method"], entry["status"]) == ("POST", 200)
    assert isinstance(entry["duration_ms"], float)


def test_errors_keep_their_traceback_in_one_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "failed", (), None)
        import sys

        record.exc_info = sys.exc_info()

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "failed"
    assert "ValueError: boom" in entry["exc"]

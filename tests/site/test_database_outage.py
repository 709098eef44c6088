"""While the database cannot be reached, a reader gets a page that says so (503, with
Retry-After), rendered without the database, and the log gets one line, not a traceback;
a bad query is still a 500."""

import logging

import pytest
from django.db import OperationalError, ProgrammingError

from articles.views import ArticleDetailView


@pytest.fixture
def unreachable_database(monkeypatch):
    """The article page's first query fails as when PostgreSQL refuses connections."""

    def refuse(self, queryset=None):
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed')

    monkeypatch.setattr(ArticleDetailView, "get_object", refuse)


def test_a_reader_gets_the_outage_page(client, article, unreachable_database, caplog):
    caplog.set_level(logging.INFO)
    response = client.get(article.get_absolute_url())

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Pulse is back in a moment" in text
    assert "10.0.0.5" not in text
    outage = [r for r in caplog.records if r.name == "pulse.outage"]
    assert [r.getMessage() for r in outage] == [
        f"database unreachable: GET {article.get_absolute_url()} (OperationalError)"
    ]
    assert all(r.exc_info is None for r in caplog.records)
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_a_bad_query_is_still_a_server_error(client, article, monkeypatch):
    def broken(self, queryset=None):
        raise ProgrammingError("column does not exist")

    monkeypatch.setattr(ArticleDetailView, "get_object", broken)
    client.raise_request_exception = False
    assert client.get(article.get_absolute_url()).status_code == 500

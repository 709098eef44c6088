"""With DEBUG off, a crash shows the designed 500 page: no traceback, no settings, no
exception text; a missing page shows the designed 404."""

import pytest


@pytest.fixture
def crashing_client(client, settings):
    """A reader's client on a site with DEBUG off and a view that raises; the failure comes
    back as the response a real server would send."""
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


@pytest.mark.urls("tests.boom_urls")
def test_a_crash_shows_the_designed_page_and_nothing_else(crashing_client, db):
    response = crashing_client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    for leak in ("hunter2", "RuntimeError", "Traceback", "SECRET_KEY", "settings", "explode"):
        assert leak not in html


def test_a_missing_page_shows_the_designed_404(crashing_client, db):
    response = crashing_client.get("/articles/no-such-article/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()

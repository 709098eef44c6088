"""Every change that invalidates Pulse's own page cache purges the same paths from nginx's
(core/proxypurge.py), after the commit; a purge that fails is one log line, not an error."""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from core import pagecache

pytestmark = pytest.mark.django_db(transaction=True)


def purge_listener():
    """A stand-in for nginx's purge location on a free loopback port: (server, the paths
    it got)."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, purged


@pytest.fixture
def nginx(settings):
    """One nginx in front; the paths purged there."""
    server, purged = purge_listener()
    settings.PULSE_PROXY_PURGE_URL = f"http://127.0.0.1:{server.server_port}/_purge"
    yield purged
    server.shutdown()
    server.server_close()


def test_one_purge_per_changed_path_after_the_commit(nginx):
    with transaction.atomic():
        pagecache.invalidate("/articles/a/", "/")
        pagecache.invalidate("/articles/a/")
        assert nginx == []
    assert sorted(nginx) == ["/_purge/", "/_purge/articles/a/"]


def test_a_site_wide_change_purges_every_page(nginx):
    with transaction.atomic():
        pagecache.invalidate("/", site=True)
    assert nginx == ["/_purge/*"]


def test_without_a_purge_url_nothing_is_sent(nginx, settings):
    settings.PULSE_PROXY_PURGE_URL = ""
    with transaction.atomic():
        pagecache.invalidate("/")
    assert nginx == []


def test_nginx_down_is_one_log_line(settings, caplog):
    settings.PULSE_PROXY_PURGE_URL = "http://127.0.0.1:9/_purge"  # discard: nobody listens
    settings.PULSE_PROXY_PURGE_TIMEOUT = 0.5
    with caplog.at_level(logging.WARNING, logger="pulse.proxypurge"), transaction.atomic():
        pagecache.invalidate("/articles/a/")
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [
        "proxy purge of /articles/a/ at http"
    ]
    assert all(r.exc_info is None for r in caplog.records)


def test_every_nginx_in_front_is_purged(settings):
    """Several nginx hosts behind a load balancer: each app server purges each of them."""
    listeners = [purge_listener() for _ in range(2)]
    settings.PULSE_PROXY_PURGE_URL = ", ".join(
        f"http://127.0.0.1:{server.server_port}/_purge/" for server, _ in listeners
    )
    try:
        with transaction.atomic():
            pagecache.invalidate("/articles/a/")
        assert [purged for _, purged in listeners] == [["/_purge/articles/a/"]] * 2
    finally:
        for server, _ in listeners:
            server.shutdown()
            server.server_close()

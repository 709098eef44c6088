"""nginx's file tier (deploy/pulse_pages.lua) never files a page that a change made stale
while it was on its way: the page is written only if its generation is still the one it
was asked for, under the lock a purge deletes files under.

Between nginx and gunicorn sits a relay in this process that can hold a page half sent,
so that the purge comes exactly while the page is in flight."""

import http.client
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import (
    free_port,
    production_environment,
    render_nginx,
    run_manage,
    start_gunicorn,
    start_nginx,
    stop,
)

SETUP = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Category
from authors.models import Author
Article.objects.create(title="Night shifts", slug="night-shifts", summary="S.", body="Body.",
    status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1),
    category=Category.objects.create(name="Sleep", slug="sleep"),
    author=Author.objects.create(name="Ada Okafor", slug="ada-okafor"))
"""
PATH = "/articles/night-shifts/"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding"}


class Relay(ThreadingHTTPServer):
    """Passes each GET on to gunicorn; while ``hold`` is set, sends the next page's first
    half, says so (``holding``) and waits for ``release`` before the rest."""

    daemon_threads = True

    def __init__(self, port, app_port):
        super().__init__(("127.0.0.1", port), RelayHandler)
        self.app_port = app_port
        self.hold = threading.Event()
        self.holding = threading.Event()
        self.release = threading.Event()


class RelayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        relay = self.server
        upstream = http.client.HTTPConnection("127.0.0.1", relay.app_port, timeout=15)
        try:
            headers = {name: value for name, value in self.headers.items()
                       if name.lower() not in HOP_BY_HOP}  # fmt: skip
            upstream.request("GET", self.path, headers=headers)
            response = upstream.getresponse()
            body = response.read()
        finally:
            upstream.close()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() not in {"date", "server"}:
                self.send_header(name, value)
        self.end_headers()
        if relay.hold.is_set() and self.path == PATH:
            relay.hold.clear()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            relay.holding.set()
            relay.release.wait(timeout=15)
            body = body[len(body) // 2 :]
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    folder = Path(tempfile.mkdtemp(prefix="pulse-nginx-race-"))
    folder.chmod(0o755)
    app_port = free_port()
    relay_port = free_port(taken={app_port})
    port = free_port(taken={app_port, relay_port})
    env = production_environment(
        folder, f"http://127.0.0.1:{port}", PULSE_PROXY_PURGE_URL=f"http://127.0.0.1:{port}/_purge"
    )
    servers, relay = [], None
    try:
        run_manage(env, "migrate", "--noinput")
        run_manage(env, "collectstatic", "--noinput")
        run_manage(env, "shell", "-c", SETUP)
        conf, run_dir = render_nginx(env, folder, port, relay_port)
        servers.append(start_gunicorn(env, app_port, trusted="127.0.0.1"))
        relay = Relay(relay_port, app_port)
        threading.Thread(target=relay.serve_forever, daemon=True).start()
        servers.append(start_nginx(conf, run_dir, port))
        yield {"port": port, "relay": relay, "run_dir": run_dir}
    finally:
        for server in reversed(servers):
            stop(server)
        if relay is not None:
            relay.shutdown()
            relay.server_close()
        shutil.rmtree(folder, ignore_errors=True)


def get(port, path, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request(method, path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def purge(port, path):
    status, _, _ = get(port, f"/_purge{path}", method="PURGE")
    assert status == 200


def from_file(port):
    for _ in range(20):
        status, headers, body = get(port, PATH)
        assert status == 200
        if headers["X-Cache-Status"] == "HIT" and "X-Page-Cache" not in headers:
            return body
    raise AssertionError("the page was never sent from nginx's file tier")


def test_a_page_in_flight_when_a_purge_comes_is_never_filed(site):
    port, relay = site["port"], site["relay"]
    from_file(port)  # the tier works here: the page is filed once fetched
    purge(port, PATH)
    relay.holding.clear()
    relay.release.clear()
    relay.hold.set()
    answers = []
    reader = threading.Thread(target=lambda: answers.append(get(port, PATH)))
    reader.start()
    try:
        assert relay.holding.wait(timeout=15), "the page never reached the relay"
        purge(port, PATH)  # a change commits while the page is half sent
    finally:
        relay.release.set()
        reader.join(timeout=20)
    status, headers, body = answers[0]
    assert status == 200 and headers["X-Cache-Status"] == "MISS" and b"Night shifts" in body
    # The page asked for before the change is not kept, as a file or in the proxy cache:
    # the next reader's page comes from the app servers.
    status, headers, _ = get(port, PATH)
    assert status == 200 and headers["X-Cache-Status"] == "MISS"
    assert b"Night shifts" in from_file(port)  # and after that the tier files pages again
    files = list((site["run_dir"] / "pages" / "live").rglob("index.html"))
    assert files and not list((site["run_dir"] / "pages" / "live").rglob("*.tmp-*"))

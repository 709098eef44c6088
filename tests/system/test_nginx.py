"""nginx in front of gunicorn as `make serve` runs them (deploy/nginx.conf.template): static
and media files served by nginx with the right caching and types, pages and feeds
compressed, the client's real address behind it, and nginx's own page cache fresh on the
very next request after every change an editor's app server makes, never holding a page
that belongs to one reader."""

import http.client
import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
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
from comments.models import Comment
now = timezone.now()
category = Category.objects.create(name="Sleep", slug="sleep")
author = Author.objects.create(name="Ada Okafor", slug="ada-okafor")
common = dict(category=category, author=author, summary="S.", body="Body.")
article = Article.objects.create(title="Night shifts", slug="night-shifts",
    status=Article.Status.PUBLISHED, published_at=now - timedelta(hours=1), **common)
Article.objects.create(title="Draft on naps", slug="draft-on-naps",
    status=Article.Status.DRAFT, published_at=None, **common)
Comment.objects.create(article=article, author_name="Bo", author_email="bo@example.com",
    body="Waiting words from Bo", status=Comment.Status.PENDING)
"""
APPROVE = """
from django.contrib.auth import get_user_model
from comments import services
from comments.models import Comment
moderator = get_user_model().objects.create_user("mod", "mod@example.com", "pw", is_staff=True)
services.moderate(Comment.objects.filter(author_name="Bo"), Comment.Status.APPROVED,
                  moderator=moderator)
"""
EDIT = """
from articles.models import Article
article = Article.objects.get(slug="night-shifts")
article.title = "Night shifts, revised"
article.save()
"""
PUBLISH = """
from django.utils import timezone
from articles.models import Article
draft = Article.objects.get(slug="draft-on-naps")
draft.status = Article.Status.PUBLISHED
draft.published_at = timezone.now()
draft.save()
"""
UNPUBLISH = """
from articles.models import Article
article = Article.objects.get(slug="draft-on-naps")
article.status = Article.Status.DRAFT
article.save()
"""
READER = "127.0.0.3"  # the test's own address when it plays a reader (all of 127/8 is local)
FORGED = "203.0.113.9"


@pytest.fixture(scope="module")
def site():
    """nginx and gunicorn on free loopback ports, with a small site in a folder that
    nginx's unprivileged workers can read; the addresses and the environment."""
    folder = Path(tempfile.mkdtemp(prefix="pulse-nginx-"))
    folder.chmod(0o755)  # mkdtemp makes it 0700: www-data must reach static and media
    app_port = free_port()
    port = free_port(taken={app_port})
    env = production_environment(
        folder,
        f"http://127.0.0.1:{port}",
        PULSE_PROXY_PURGE_URL=f"http://127.0.0.1:{port}/_purge",
    )
    servers = []
    try:
        run_manage(env, "migrate", "--noinput")
        run_manage(env, "collectstatic", "--noinput")
        run_manage(env, "shell", "-c", SETUP)
        conf, run_dir = render_nginx(env, folder, port, app_port)
        servers.append(start_gunicorn(env, app_port))
        servers.append(start_nginx(conf, run_dir, port))
        yield {"port": port, "app_port": app_port, "env": env, "folder": folder, "conf": conf}
    finally:
        for server in reversed(servers):
            stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def get(port, path, source=READER, method="GET", body=None, **headers):
    """One request from ``source``; (status, headers, body text)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=15, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        encoding = response.getheader("Content-Encoding")
        text = raw.decode(errors="replace") if encoding is None else ""
        return response.status, response.headers, text
    finally:
        connection.close()


def test_the_rendered_configuration_passes_nginx_t(site):
    run_dir = str(Path(site["conf"]).parent) + "/"
    checked = subprocess.run(
        ["nginx", "-t", "-c", site["conf"], "-p", run_dir, "-e", run_dir + "error.log"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_hashed_static_files_are_immutable_and_brotli_compressed(site):
    manifest = json.loads((site["folder"] / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/pulse.css"]
    status, headers, _ = get(site["port"], f"/static/{hashed}", **{"Accept-Encoding": "br"})
    assert status == 200
    assert headers["Content-Type"] == "text/css"
    assert headers["Content-Encoding"] == "br"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    _, plain, _ = get(site["port"], "/static/css/pulse.css")
    assert "immutable" not in plain["Cache-Control"]  # a name without a hash may change


def test_uploads_are_served_with_their_type_and_never_as_anything_else(site):
    media = site["folder"] / "media" / "covers"
    media.mkdir(parents=True, exist_ok=True)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    (media / "cover.png").write_bytes(png)
    (media / "page.html").write_text("<script>alert(1)</script>")
    for path in (media, media / "cover.png", media / "page.html"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    status, headers, _ = get(site["port"], "/media/covers/cover.png")
    assert status == 200
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert "max-age=" in headers["Cache-Control"]
    _, headers, _ = get(site["port"], "/media/covers/page.html")
    assert headers["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize(
    ("path", "encoding"),
    [("/", "br"), ("/", "gzip"), ("/feeds/rss/", "br"), ("/feeds/atom/", "gzip"),
     ("/sitemap.xml", "br")],
)  # fmt: skip
def test_pages_feeds_and_the_sitemap_come_compressed(site, path, encoding):
    status, headers, _ = get(site["port"], path, **{"Accept-Encoding": encoding})
    assert status == 200
    assert headers["Content-Encoding"] == encoding


def comment_id_and_address(env, body):
    code = (
        "from comments.models import Comment; "
        f"c = Comment.objects.get(body={body!r}); print(c.pk, c.ip_address)"
    )
    return run_manage(env, "shell", "--verbosity", "0", "-c", code).split()


def post_comment(port, body, **headers):
    """Post the article's comment form as a reader's browser does; the response."""
    _, _, page = get(port, "/articles/night-shifts/")
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    fields = {**hidden, "author_name": "Cy", "author_email": "cy@example.com", "body": body}
    return get(
        port, "/articles/night-shifts/comments/", method="POST",
        body=urllib.parse.urlencode(fields),
        **{"Content-Type": "application/x-www-form-urlencoded",
           "Sec-Fetch-Site": "same-origin", **headers},
    )  # fmt: skip


def test_the_client_address_is_the_real_one_behind_nginx_and_forgeries_are_ignored(site):
    through = "Posted through nginx, with a forged address."
    status, _, _ = post_comment(site["port"], through, **{"X-Forwarded-For": FORGED})
    assert status == 302
    assert comment_id_and_address(site["env"], through)[1] == READER

    straight = "Posted straight to gunicorn, with a forged address."
    status, _, _ = post_comment(site["app_port"], straight, **{"X-Forwarded-For": FORGED})
    assert status == 302
    assert comment_id_and_address(site["env"], straight)[1] == READER


def cache_status(site, path):
    status, headers, text = get(site["port"], path)
    assert status == 200
    return headers["X-Cache-Status"], text


def stored(site, path):
    """The page from nginx's cache once it is there.  A page now comes with its length, so
    a client can have read all of it a moment before nginx has filed its cache entry: the
    request right after a miss may miss once more (bounded: ten tries in half a second)."""
    for _ in range(10):
        outcome, text = cache_status(site, path)
        if outcome == "HIT":
            return text
        time.sleep(0.05)
    raise AssertionError(f"{path} was never served from nginx's cache")


def warm(site, path):
    cache_status(site, path)
    return stored(site, path)


# Each change, the page it shows on, a text on that page, and whether the change shows it.
CHANGES = [
    ("approval", APPROVE, "/articles/night-shifts/", "Waiting words from Bo", True),
    ("edit", EDIT, "/articles/night-shifts/", "Night shifts, revised", True),
    ("publish", PUBLISH, "/", "Draft on naps", True),
    ("unpublish", UNPUBLISH, "/", "Draft on naps", False),
]


def test_the_very_next_anonymous_request_after_each_change_is_fresh(site):
    # One test, in order: each change starts from the state the one before it left.
    for name, change, path, text, shown in CHANGES:
        assert (text in warm(site, path)) is not shown, name
        from_file(site["port"], path)  # the change beats the file tier too
        run_manage(site["env"], "shell", "-c", change)  # an editor's app server, elsewhere
        outcome, page = cache_status(site, path)
        assert outcome in ("MISS", "EXPIRED"), name
        assert (text in page) is shown, name
        assert stored(site, path) == page, name


def test_a_readers_own_page_is_never_stored(site):
    body = "My own words, not yet approved."
    status, headers, _ = post_comment(site["port"], body)
    assert status == 302
    cookies = "; ".join(
        value.split(";", 1)[0] for name, value in headers.items() if name.lower() == "set-cookie"
    )
    assert "pulse_my_comments=" in cookies
    for _ in range(2):
        status, own, text = get(site["port"], "/articles/night-shifts/", Cookie=cookies)
        assert own["X-Cache-Status"] == "BYPASS"
        assert body in text  # the commenter sees their pending comment
    for _ in range(2):
        outcome, text = cache_status(site, "/articles/night-shifts/")
        assert outcome in ("MISS", "HIT", "EXPIRED")
        assert body not in text
    status, signed_in, _ = get(site["port"], "/", Cookie="sessionid=not-a-real-session")
    assert signed_in["X-Cache-Status"] == "BYPASS"


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
def test_a_page_is_cached_once_per_encoding_already_compressed(site, encoding):
    outcomes = []
    for _ in range(10):  # a miss, then a hit (give nginx a moment to file it: see stored())
        if outcomes[-1:] == ["HIT"]:
            break
        status, headers, _ = get(site["port"], "/archive/", **{"Accept-Encoding": encoding})
        assert status == 200
        assert headers.get("Content-Encoding") == (None if encoding == "identity" else encoding)
        # Compressed by Pulse with its length, so a hit is sent whole, not chunked.
        assert headers.get("Content-Length") and "Transfer-Encoding" not in headers
        outcomes.append(headers["X-Cache-Status"])
        time.sleep(0.05)
    assert outcomes[-1] == "HIT"


# Headers that belong to one response, or to one representation (nginx makes its own
# validators for a file), not to the page.
OWN_HEADERS = {"date", "etag", "last-modified", "content-length", "connection", "keep-alive",
               "x-page-cache", "x-cache-status", "accept-ranges", "server"}  # fmt: skip


def page_headers(headers):
    """A response's headers that belong to the page, the policy's directives in order
    (django-csp orders them differently in each process)."""
    kept = {name.lower(): value for name, value in headers.items()
            if name.lower() not in OWN_HEADERS}  # fmt: skip
    policy = kept.get("content-security-policy", "")
    kept["content-security-policy"] = sorted(part.strip() for part in policy.split(";"))
    return kept


def get_raw(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15,
                                            source_address=(READER, 0))  # fmt: skip
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def from_file(port, path, **headers):
    """The page once nginx sends it from its file tier (a hit without Pulse's X-Page-Cache,
    which a proxy-cache hit keeps): status, headers, bytes.  Bounded as stored() is."""
    for _ in range(10):
        status, sent, body = get_raw(port, path, **headers)
        if sent["X-Cache-Status"] == "HIT" and "X-Page-Cache" not in sent:
            return status, sent, body
        time.sleep(0.05)
    raise AssertionError(f"{path} was never sent from nginx's file tier")


def purge(site, path):
    status, _, _ = get(site["port"], f"/_purge{path}", source="127.0.0.1", method="PURGE")
    assert status == 200


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
def test_a_page_without_a_query_is_sent_as_a_file_with_the_same_bytes_and_headers(site, encoding):
    path = "/articles/night-shifts/"
    purge(site, path)
    status, fetched, page = get_raw(site["port"], path, **{"Accept-Encoding": encoding})
    assert status == 200 and fetched["X-Cache-Status"] == "MISS"
    status, sent, body = from_file(site["port"], path, **{"Accept-Encoding": encoding})
    assert status == 200
    assert body == page
    assert page_headers(sent) == page_headers(fetched)
    assert sent.get("Content-Encoding") == (None if encoding == "identity" else encoding)
    assert sent["Content-Type"] == "text/html; charset=utf-8"
    assert sent["Content-Security-Policy"] and sent["X-Frame-Options"] == "DENY"
    assert int(sent["Content-Length"]) == len(page)
    # A browser's revalidation against the file's own validator costs no body.
    revalidation = {"Accept-Encoding": encoding, "If-None-Match": sent["ETag"]}
    status, _, body = get_raw(site["port"], path, **revalidation)
    assert status == 304 and body == b""


def test_a_query_a_post_and_a_readers_own_page_never_come_from_a_file(site):
    for path in ("/archive/", "/archive/?page=1"):
        stored(site, path)
    _, headers, _ = get_raw(site["port"], "/archive/?page=1")
    assert headers["X-Cache-Status"] == "HIT" and headers["X-Page-Cache"]  # the proxy cache
    from_file(site["port"], "/archive/")
    _, headers, _ = get_raw(site["port"], "/archive/", Cookie="sessionid=not-a-real-session")
    assert headers["X-Cache-Status"] == "BYPASS"
    status, headers, _ = get(site["port"], "/archive/", method="POST", body="")
    assert status != 200 and headers.get("X-Cache-Status") != "HIT"


def test_a_purge_is_seen_at_once_though_nginx_holds_the_old_file_open(site):
    path = "/articles/night-shifts/"
    from_file(site["port"], path)
    for _ in range(3):  # each worker has it open
        from_file(site["port"], path)
    purge(site, path)
    _, headers, _ = get_raw(site["port"], path)
    assert headers["X-Cache-Status"] == "MISS"
    from_file(site["port"], path)
    purge(site, "/*")
    _, headers, _ = get_raw(site["port"], path)
    assert headers["X-Cache-Status"] == "MISS"


SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Category
from authors.models import Author
moment = timezone.now() + timedelta(seconds=14)
Article.objects.create(title="Scheduled on sleep debt", slug="scheduled-on-sleep-debt",
    status=Article.Status.PUBLISHED, published_at=moment, summary="S.", body="Body.",
    category=Category.objects.get(slug="sleep"), author=Author.objects.get(slug="ada-okafor"))
print(moment.timestamp())
"""


def test_a_scheduled_article_is_on_the_home_page_the_moment_it_is_due(site):
    """The home page is kept, as a file too, no later than its next publication."""
    moment = float(run_manage(site["env"], "shell", "--verbosity", "0", "-c", SCHEDULE))
    assert moment - time.time() > 8, "the setup took too long to test a file's deadline"
    _, _, body = from_file(site["port"], "/", **{"Accept-Encoding": "identity"})
    assert b"Scheduled on sleep debt" not in body
    time.sleep(max(0, moment - time.time()) + 0.05)
    _, headers, body = get_raw(site["port"], "/", **{"Accept-Encoding": "identity"})
    assert b"Scheduled on sleep debt" in body, str(dict(headers))

"""A cluster's shared parts going away and coming back (deploy/cluster.py): Redis stopped,
PostgreSQL restarted, the task worker stopped and started; and `make backup` of its
PostgreSQL database (pg_dump) restored elsewhere.  Readers get pages or a clear 503 page,
never a traceback; nothing accepted is lost; every part recovers without help."""

import json
import secrets
import time

import psycopg

from tests.helpers import Browser, comment_form, run_manage

ARTICLE = "/articles/night-shifts/"
POST = "/articles/night-shifts/comments/"
# A reader with a comment of their own (a pulse_ cookie): neither cache answers for them,
# so each request reaches an app server and its database.
OWN_PAGE = {"Cookie": "pulse_probe=1"}


def comment(reader, body):
    _, _, page = reader.get(ARTICLE)
    fields = {**comment_form(page), "author_name": "Fay", "author_email": "fay@example.com",
              "body": body}  # fmt: skip
    return reader.post(POST, fields)


def sql(cluster, query, *params):
    with psycopg.connect(cluster.database_url) as connection:
        return connection.execute(query, params).fetchone()[0]


def stored(cluster, body):
    return sql(cluster, "SELECT count(*) FROM comments_comment WHERE body = %s", body)


def health(cluster, name):
    status, _, text = Browser(cluster.app_url(name)).get("/healthz")
    return status, {check: value["status"] for check, value in json.loads(text)["checks"].items()}


def counters(cluster):
    """Flood-control counters kept in the database (the fallback when Redis is away)."""
    return sql(cluster, "SELECT count(*) FROM comments_ratelimitcounter")


def approve_through_a(cluster, body):
    """A moderator approves the comment in the admin of app server a."""
    editor = Browser(cluster.app_url("a"))
    editor.sign_in("editor", "editor-pass-1")
    token = editor.csrf_token("/admin/comments/comment/")
    pk = sql(cluster, "SELECT id FROM comments_comment WHERE body = %s", body)
    data = {"csrfmiddlewaretoken": token, "decision": "approve"}
    assert editor.post(f"/admin/comments/comment/{pk}/decide/", data)[0] == 302


def test_with_redis_stopped_pages_and_posting_keep_working(cluster):
    reader = Browser(cluster.nginx_url, source="127.0.6.1")
    before = counters(cluster)
    assert comment(reader, f"While Redis runs {secrets.token_hex(3)}.")[0] == 302
    assert counters(cluster) == before  # counted in Redis

    cluster.stop_redis()
    try:
        for name in ("a", "b"):
            assert health(cluster, name) == (503, {"database": "ok", "cache": "down"})
        for url in (cluster.nginx_url, cluster.app_url("a"), cluster.app_url("b")):
            status, _, page = Browser(url).get(ARTICLE)
            assert status == 200
            assert "Night shifts" in page
        body = f"While Redis is away {secrets.token_hex(3)}."
        assert comment(reader, body)[0] == 302
        assert stored(cluster, body) == 1
        assert counters(cluster) > before  # flood control fell back to the database
        approve_through_a(cluster, body)  # a change that no cache could hear of
    finally:
        cluster.start_redis()

    # Back: the very first request to each app server finds Redis, and the change made
    # meanwhile shows everywhere.
    for name in ("a", "b"):
        assert health(cluster, name) == (200, {"database": "ok", "cache": "ok"})
    for url in (cluster.app_url("a"), cluster.app_url("b"), cluster.nginx_url):
        status, _, page = Browser(url).get(ARTICLE)
        assert (status, body in page) == (200, True), url


def test_while_postgresql_restarts_readers_get_a_clear_503_and_nothing_is_lost(cluster):
    reader = Browser(cluster.nginx_url, source="127.0.6.2")
    accepted = f"Accepted before the outage {secrets.token_hex(3)}."
    assert comment(reader, accepted)[0] == 302

    cluster.stop_postgres()
    try:
        for url in (cluster.app_url("a"), cluster.app_url("b"), cluster.nginx_url):
            status, headers, page = Browser(url).get(ARTICLE, **OWN_PAGE)
            assert status == 503, url
            assert "Pulse is back in a moment" in page
            assert headers["Retry-After"] == "10"
            assert "Traceback" not in page
        status, _, page = reader.post(POST, {"author_name": "Fay", "body": "During it."})
        assert status == 503
        assert "send it again" in page
        assert health(cluster, "a")[1]["database"] == "down"
    finally:
        cluster.start_postgres()

    # Every worker of both app servers recovers on its next request.
    for url in (cluster.app_url("a"), cluster.app_url("b")):
        assert [Browser(url).get(ARTICLE, **OWN_PAGE)[0] for _ in range(4)] == [200] * 4
    after = f"Accepted after the outage {secrets.token_hex(3)}."
    assert comment(reader, after)[0] == 302
    assert (stored(cluster, accepted), stored(cluster, after)) == (1, 1)
    for name in ("app-a", "app-b"):
        log = cluster.path("logs", f"{name}.log").read_text()
        assert "Traceback" not in log
        assert "database unreachable: GET /articles/night-shifts/" in log
    # The task worker gave up while the database was away; its supervisor started it again,
    # and the moderators' email about the comment posted after the outage goes out.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not mails_about(cluster, after):
        time.sleep(0.5)
    assert mails_about(cluster, after) == 1


def mails_about(cluster, text):
    """How many emails the cluster's worker wrote (the file backend) that quote ``text``."""
    return sum(path.read_text().count(text) for path in cluster.path("mail").glob("*"))


def test_queued_emails_are_sent_once_across_a_worker_stop_and_start(cluster):
    cluster.stop_worker()
    reader = Browser(cluster.nginx_url, source="127.0.6.3")
    bodies = [f"Held for the moderators {n} {secrets.token_hex(3)}." for n in range(6)]
    for body in bodies:
        assert comment(reader, body)[0] == 302
    time.sleep(1.5)
    assert [mails_about(cluster, body) for body in bodies] == [0] * 6  # queued, not sent

    cluster.start_worker()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(mails_about(cluster, b) for b in bodies):
        time.sleep(0.1)
    cluster.stop_worker()  # graceful: the email in hand is finished, the rest wait
    cluster.start_worker()
    while time.monotonic() < deadline and not all(mails_about(cluster, b) for b in bodies):
        time.sleep(0.5)
    time.sleep(2)  # anything sent twice would be written by now
    assert [mails_about(cluster, body) for body in bodies] == [1] * 6


BACKED_UP_COMMENT = """
from articles.models import Article
from comments.models import Comment
Comment.objects.create(article=Article.objects.get(slug="night-shifts"), author_name="Di",
    author_email="di@example.com", body="Kept in the backup.", status=Comment.Status.APPROVED)
"""


def test_make_backup_of_postgresql_restores_into_an_empty_database(cluster, tmp_path):
    cover = cluster.path("media", "covers")
    cover.mkdir(parents=True, exist_ok=True)
    (cover / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n" + secrets.token_bytes(64))
    # A comment of its own: the tests before it may have left none (they run in any order).
    cluster.manage("shell", "-c", BACKED_UP_COMMENT)
    cluster.manage("backup_site", "--output", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["engine"] == "postgresql"
    assert manifest["database"] == "database.dump"
    assert manifest["counts"]["comments.comment"] > 0
    assert "covers/cover.png" in manifest["media"]

    with psycopg.connect(cluster.database_url, autocommit=True) as connection:
        connection.execute("CREATE DATABASE restored OWNER pulse")
    elsewhere = {
        **cluster.environment(),
        "DATABASE_URL": cluster.database_url.rsplit("/", 1)[0] + "/restored",
        "PULSE_MEDIA_ROOT": str(tmp_path / "media-elsewhere"),
    }
    assert "every count and checksum matches" in run_manage(elsewhere, "restore_site", str(folder))
    restored = psycopg.connect(elsewhere["DATABASE_URL"])
    with restored:
        count = restored.execute("SELECT count(*) FROM comments_comment").fetchone()[0]
    assert count == manifest["counts"]["comments.comment"]
    assert (tmp_path / "media-elsewhere" / "covers" / "cover.png").read_bytes() == (
        cover / "cover.png"
    ).read_bytes()

"""Several app servers behind nginx (deploy/cluster.py, `make cluster`): what one app server
commits shows on the very next page any of them serves, directly and through nginx; a
rolling restart fails no request and loses no comment; a worker killed in the middle of a
post never answers "accepted" for a comment that is lost, and the reader's retry stores no
second copy; every process logs one JSON line per event."""

import json
import os
import re
import secrets
import signal
import threading
import time
from http.client import HTTPException

import psycopg

from tests.helpers import Browser, comment_form, form_fields

ARTICLE = "/articles/night-shifts/"
POST = "/articles/night-shifts/comments/"


def comment(reader, body, name="Cy"):
    """Read the article, then post its comment form as typed by ``name``: the status."""
    _, _, page = reader.get(ARTICLE)
    fields = {**comment_form(page), "author_name": name, "author_email": "cy@example.com",
              "body": body}  # fmt: skip
    return reader.post(POST, fields)[0]


def sql(cluster, query, *params):
    """The first column of the first row ``query`` gives, straight from PostgreSQL."""
    with psycopg.connect(cluster.database_url) as connection:
        return connection.execute(query, params).fetchone()[0]


def stored(cluster, body):
    """How many comments hold exactly ``body``."""
    return sql(cluster, "SELECT count(*) FROM comments_comment WHERE body = %s", body)


def comment_pk(cluster, body):
    return sql(cluster, "SELECT id FROM comments_comment WHERE body = %s", body)


def article_pk(cluster, slug):
    return sql(cluster, "SELECT id FROM articles_article WHERE slug = %s", slug)


def every_server(cluster):
    """Each app server directly, then nginx."""
    return [cluster.app_url("a"), cluster.app_url("b"), cluster.nginx_url]


def pages(cluster, path):
    """``path`` as an anonymous reader gets it from each server: [(status, text)]."""
    answers = []
    for url in every_server(cluster):
        status, _, text = Browser(url).get(path)
        answers.append((status, text))
    return answers


def warm(cluster, *paths):
    """Read each page twice everywhere, so that every cache holds it."""
    for path in paths:
        for _ in range(2):
            pages(cluster, path)


def editor_on(cluster, name):
    editor = Browser(cluster.app_url(name))
    editor.sign_in("editor", "editor-pass-1")
    return editor


def test_the_cluster_says_where_everything_is(cluster):
    env = dict(line.split("=", 1) for line in cluster.path("env").read_text().splitlines() if line)
    assert env == {
        "NGINX_URL": cluster.nginx_url, "APP_A_URL": cluster.app_url("a"),
        "APP_B_URL": cluster.app_url("b"), "DATABASE_URL": cluster.database_url,
        "PULSE_CACHE_URL": cluster.cache_url,
    }  # fmt: skip
    assert cluster.database_url.startswith("postgres://")
    for name in ("a", "b"):
        status, _, text = Browser(cluster.app_url(name)).get("/healthz")
        checks = json.loads(text)["checks"]
        assert status == 200
        assert checks["cache"]["backend"] == "RedisCache"
    status, headers, _ = Browser(cluster.nginx_url).get(ARTICLE, **{"Accept-Encoding": "br"})
    assert status == 200
    assert headers["Content-Encoding"] == "br"


def test_a_comment_approved_through_a_is_on_the_next_page_b_serves(cluster):
    body = f"Approved on A, seen on B {secrets.token_hex(4)}."
    assert comment(Browser(cluster.nginx_url), body) == 302
    warm(cluster, ARTICLE)
    assert all(status == 200 and body not in text for status, text in pages(cluster, ARTICLE))

    editor = editor_on(cluster, "a")
    token = editor.csrf_token("/admin/comments/comment/")
    decide = f"/admin/comments/comment/{comment_pk(cluster, body)}/decide/"
    status, _, _ = editor.post(decide, {"csrfmiddlewaretoken": token, "decision": "approve"})
    assert status == 302

    assert [(status, body in text) for status, text in pages(cluster, ARTICLE)] == [
        (200, True)
    ] * 3


def test_an_article_published_edited_and_unpublished_through_a_shows_on_b(cluster):
    editor = editor_on(cluster, "a")
    draft = article_pk(cluster, "draft-on-naps")
    changelist = "/admin/articles/article/"

    def action(name):
        token = editor.csrf_token(changelist)
        data = {"csrfmiddlewaretoken": token, "action": name, "_selected_action": draft,
                "index": 0}  # fmt: skip
        status, _, _ = editor.post(changelist, data)
        assert status == 302

    warm(cluster, "/", "/articles/draft-on-naps/")
    action("publish")
    assert [(s, "Draft on naps" in text) for s, text in pages(cluster, "/")] == [(200, True)] * 3
    assert [s for s, _ in pages(cluster, "/articles/draft-on-naps/")] == [200] * 3

    warm(cluster, "/articles/draft-on-naps/")
    change = f"/admin/articles/article/{draft}/change/"
    _, _, form = editor.get(change)
    fields = {**form_fields(form, "article_form"), "title": "Naps, revised", "comments_open": "on"}
    assert editor.post(change, fields)[0] == 302
    revised = pages(cluster, "/articles/draft-on-naps/")
    assert [(s, "Naps, revised" in text) for s, text in revised] == [(200, True)] * 3

    warm(cluster, "/")
    action("unpublish")
    assert [(s, "Naps, revised" in text) for s, text in pages(cluster, "/")] == [(200, False)] * 3
    assert [s for s, _ in pages(cluster, "/articles/draft-on-naps/")] == [404] * 3


class Load:
    """Readers and commenters through nginx on threads, each from its own loopback address,
    until told to stop (or a cap on requests or time is reached): every answer that is not
    what a reader expects is a failure."""

    def __init__(self, url, threads=4, cap=800, seconds=120, pause=0.5):
        self.url, self.threads, self.cap, self.seconds = url, threads, cap, seconds
        self.pause = pause  # between one reader's requests: a pace that outlasts the restarts
        self.failures, self.accepted, self.requests, self.answered = [], [], 0, []
        self.lock, self.done = threading.Lock(), threading.Event()

    def run(self, number):
        reader = Browser(self.url, source=f"127.0.4.{number + 1}")
        deadline = time.monotonic() + self.seconds
        turn = 0
        while not self.done.is_set() and time.monotonic() < deadline:
            with self.lock:
                if self.requests >= self.cap:
                    return
                self.requests += 3 if turn % 3 == 2 else 1
            body = f"Load {number}-{turn} {secrets.token_hex(3)}."
            try:
                if turn % 3 == 2:
                    outcome = comment(reader, body, name=f"Load {number}")
                    if outcome == 302:
                        with self.lock:
                            self.accepted.append(body)
                else:
                    outcome = reader.get(ARTICLE)[0]
                    reader.cookies.clear()  # an anonymous reader: nginx's cache may answer
                if outcome not in (200, 302):
                    self.failures.append((body, outcome))
                self.answered.append(time.monotonic())
            except (OSError, HTTPException) as error:
                self.failures.append((body, repr(error)))
            turn += 1
            self.done.wait(self.pause)

    def __enter__(self):
        self.workers = [threading.Thread(target=self.run, args=(n,)) for n in range(self.threads)]
        for worker in self.workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        for worker in self.workers:
            worker.join(timeout=self.seconds + 30)


def test_a_rolling_restart_fails_no_request_and_stores_every_comment_once(cluster):
    before = {name: cluster.pid(f"app-{name}") for name in ("a", "b")}
    with Load(cluster.nginx_url) as load:
        time.sleep(1)
        started = time.monotonic()
        cluster.restart_app("a")
        half_way = time.monotonic()
        cluster.restart_app("b")
        ended = time.monotonic()
        time.sleep(1)
    assert load.failures == []
    # Readers were answered while each app server was down.
    assert any(started < moment < half_way for moment in load.answered)
    assert any(half_way < moment < ended for moment in load.answered)
    assert load.accepted, "the load posted comments"
    assert all(cluster.pid(f"app-{name}") != pid for name, pid in before.items())  # restarted
    assert [stored(cluster, body) for body in load.accepted] == [1] * len(load.accepted)


def test_a_worker_killed_in_the_middle_of_a_post_never_loses_an_accepted_comment(cluster):
    for attempt, delay in enumerate((0.0, 0.05, 0.2)):
        reader = Browser(cluster.nginx_url, source=f"127.0.5.{attempt + 1}")
        _, _, page = reader.get(ARTICLE)
        body = f"Sent as the worker died {attempt} {secrets.token_hex(3)}."
        fields = {**comment_form(page), "author_name": "Di", "author_email": "di@example.com",
                  "body": body}  # fmt: skip
        outcome = {}

        def send(reader=reader, fields=fields, outcome=outcome):
            try:
                outcome["status"] = reader.post(POST, fields)[0]
            except (OSError, HTTPException) as error:
                outcome["error"] = repr(error)

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(delay)
        for name in ("a", "b"):
            for pid in cluster.app_workers(name):
                os.kill(pid, signal.SIGKILL)
        sender.join(timeout=60)
        if outcome.get("status") == 302:
            assert stored(cluster, body) == 1, outcome  # accepted: it is there
        else:
            assert outcome.get("error") or outcome["status"] >= 500, outcome
            assert stored(cluster, body) in (0, 1)
        # The reader sends the same form again (the gunicorn masters start new workers).
        for _ in range(20):
            try:
                if reader.post(POST, fields)[0] == 302:
                    break
            except (OSError, HTTPException):
                pass
            time.sleep(0.5)
        else:
            raise AssertionError("the retry was never accepted")
        assert stored(cluster, body) == 1


def log_lines(cluster, name):
    return cluster.path("logs", f"{name}.log").read_text().splitlines()


def test_each_process_logs_one_json_line_per_event_and_a_refusal_is_one_line(cluster):
    missing = f"/no-such-page-{secrets.token_hex(4)}/"
    reader = Browser(cluster.app_url("a"))
    assert reader.get(missing)[0] == 404
    _, _, page = reader.get(ARTICLE)
    fields = {**comment_form(page), "author_name": "Ev", "author_email": "ev@example.com",
              "body": "From another site."}  # fmt: skip
    assert reader.post(POST, fields, **{"Sec-Fetch-Site": "cross-site"})[0] == 403
    time.sleep(0.5)

    lines = log_lines(cluster, "app-a")
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    about_missing = [e for e in entries if missing in e["message"]]
    assert [(e["logger"], e["status"]) for e in about_missing] == [("pulse.request", 404)]
    refused = [e for e in entries if e.get("status") == 403 or "Forbidden" in e["message"]]
    assert len(refused) == 1
    assert refused[0]["logger"] == "pulse.request"
    assert any(e["logger"] == "gunicorn.error" for e in entries)  # gunicorn's own, as JSON
    for name in ("app-a", "app-b", "worker"):
        text = "\n".join(log_lines(cluster, name))
        assert "Traceback" not in text, name
        assert all(json.loads(line) for line in log_lines(cluster, name)), name
    assert re.search(r'"logger": "django_tasks_db"', "\n".join(log_lines(cluster, "worker")))

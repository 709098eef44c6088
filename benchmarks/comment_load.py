"""Concurrent comment posting against gunicorn with production settings.

Starts gunicorn (2+ workers) on a loopback port in 8100–8199 over a fresh database (a
temporary SQLite file, or the PostgreSQL in DATABASE_URL), seeds the demo site, then runs
CLIENTS concurrent readers. Each one, POSTS_PER_CLIENT times, reads the article page (which
gives it the CSRF cookie and every hidden input of the comment form, whatever they are),
posts a uniquely numbered comment with all of them sent back, and reads the home page.
Finally each client posts one comment twice, identically, at the same moment (double
submit).

It reports requests, 5xx responses, "database is locked" anywhere (responses or server log),
comments accepted (302 back to the article) against comments stored, and the duration; it
exits non-zero if any 5xx, lock error, lost comment or duplicate of a numbered comment is
found. Everything is bounded: request timeouts, an overall deadline, and the server is
stopped however the run ends.

    .venv/bin/python benchmarks/comment_load.py                       # SQLite
    PULSE_PG_PORT=54332 .ci/with-postgres .venv/bin/python benchmarks/comment_load.py
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = PROJECT / ".venv" / "bin" / "python"
GUNICORN = PROJECT / ".venv" / "bin" / "gunicorn"
ARTICLE = "/articles/trauma-and-opioid-addiction/"
LOCKED = "database is locked"


class CommentForm(HTMLParser):
    """Collects the action and every input of <form id="comment-form">."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.action = None
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "comment-form":
            self.inside, self.action = True, attrs.get("action")
        elif (
            self.inside
            and tag in {"input", "textarea"}
            and attrs.get("name")
            and attrs.get("type") not in {"submit", "button", "checkbox", "radio"}
        ):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


class Reader:
    """One client: its own connection and cookies."""

    def __init__(self, port, stats):
        self.port, self.stats, self.cookies = port, stats, {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        # A browser says where its requests come from (core/origin.py reads it).
        headers = {"Sec-Fetch-Site": "same-origin", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except OSError as error:
            self.stats.add("errors", f"{method} {path}: {error!r}")
            return None, ""
        finally:
            connection.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.stats.count(method, response.status, content)
        return response, content

    def read_form(self):
        response, html = self.request("GET", ARTICLE)
        form = CommentForm()
        form.feed(html)
        return (form.action, form.fields) if response and response.status == 200 else (None, {})

    def post(self, action, fields, tag):
        data = {
            **fields,
            "author_name": f"Load {tag}",
            "author_email": "load@example.com",
            "author_website": "",
            "body": f"{tag} — a comment from the load test.",
        }
        response, _ = self.request(
            "POST",
            action,
            urllib.parse.urlencode(data),
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": ARTICLE},
        )
        accepted = response is not None and response.status == 302
        self.stats.add("accepted" if accepted else "rejected", tag)
        return accepted


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.lists = {"accepted": [], "rejected": [], "errors": [], "locked": []}

    def count(self, method, status, content):
        with self.lock:
            self.statuses[(method, status)] += 1
            if LOCKED in content:
                self.lists["locked"].append(f"{method} {status}")

    def add(self, kind, item):
        with self.lock:
            self.lists[kind].append(item)


def run_client(port, stats, client, posts, run_id, barrier):
    reader = Reader(port, stats)
    for number in range(posts):
        action, fields = reader.read_form()
        if action:
            reader.post(action, fields, f"{run_id}-c{client:02d}-n{number:03d}")
        reader.request("GET", "/")
    # Double submit: the same form, posted twice at once.
    action, fields = reader.read_form()
    barrier.wait(timeout=60)
    tag = f"{run_id}-c{client:02d}-double"
    threads = [threading.Thread(target=reader.post, args=(action, fields, tag)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=env, check=True, timeout=300)


def stored_counts(env, run_id):
    """How many times each load-test comment is stored, read through the ORM."""
    code = (
        "import json; from comments.models import Comment; from django.db.models import Count\n"
        f"rows = Comment.objects.filter(body__startswith={run_id!r}).values('body')"
        ".annotate(n=Count('id'))\n"
        "print(json.dumps({r['body'].split(' ')[0]: r['n'] for r in rows}))"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=PROJECT, env=env, check=True, timeout=120, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_until_up(port, server, deadline):
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz in time")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8150, choices=range(8100, 8200))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--posts", type=int, default=10, help="numbered posts per client")
    parser.add_argument("--deadline", type=int, default=600, help="seconds for the whole run")
    parser.add_argument("--keep", action="store_true", help="keep the database and server log")
    args = parser.parse_args()
    if args.workers < 2:
        parser.error("use at least 2 workers: the point is several processes writing")

    workdir = Path(tempfile.mkdtemp(prefix="pulse-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PULSE_COMMENT_RATE_LIMIT": "100000/60",
        "PULSE_MEDIA_ROOT": str(workdir / "media"),
    }
    database = env.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        env["DATABASE_URL"] = database = f"sqlite:///{workdir / 'load.sqlite3'}"
    engine = "PostgreSQL" if database.startswith("postgres") else "SQLite"

    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo", "--force")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    log_path = workdir / "gunicorn.log"
    run_id = f"load{secrets.token_hex(3)}"
    stats = Stats()
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
             "--workers", str(args.workers), "--timeout", "60"],
            cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + args.deadline
            wait_until_up(args.port, server, time.monotonic() + 60)
            barrier = threading.Barrier(args.clients)
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                futures = [
                    pool.submit(run_client, args.port, stats, c, args.posts, run_id, barrier)
                    for c in range(args.clients)
                ]
                for future in futures:
                    future.result(timeout=max(1, deadline - time.monotonic()))
            duration = time.monotonic() - started
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)

    stored = stored_counts(env, run_id)
    server_log = log_path.read_text(errors="replace")
    accepted = [tag for tag in stats.lists["accepted"] if not tag.endswith("double")]
    numbered_stored = {tag: n for tag, n in stored.items() if not tag.endswith("double")}
    doubles = {tag: n for tag, n in stored.items() if tag.endswith("double")}
    fivexx = sum(n for (method, status), n in stats.statuses.items() if status >= 500)
    report = {
        "database": engine,
        "workers": args.workers,
        "clients": args.clients,
        "requests": sum(stats.statuses.values()),
        "by_status": {f"{m} {s}": n for (m, s), n in sorted(stats.statuses.items())},
        "5xx": fivexx,
        "database_is_locked": len(stats.lists["locked"]) + server_log.count(LOCKED),
        "connection_errors": len(stats.lists["errors"]),
        "comments_accepted": len(accepted),
        "comments_rejected": len([t for t in stats.lists["rejected"] if "double" not in t]),
        "comments_stored": sum(numbered_stored.values()),
        "accepted_but_missing": sorted(set(accepted) - set(numbered_stored)),
        "stored_more_than_once": sorted(t for t, n in numbered_stored.items() if n > 1),
        "double_submits": len(doubles),
        "double_submits_stored_twice": sum(1 for n in doubles.values() if n > 1),
        "duration_s": round(duration, 2),
    }
    if args.keep:
        report["kept"] = str(workdir)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(report, indent=2))
    failed = (
        fivexx
        or report["database_is_locked"]
        or report["connection_errors"]
        or report["accepted_but_missing"]
        or report["stored_more_than_once"]
        or report["double_submits_stored_twice"]
        or len(accepted) == 0
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

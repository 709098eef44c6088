"""Helpers shared by the test modules (one place, never copied, never imported from a test
module): posting as a browser does, reading the thread's shape out of a page, the spam
checks' inputs, and manage.py under production settings."""

import io
import os
import re
import socket
import subprocess
import sys
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from comments import checks
from comments.models import Comment, DiscussionSettings

PROJECT = Path(__file__).resolve().parent.parent

# What a browser sends with a form posted from one of the site's own pages.
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}


def image_file(name="cover.png", size=(1600, 900), image_format="PNG", mode="RGBA"):
    """An in-memory upload drawn with Pillow."""
    buffer = io.BytesIO()
    Image.new(mode, size, (30, 120, 200, 255) if mode == "RGBA" else (30, 120, 200)).save(
        buffer, image_format
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format}")


def post_comment(client, article, data, **extra):
    """Post the comment form of ``article`` as a reader's browser does (same origin)."""
    headers = {**SAME_ORIGIN, **extra}
    return client.post(reverse("comments:post", kwargs={"slug": article.slug}), data, **headers)


def report_comment(client, comment, reason="spam", **extra):
    headers = {**SAME_ORIGIN, **extra}
    return client.post(
        reverse("comments:report", args=[comment.pk]), {"reason": reason}, **headers
    )


class ThreadParser(HTMLParser):
    """Follows <ol>/<li> nesting; records each comment's depth in page order."""

    def __init__(self):
        super().__init__()
        self.stack = []  # open ol/li tags as (tag, attrs)
        self.comments = []  # (pk, depth)
        self.errors = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("ol", "li"):
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "ol" and "comment-replies" in classes:
            parent = self.stack[-1] if self.stack else None
            if not parent or parent[0] != "li" or "comment" not in parent[1]:
                self.errors.append("comment-replies list outside a comment's <li>")
        if tag == "li" and "comment" in classes:
            depth = 1 + sum(1 for t, c in self.stack if t == "li" and "comment" in c)
            self.comments.append((int(attrs["id"].removeprefix("comment-")), depth))
        self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        if tag not in ("ol", "li"):
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unbalanced </{tag}>")
            return
        self.stack.pop()


def parse(html):
    parser = ThreadParser()
    parser.feed(html)
    parser.close()
    return parser


def submission(body="I found the section on withdrawal useful.", **fields):
    """A comment as typed by a person who read the page for a minute."""
    values = {
        "article": None,
        "name": "Reader",
        "email": "reader@example.com",
        "body": body,
        "ip_address": "198.51.100.4",
        "form_age": 60.0,
        "discussion": fields.pop("discussion", None) or DiscussionSettings(),
    }
    values.update(fields)
    return checks.Submission(**values)


def publishing():
    """Settings that publish whatever no check flags: a hold can only come from a check."""
    return DiscussionSettings(moderation=DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED)


def codes(assessment):
    return {reason["code"] for reason in assessment.reasons}


def manage(*args, **env):
    """Run manage.py with production settings and only the given deployment variables."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PULSE_")) and key != "DATABASE_URL"
    }
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def edit_in_admin(client, url, article, **changes):
    """Post the admin change (or revert) form as an editor would, with ``changes`` made."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category_id,
        "author": article.author_id,
        "summary": article.summary,
        "body": article.body,
        "tags": "",
        "cover_alt": "",
        "status": article.status,
        "published_at_0": article.published_at.strftime("%Y-%m-%d"),
        "published_at_1": article.published_at.strftime("%H:%M:%S"),
        "comments_open": "on",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **changes,
    }
    return client.post(url, data)


def html_datetime(value):
    """A datetime as a page's <time datetime> shows it: to the second, local time."""
    from django.utils import timezone

    return timezone.localtime(value).isoformat(timespec="seconds")


def free_port(taken=()):
    """A free loopback port in 8100–8199 (the system tests' range), not one of ``taken``.
    Each pytest-xdist worker looks at its own share of the range, so that two workers
    starting servers at the same moment never pick the same port."""

    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    for candidate in range(8100, 8200):
        if candidate in taken or candidate % workers != worker % workers:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return candidate
    raise RuntimeError("no free port in 8100–8199")


def production_environment(folder, site_url, **extra):
    """The environment of one production machine with everything in ``folder``: SQLite,
    the shared file cache, media and static files."""
    folder = Path(folder)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PULSE_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="system-test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        PULSE_CACHE_DIR=str(folder / "cache"),
        PULSE_MEDIA_ROOT=str(folder / "media"),
        PULSE_STATIC_ROOT=str(folder / "static"),
        PULSE_SITE_URL=site_url,
        PULSE_RELEASE="system-test",
        **extra,
    )
    return env


def run_manage(env, *args, timeout=120):
    """manage.py in another process with exactly ``env``; its output, or AssertionError."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env,
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def wait_until_answering(url, process, seconds=30):
    """Poll ``url`` until it answers (any HTTP status); RuntimeError if ``process`` exits
    or ``seconds`` pass."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


def start_gunicorn(env, port, workers=2, trusted="127.0.0.2"):
    """gunicorn with ``env`` on 127.0.0.1:``port``, believing forwarded headers from
    ``trusted`` only, as `make serve` starts it; stop it with :func:`stop`."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
         "--forwarded-allow-ips", trusted, "--no-control-socket"],
        cwd=PROJECT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/healthz", server)
    except RuntimeError:
        stop(server)
        raise
    return server


def start_nginx(conf, run_dir, port):
    """nginx in the foreground of its own process group, from the rendered ``conf``."""
    run_dir = str(run_dir).rstrip("/") + "/"
    args = ["nginx", "-c", str(conf), "-p", run_dir, "-e", f"{run_dir}error.log"]
    checked = subprocess.run([*args, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(
        [*args, "-g", "daemon off;"], start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/static/", server)
    except RuntimeError:
        stop(server)
        raise
    return server


def stop(process, seconds=30):
    """Stop a server started by these helpers (its whole process group), and wait."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=seconds)


def field_block(html, name):
    """The HTML of one form field's wrapper: its label, input and error."""
    start = html.index(f'id="div_id_{name}"')
    end = html.find('id="div_id_', start + 1)
    return html[start : end if end != -1 else html.index("</form>", start)]


def email_link(message, label):
    """The path of the link after ``label`` in a plain-text email."""
    return urlsplit(re.search(rf"{label}:\s+(\S+)", message.body).group(1)).path


def comment_messages(html):
    """The messages shown beside the comment form, as text."""
    start = html.index('id="write-comment"')
    section = html[start : html.index("</section>", start)]
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', section, re.S)
    ]


# The moderator's desk: queues to work, and the queue's rows read back out of its HTML.

QUEUE = reverse("admin:comments_comment_changelist")
DASHBOARD = reverse("admin:comments_dashboard_changelist")

LONG_BODY = "\n\n".join(
    f"Paragraph {n}: I was prescribed this after surgery and the first weeks were hard; "
    "my pharmacist explained how to taper and what to watch for, which helped a lot."
    for n in range(1, 9)
)


def fill_queue(make_comment, article, count, names=None, **fields):
    """``count`` pending comments, one a minute apart (the first is the oldest), each by
    its own commenter; some with reasons, one long, one a reply to a published comment."""
    start = timezone.now() - timedelta(hours=2)
    parent = make_comment(article, author_name="Pat", body="Has anyone tried tapering slowly?")
    comments = []
    for index in range(count):
        name = names[index] if names else f"Reader {index}"
        values = {
            "author_name": name,
            "author_email": f"{name.lower().replace(' ', '.')}@example.com",
            "body": f"Comment number {index} from {name}.",
            "created_at": start + timedelta(minutes=index),
            "reasons": [{"code": "links", "message": "More links than allowed.", "score": 1}]
            if index % 3 == 0
            else [],
            **fields,
        }
        if index == 1:
            values["parent"] = parent
        if index == 2:
            values["body"] = LONG_BODY
        comments.append(make_comment(article, status=Comment.Status.PENDING, **values))
    return comments


def row_ids(html):
    """The comment ids of the queue's rows, in the order shown."""
    return [int(pk) for pk in re.findall(r'<tr id="queue-row-(\d+)"', html)]


def form_fields(html, form_id):
    """What a browser would send for the form ``form_id`` as it stands (hidden inputs and
    management forms included), as a dict to update and post."""
    import html as html_module

    start = html.index(f'id="{form_id}"')
    form = html[start : html.index("</form>", start)]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or (kind and kind.group(1) in ("submit", "button", "checkbox", "radio")):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = html_module.unescape(value.group(1)) if value else ""
    for name, text in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        data[name] = html_module.unescape(text).removeprefix("\n")
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen.group(1) if chosen else ""
    return data


def json_ld_nodes(html):
    """Every schema.org node of a page's JSON-LD blocks, flattened out of their @graph and
    merged by @id as a JSON-LD processor (a search engine) merges them: {@id or a running
    number: node}.  AssertionError if a block does not parse or two blocks each give a node
    with the same @id its own @type (two nodes for one thing)."""
    import json

    found = {}
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    for block in blocks:
        data = json.loads(block)
        for node in data.get("@graph", [data]):
            key = node.get("@id", len(found))
            if key in found:
                assert not ("@type" in found[key] and "@type" in node), f"two nodes for {key}"
                found[key] = {**found[key], **node}
            else:
                found[key] = dict(node)
    return found


def nodes_of_type(nodes, schema_type):
    return [node for node in nodes.values() if node.get("@type") == schema_type]


def visible_breadcrumb(html):
    """The names in the page's breadcrumb <nav>, in order."""
    start = html.index('<ol class="breadcrumb')
    trail = html[start : html.index("</ol>", start)]
    items = trail.split("<li")[1:]
    return [unescape(" ".join(re.sub(r"<[^>]+>|^[^>]*>", " ", item).split())) for item in items]

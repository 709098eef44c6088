"""Helpers shared by the test modules (one place, never copied, never imported from a test
module): posting as a browser does, reading the thread's shape out of a page, the spam
checks' inputs, and manage.py under production settings."""

import io
import os
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from comments import checks
from comments.models import DiscussionSettings

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


def free_port(first=8100, last=8199):
    """A free loopback port in the range this project's test servers may use."""
    for port in range(last, first - 1, -1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}–{last}")


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

"""Helpers that several test modules share (fixtures live in conftest.py)."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import reverse

PROJECT = Path(__file__).resolve().parent.parent


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


def field_block(html, name):
    """The HTML of one form field's wrapper: its label, input and error."""
    start = html.index(f'id="div_id_{name}"')
    end = html.find('id="div_id_', start + 1)
    return html[start : end if end != -1 else html.index("</form>", start)]


def post_comment(client, article, data, **extra):
    """POST the article's comment form as a browser would."""
    return client.post(reverse("comments:post", kwargs={"slug": article.slug}), data, **extra)


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

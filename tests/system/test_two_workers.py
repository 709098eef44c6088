"""Two gunicorn workers with production settings share one page cache (the file cache, as
on one machine without Redis): a change made elsewhere (here, another process, as an
editor's app server would) and a moment that passes (comments closing by age, a scheduled
article coming out) each show on the very next request, whichever worker answers."""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.helpers import PROJECT, free_port

SETUP = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Category
from authors.models import Author
from comments.models import DiscussionSettings
now = timezone.now()
category = Category.objects.create(name="Sleep", slug="sleep")
author = Author.objects.create(name="Ada Okafor", slug="ada-okafor")
common = dict(category=category, author=author, summary="S.", body="Body.",
              status=Article.Status.PUBLISHED)
closing = Article.objects.create(title="Closing soon", slug="closing-soon",
    published_at=now - timedelta(days=1) + timedelta(seconds=SECONDS), **common)
closing.tags.add("Insomnia")
Article.objects.create(title="Coming out soon", slug="coming-out-soon",
    published_at=now + timedelta(seconds=SECONDS), **common)
row = DiscussionSettings.load()
row.close_after_days = 1
row.save()
"""
RENAME = """
from taggit.models import Tag
tag = Tag.objects.get(name="Insomnia")
tag.name = "Sleeplessness"
tag.save()
"""
SECONDS = 6
READS = 8  # enough that both workers answer


@pytest.fixture
def port():
    return free_port()


@pytest.fixture
def production(tmp_path, port):
    """The environment of one production machine: SQLite, the shared file cache."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PULSE_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        PULSE_CACHE_DIR=str(tmp_path / "cache"),
        PULSE_MEDIA_ROOT=str(tmp_path / "media"),
        PULSE_STATIC_ROOT=str(tmp_path / "static"),
        PULSE_SITE_URL=f"http://127.0.0.1:{port}",
        PULSE_RELEASE="system-test",
    )
    return env


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def two_workers(production, port):
    manage(production, "migrate", "--noinput")
    manage(production, "collectstatic", "--noinput")
    manage(production, "shell", "-c", SETUP.replace("SECONDS", str(SECONDS)))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=PROJECT, env=production, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        os.killpg(server.pid, signal.SIGTERM)
        pytest.fail("gunicorn did not start")
    yield base
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def read(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["X-Page-Cache"], response.read().decode()


def test_changes_and_passing_moments_show_on_every_workers_next_request(two_workers, production):
    article = f"{two_workers}/articles/closing-soon/"
    home = f"{two_workers}/"
    started = time.time()
    for url in (article, home):
        outcomes = [read(url)[0] for _ in range(READS)]
        assert outcomes.count("hit") >= READS - 2, outcomes  # both workers share one copy
    assert "Insomnia" in read(article)[1]
    assert "Coming out soon" not in read(home)[1]

    manage(production, "shell", "-c", RENAME)
    pages = [read(article)[1] for _ in range(READS)]
    assert all("Sleeplessness" in page and "Insomnia" not in page for page in pages)

    time.sleep(max(0, started + SECONDS + 0.5 - time.time()))
    pages = [read(article)[1] for _ in range(READS)]
    assert all("Comments are closed on this article." in page for page in pages)
    homes = [read(home)[1] for _ in range(READS)]
    assert all("Coming out soon" in page for page in homes)

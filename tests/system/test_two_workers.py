"""Two gunicorn workers with production settings share one page cache (the file cache, as
on one machine without Redis): a change made elsewhere (here, another process, as an
editor's app server would) and a moment that passes (comments closing by age, a scheduled
article coming out) each show on the very next request, whichever worker answers."""

import time
import urllib.request

import pytest

from tests.helpers import free_port, production_environment, run_manage, start_gunicorn, stop

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
print(now.timestamp())
"""
RENAME = """
from taggit.models import Tag
tag = Tag.objects.get(name="Insomnia")
tag.name = "Sleeplessness"
tag.save()
"""
# From the set-up's clock to both moments.  The page cache keeps a page only while at least
# a whole second of it is left, so the reads before the moments must come well before
# them, on a loaded machine too (CI once took over 5 s to start gunicorn after set-up).
SECONDS = 8
READS = 8  # enough that both workers answer


@pytest.fixture
def port():
    return free_port()


@pytest.fixture
def production(tmp_path, port):
    """The environment of one production machine: SQLite, the shared file cache."""
    return production_environment(tmp_path, f"http://127.0.0.1:{port}")


@pytest.fixture
def two_workers(production, port):
    """The two workers' address and the moment (a timestamp) both changes are due; the
    articles are made once the workers answer, so starting them costs none of the time."""
    run_manage(production, "migrate", "--noinput")
    run_manage(production, "collectstatic", "--noinput")
    server = start_gunicorn(production, port, workers=2)
    try:
        made = run_manage(production, "shell", "-c", SETUP.replace("SECONDS", str(SECONDS)))
        yield f"http://127.0.0.1:{port}", float(made.split()[-1]) + SECONDS
    finally:
        stop(server)


def read(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["X-Page-Cache"], response.read().decode()


def test_changes_and_passing_moments_show_on_every_workers_next_request(two_workers, production):
    url, moment = two_workers
    article = f"{url}/articles/closing-soon/"
    home = f"{url}/"
    for url in (article, home):
        outcomes = [read(url)[0] for _ in range(READS)]
        assert outcomes.count("hit") >= READS - 2, outcomes  # both workers share one copy
    assert "Insomnia" in read(article)[1]
    assert "Coming out soon" not in read(home)[1]

    run_manage(production, "shell", "-c", RENAME)
    pages = [read(article)[1] for _ in range(READS)]
    assert all("Sleeplessness" in page and "Insomnia" not in page for page in pages)

    time.sleep(max(0, moment + 0.5 - time.time()))
    pages = [read(article)[1] for _ in range(READS)]
    assert all("Comments are closed on this article." in page for page in pages)
    homes = [read(home)[1] for _ in range(READS)]
    assert all("Coming out soon" in page for page in homes)

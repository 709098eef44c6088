"""Flood control that holds: counters that page-cache churn cannot evict (the database, or
Redis when PULSE_CACHE_URL names one), incremented atomically, so that twelve concurrent
posts from one address never get more than the limit accepted.  Edits and reports are
limited too."""

import secrets
import threading

import pytest
import redis
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.urls import reverse

from comments.models import Comment, DiscussionSettings, RateLimitCounter
from tests.helpers import manage, post_comment

ADDRESS = "203.0.113.50"


def numbered(human_post, n):
    return human_post | {"author_email": f"reader{n}@example.com", "body": f"Comment {n}."}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_concurrent_posts_from_one_address_never_beat_the_limit(
    article, human_post, settings, tmp_path
):
    # The production cache (a file cache, no Redis): its increments are not atomic.
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "cache"),
    }}  # fmt: skip
    limit = DiscussionSettings.load().rate_limit_count
    barrier = threading.Barrier(12)
    statuses = []

    def post(n):
        try:
            browser = Client()
            barrier.wait(timeout=30)
            response = post_comment(browser, article, numbered(human_post, n),
                                    REMOTE_ADDR=ADDRESS)  # fmt: skip
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(statuses) == [302] * limit + [429] * (12 - limit)
    assert Comment.objects.count() == limit


def test_counters_survive_page_cache_churn(article, human_post, settings):
    # A small cache, as the production file cache is (1,000 entries), filled by pages.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "OPTIONS": {"MAX_ENTRIES": 50}}}  # fmt: skip
    statuses = []
    for n in range(6):
        statuses.append(post_comment(Client(), article, numbered(human_post, n),
                                     REMOTE_ADDR=ADDRESS).status_code)  # fmt: skip
        for page in range(200):  # readers' pages pushing everything else out
            cache.set(f"pulse:page:{n}:{page}", "<html>…</html>")
    assert statuses == [302] * 5 + [429]


def test_edits_are_rate_limited(client, article, human_post):
    post_comment(client, article, human_post)
    comment = Comment.objects.get()
    url = reverse("comments:edit", args=[comment.pk])
    statuses = [client.post(url, {"body": f"Version {n}."}).status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    comment.refresh_from_db()
    assert comment.body == "Version 4."


def test_counters_live_in_redis_when_one_is_configured(article, human_post, settings, redis_url):
    settings.PULSE_RATELIMIT_REDIS_URL = redis_url
    statuses = [post_comment(Client(), article, numbered(human_post, n),
                             REMOTE_ADDR=ADDRESS).status_code for n in range(6)]  # fmt: skip
    assert statuses == [302] * 5 + [429]
    assert redis.Redis.from_url(redis_url).keys("pulse:flood:*")
    assert not RateLimitCounter.objects.exists()


def test_an_unreachable_redis_never_lets_a_flood_through(
    article, human_post, settings, closed_port, caplog
):
    settings.PULSE_RATELIMIT_REDIS_URL = f"redis://127.0.0.1:{closed_port}/0"
    statuses = [post_comment(Client(), article, numbered(human_post, n),
                             REMOTE_ADDR=ADDRESS).status_code for n in range(6)]  # fmt: skip
    assert statuses == [302] * 5 + [429]
    assert RateLimitCounter.objects.exists()  # the database counted instead
    assert "counting in the database" in caplog.text


def test_pulse_cache_url_sends_the_counters_to_redis(tmp_path):
    code = "from django.conf import settings; print(settings.PULSE_RATELIMIT_REDIS_URL)"
    result = manage(
        "shell", "-c", code,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PULSE_CACHE_URL="redis://cache:6379/2",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "redis://cache:6379/2"

"""PULSE_CACHE_URL points every app server at one Redis (Django's own RedisCache); the
health check then reports that Redis.  Runs Debian's redis-server on a private loopback port."""

import json
import secrets
import shutil

import redis

from tests.helpers import manage

PROBE = """
import json
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_health_check_reports_the_shared_redis_cache(redis_url, tmp_path):
    result = manage(
        "shell",
        "-c",
        PROBE,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(45),
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'health.sqlite3'}",
        PULSE_CACHE_URL=redis_url,
    )

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 200
    assert answer["body"]["checks"]["cache"]["status"] == "ok"
    assert answer["body"]["checks"]["cache"]["backend"] == "FailOpenRedisCache"
    # The check really went through this Redis: its key is stored there.
    stored = redis.Redis.from_url(redis_url).keys("*pulse:healthz")
    assert len(stored) == 1


def test_the_shared_file_cache_stays_bounded(tmp_path):
    """Without Redis, workers share a folder; it lists itself only now and then, yet never
    grows far past MAX_ENTRIES."""
    from config.cache import SharedFileCache

    shared = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 30}})
    for number in range(500):
        shared.set(f"page-{number}", "x" * 100)
    assert len(list(tmp_path.iterdir())) <= 30 + SharedFileCache.CULL_EVERY
    assert shared.get("page-499") == "x" * 100


def test_the_shared_file_cache_survives_its_folder_being_removed(tmp_path):
    """Django's file cache makes its folder again when it has gone; so does ours, and it
    leaves no half-written files behind."""
    from config.cache import SharedFileCache

    folder = tmp_path / "cache"
    shared = SharedFileCache(str(folder), {})
    shared.set("version", "a")
    shutil.rmtree(folder)
    shared.set("version", "b")
    assert shared.get("version") == "b"
    assert [path.suffix for path in folder.iterdir()] == [".djcache"]

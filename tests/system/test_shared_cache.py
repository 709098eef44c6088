"""PULSE_CACHE_URL points every app server at one Redis (django-redis); the
health check then reports that Redis.  Runs Debian's redis-server on a private loopback port."""

import json
import secrets

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
    assert answer["body"]["checks"]["cache"]["backend"] == "RedisCache"
    # The check really went through this Redis: its key is stored there.
    stored = redis.Redis.from_url(redis_url).keys("*pulse:healthz")
    assert len(stored) == 1

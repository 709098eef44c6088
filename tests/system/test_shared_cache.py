"""PULSE_CACHE_URL points every app server at one Redis (Django's own RedisCache); the
health check then reports that Redis.  Runs Debian's redis-server on a private loopback port."""

import json
import secrets
import socket
import subprocess
import time

import pytest
import redis

from tests.helpers import manage

REDIS_SERVER = "/usr/bin/redis-server"  # installed by `make install-test`


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway redis-server on a free loopback port, no persistence; stopped after."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


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

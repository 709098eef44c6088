"""/healthz tells a load balancer whether this server can reach its database and cache."""

from django.db import OperationalError
from django.urls import reverse

import core.health


def test_healthy_server_reports_ok(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_cache_makes_it_unavailable(client, db, unreachable_redis):
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"] == {
        "status": "down",
        "error": "ConnectionError",
        "ms": body["checks"]["cache"]["ms"],
        "backend": "RedisCache",
    }


class UnreachableDatabase:
    """Stands in for the database connection when the server cannot be reached."""

    def cursor(self):
        raise OperationalError("connection refused by 10.0.0.5 for user pulse")


def test_unreachable_database_makes_it_unavailable(client, db, monkeypatch):
    monkeypatch.setattr(core.health, "connection", UnreachableDatabase())

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"]["status"] == "down"
    assert body["checks"]["database"]["error"] == "OperationalError"
    assert "10.0.0.5" not in response.content.decode()  # no hosts or users leaked


def test_only_reads_are_allowed(client, db):
    assert client.post(reverse("healthz")).status_code == 405

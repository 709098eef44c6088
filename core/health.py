"""/healthz: whether this app server can reach its database and its cache, as JSON, for
load balancers and uptime checks.  200 when both answer, 503 when either does not."""

import secrets
import time

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _timed(check):
    """Run a check; report "ok" or "down" (with only the error's type: the message may name
    hosts or credentials) and how long it took."""
    started = time.perf_counter()
    try:
        check()
        result = {"status": "ok"}
    except Exception as error:
        result = {"status": "down", "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def _cache():
    key, value = "pulse:healthz", secrets.token_hex(8)
    cache = caches["default"]
    client = getattr(cache, "client", None)
    if hasattr(client, "get_client"):  # django-redis fails open: set/get hide an outage
        client.get_client(write=True).ping()
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("value not read back")


@never_cache
@require_safe
def healthz(request):
    checks = {
        "database": _timed(_database),
        "cache": {**_timed(_cache), "backend": type(caches["default"]).__name__},
    }
    healthy = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )

"""Flood control: how many comments, edits or reports one person may send in a window.

A person is counted by address (IPv6 by /64), by email and by browser key, and an attempt
over any of them is refused.  The counters live where nothing else can push them out: in
Redis when PULSE_CACHE_URL names one (INCR, atomic across every app server), otherwise in
a small database table with one row and one window per key, incremented by a single
UPDATE so that concurrent requests each see their own count.  If Redis cannot be
reached, the database takes over: flood control never fails open.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from .addresses import address_group, client_ip
from .models import RateLimitCounter

logger = logging.getLogger(__name__)
_REDIS_CLIENTS = {}


def over_limit(request, group, rate, *, email="", browser=""):
    """Count this attempt against the sender's address, email and browser key; True when
    any of them is over ``rate`` ((count, seconds)).  Every key is always incremented, so a
    flood from one address with rotating emails, or one email from rotating addresses,
    is caught either way."""
    limit, seconds = rate
    idents = [("ip", address_group(client_ip(request))), ("email", email.strip().casefold()),
              ("browser", browser)]  # fmt: skip
    counts = [hit(f"{group}:{kind}:{value}", seconds) for kind, value in idents if value]
    return any(count > limit for count in counts)


def hit(key, seconds):
    """Record one attempt for ``key``; how many it has made in the current window."""
    digest = hashlib.sha256(key.encode()).hexdigest()  # no address or email is stored
    url = settings.PULSE_RATELIMIT_REDIS_URL
    if url:
        try:
            return _redis_hit(url, digest, seconds)
        except Exception as error:  # redis-py's errors, whatever the cause
            logger.warning("flood-control Redis unreachable (%s); counting in the database",
                           type(error).__name__)  # fmt: skip
    return _database_hit(digest, seconds)


def _redis_hit(url, digest, seconds):
    import redis

    client = _REDIS_CLIENTS.get(url)
    if client is None:
        client = _REDIS_CLIENTS[url] = redis.Redis.from_url(
            url, socket_connect_timeout=1, socket_timeout=1
        )
    key = f"pulse:flood:{digest}"
    pipe = client.pipeline(transaction=True)
    pipe.set(key, 0, ex=seconds, nx=True)  # a new window, only if none is running
    pipe.incr(key)
    return pipe.execute()[1]


def _database_hit(digest, seconds):
    now = timezone.now()
    expired = Q(window_started__lte=now - timedelta(seconds=seconds))
    bump = {
        "count": Case(
            When(expired, then=Value(1)),
            default=F("count") + 1,
            output_field=models.PositiveIntegerField(),
        ),
        "window_started": Case(
            When(expired, then=Value(now)),
            default=F("window_started"),
            output_field=models.DateTimeField(),
        ),
    }
    with transaction.atomic():
        counter = RateLimitCounter.objects.filter(key=digest)
        if not counter.update(**bump):
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(key=digest, window_started=now, count=1)
                return 1
            except IntegrityError:  # another request created it a moment ago
                counter.update(**bump)
        return counter.values_list("count", flat=True).get()


def prune(older_than):
    """Delete counters whose window started before ``older_than``: they count nothing."""
    return RateLimitCounter.objects.filter(window_started__lt=older_than).delete()[0]

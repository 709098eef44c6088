"""A shared Redis cache that fails open: when Redis cannot be reached, reads are misses and
writes are dropped, so readers and commenters are served (more slowly) instead of getting a
500.  /healthz still reports the cache as down, and each failure is logged."""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("pulse.cache")
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _fail_open(name, fallback):
    """Wrap RedisCache.<name> so that an unreachable server gives ``fallback(*args)``."""
    method = getattr(RedisCache, name)

    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("cache unreachable during %s: %s", name, type(error).__name__)
            return fallback(*args, **kwargs)

    wrapper.__name__ = name
    wrapper.__doc__ = method.__doc__
    return wrapper


def _miss(key, default=None, version=None):
    return default


def _no_counter(key, delta=1, version=None):
    # What Django's caches say about a missing key; rate limiters then fail open.
    raise ValueError(f"Key {key!r} not found (cache unreachable).")


def _unsaved(data, timeout=DEFAULT_TIMEOUT, version=None):
    return list(data)


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache, except that an unreachable Redis never raises."""

    get = _fail_open("get", _miss)
    get_many = _fail_open("get_many", lambda *args, **kwargs: {})
    has_key = _fail_open("has_key", lambda *args, **kwargs: False)
    add = _fail_open("add", lambda *args, **kwargs: False)
    set = _fail_open("set", lambda *args, **kwargs: None)
    set_many = _fail_open("set_many", _unsaved)
    touch = _fail_open("touch", lambda *args, **kwargs: False)
    delete = _fail_open("delete", lambda *args, **kwargs: False)
    delete_many = _fail_open("delete_many", lambda *args, **kwargs: None)
    incr = _fail_open("incr", _no_counter)
    clear = _fail_open("clear", lambda *args, **kwargs: None)

    def ping(self):
        """Raise if Redis cannot be reached: for /healthz, which must notice the outage
        that everything else is shielded from."""
        self._cache.get_client(write=True).ping()

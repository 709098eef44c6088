"""The shared caches: a Redis cache that fails open (when Redis cannot be reached, reads
are misses and writes are dropped, so readers and commenters are served, more slowly,
instead of getting a 500; /healthz still reports the cache as down, and each failure is
logged), and the file cache that the workers of one machine share without Redis."""

import contextlib
import itertools
import logging
import os
import pickle
import random
import threading
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
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


class SharedFileCache(FileBasedCache):
    """Django's file cache, except that it lists its folder on one write in CULL_EVERY
    rather than on every write.  Each content version brings new keys, so the folder holds
    hundreds of files, and listing them all took longer than the rest of the write.
    MAX_ENTRIES stays a bound, overshot by at most CULL_EVERY writes per worker.
    Writes are leaner too (see set), and compressed at zlib's fastest level."""

    CULL_EVERY = 50

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = itertools.count(1)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's set makes the folder, a random temporary file and a checked move on every
        # write; a per-writer temporary name and one atomic rename do the same job in half
        # the time.  The ".tmp" suffix keeps half-written files out of every listing.
        fname = self._key_to_file(key, version)
        self._cull()
        temporary = f"{fname}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            self._write_file(temporary, timeout, value)
        except FileNotFoundError:  # the folder was removed: make it again
            self._createdir()
            self._write_file(temporary, timeout, value)
        os.replace(temporary, fname)

    def _write_file(self, path, timeout, value):
        try:
            with open(path, "wb") as file:
                self._write_content(file, timeout, value)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
            raise

    def _write_content(self, file, timeout, value):
        # zlib's fastest level: a page is written once per content version, on a reader's
        # request, and level 1 takes a third of the default's time for a little more disk.
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))

    def _cull(self):
        if next(self._writes) % self.CULL_EVERY:
            return
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        # Down to MAX_ENTRIES less a 1/CULL_FREQUENCY margin (0: empty it), as Django's.
        keep = self._max_entries - self._max_entries // max(self._cull_frequency, 1)
        for name in random.sample(files, len(files) - keep):
            self._delete(name)

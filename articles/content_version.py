"""The content version: one token in the shared cache that changes whenever anything
readers can see changes, on every app server at once.

Saving an article, category, author, reference, correction, tag or the site's settings, a
comment becoming or ceasing to be public, the discussion settings: each calls bump()
(signals in apps.py, and services after bulk updates).  An article scheduled for later
bumps it when its time comes, checked on each request against the version's publication
schedule.  Cached pages (pagecache.py) and the values in PerVersion are kept under it.
"""

import secrets
import threading

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Article

VERSION_KEY = "pulse:content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_token(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _new_token():
    """A version is a random token, not a counter: after the shared cache is flushed or
    restarted, a counter would start again at 1 and meet pages and schedules that workers
    still hold in memory for the old 1."""
    return secrets.token_hex(8)


def _set_new_version():
    version = _new_token()
    cache.set(VERSION_KEY, version, timeout=None)
    return version


def bump(**_kwargs):
    """Invalidate every cached page (connected to model signals: see apps.py).

    Bumped at once, for the rest of this request, and again when the transaction commits:
    a reader's page rendered between the two from the old rows would otherwise be stored
    under the new version and outlive the change.  Once committed, the writer also works
    out the new version's menu and schedule (PerVersion.refresh), so that readers do not."""
    _set_new_version()
    transaction.on_commit(_committed, robust=True)


def _committed():
    per_version.refresh(_set_new_version())


class PerVersion:
    """Values that depend only on what readers can see (the menu, the publication
    schedule): worked out once per content version, by the writer whose change made the
    version (or by the first reader to need them), kept in the shared cache under the
    version and in each process's memory.

    Never stale: any change makes a new version, and a value for a version is always
    worked out after that version was set, so after every change that came before it.
    Nothing is kept while the shared cache cannot say which version is current."""

    KEY = "pulse:per-version:{name}:{version}"
    SECONDS = 24 * 60 * 60

    def __init__(self):
        self.computations = {}
        self.version = None
        self.values = {}
        self.lock = threading.Lock()

    def register(self, name, compute):
        self.computations[name] = compute

    def get(self, name, version=None):
        compute = self.computations[name]
        if version is None:
            version = content_version()
        if version is None:
            return compute()
        with self.lock:
            if version != self.version:
                self.version, self.values = version, {}
            elif name in self.values:
                return self.values[name]
        key = self.KEY.format(name=name, version=version)
        stored = cache.get(key)  # (value,): None is a value too
        if stored is None:
            stored = (compute(),)
            cache.add(key, stored, self.SECONDS)
        with self.lock:
            if version == self.version:
                self.values[name] = stored[0]
        return stored[0]

    def refresh(self, version):
        """Work out every value for a version that has just been set."""
        for name, compute in self.computations.items():
            cache.set(self.KEY.format(name=name, version=version), (compute(),), self.SECONDS)


per_version = PerVersion()


def current_version():
    """The content version, bumped first if a scheduled article has just come out."""
    version = content_version()
    if version is None:
        return None
    upcoming = per_version.get("next-publication", version)
    if upcoming is not None and upcoming <= timezone.now():
        bump()
        return content_version()
    return version


def next_publication():
    """When the next article scheduled for later comes out, or None."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )

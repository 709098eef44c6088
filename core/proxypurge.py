"""Purges nginx's page cache (deploy/nginx.conf.template) of exactly the pages that
core/pagecache.py invalidates, once the change has committed: ``PURGE <url><path>`` per
changed path, ``PURGE <url>/*`` for every page.  Set ``PULSE_PROXY_PURGE_URL`` (e.g.
``http://127.0.0.1:8000/_purge``) on every app server; with several nginx hosts, name each
one's purge location, separated by commas: every change purges every one of them.

A purge that fails is logged as one line and never raised: the change is committed, and
nginx keeps a page no longer than Pulse allowed it (X-Accel-Expires).
"""

import logging
import urllib.error
import urllib.request
from urllib.parse import quote

from django.conf import settings

logger = logging.getLogger("pulse.proxypurge")


def purge_urls():
    """The purge location of every nginx in front, from ``PULSE_PROXY_PURGE_URL``."""
    return [url.rstrip("/") for url in settings.PULSE_PROXY_PURGE_URL.replace(",", " ").split()]


def purge(path, base):
    """Ask the nginx at ``base`` to drop every variant of ``path`` ("*": every page); True
    on success."""
    url = base + ("/*" if path == "*" else quote(path))
    request = urllib.request.Request(url, method="PURGE")
    try:
        with urllib.request.urlopen(request, timeout=settings.PULSE_PROXY_PURGE_TIMEOUT):
            return True
    except (OSError, urllib.error.URLError, ValueError) as error:
        logger.warning("proxy purge of %s at %s failed: %s", path, base, error,
                       extra={"path": path})  # fmt: skip
        return False


def purge_changed_pages(sender, paths, **kwargs):
    """Receiver of ``core.pagecache.pages_changed``."""
    for base in purge_urls():
        for path in ["*"] if paths is None else paths:
            purge(path, base)

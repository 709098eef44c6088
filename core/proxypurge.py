"""Purges nginx's page cache (deploy/nginx.conf.template) of exactly the pages that
core/pagecache.py invalidates, once the change has committed: ``PURGE <url><path>`` per
changed path, ``PURGE <url>/*`` for every page.  Set ``PULSE_PROXY_PURGE_URL`` (e.g.
``http://127.0.0.1:8000/_purge``) on every app server behind the one shared nginx.

A purge that fails is logged as one line and never raised: the change is committed, and
nginx keeps a page no longer than Pulse allowed it (X-Accel-Expires).
"""

import logging
import urllib.error
import urllib.request
from urllib.parse import quote

from django.conf import settings

logger = logging.getLogger("pulse.proxypurge")


def purge(path):
    """Ask nginx to drop every variant of ``path`` ("*": every page); True on success."""
    url = settings.PULSE_PROXY_PURGE_URL.rstrip("/") + ("/*" if path == "*" else quote(path))
    request = urllib.request.Request(url, method="PURGE")
    try:
        with urllib.request.urlopen(request, timeout=settings.PULSE_PROXY_PURGE_TIMEOUT):
            return True
    except (OSError, urllib.error.URLError, ValueError) as error:
        logger.warning("proxy purge of %s failed: %s", path, error, extra={"path": path})
        return False


def purge_changed_pages(sender, paths, **kwargs):
    """Receiver of ``core.pagecache.pages_changed``."""
    if not settings.PULSE_PROXY_PURGE_URL:
        return
    for path in ["*"] if paths is None else paths:
        purge(path)

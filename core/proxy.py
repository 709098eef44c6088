"""The client's address and scheme behind nginx, believed only when nginx says so.

nginx connects to gunicorn from an address of its own (``proxy_bind``, listed in
``PULSE_TRUSTED_PROXIES``) and appends the address it saw to X-Forwarded-For.  A request
from a trusted proxy gets REMOTE_ADDR from that last hop (anything before it was written
by the client); any other request has its forwarded headers dropped, so a forged
X-Forwarded-For or X-Forwarded-Proto sent straight to gunicorn changes nothing: not the
address that rate limits and comment records use, nor ``request.is_secure()``.
"""

import ipaddress

from django.conf import settings

FORWARDED = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def last_hop(header):
    """The address the proxy itself appended, or None when it is not an IP address."""
    candidate = header.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


class TrustedProxyMiddleware:
    """Outermost, so that everything after it sees the real client (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = frozenset(settings.PULSE_TRUSTED_PROXIES)

    def __call__(self, request):
        meta = request.META
        if meta.get("REMOTE_ADDR") in self.trusted:
            client = last_hop(meta.get("HTTP_X_FORWARDED_FOR", ""))
            if client:
                meta["REMOTE_ADDR"] = client
        else:
            for name in FORWARDED:
                meta.pop(name, None)
        return self.get_response(request)

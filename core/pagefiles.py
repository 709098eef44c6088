"""The headers of a shared page, for nginx's file tier (deploy/pulse_pages.lua).

nginx keeps each anonymous page it fetched as a plain file per encoding and sends the next
request for it as it sends a static file: a lookup in its own cache costs a fifth of a hit
more than a file (measured, see README "Speed").  A file carries no headers, so the page's
own (the Content-Security-Policy, the framing and referrer rules, Vary…) are written into
the nginx configuration from this module, and nginx keeps a page as a file only when the
headers Pulse sent with it are exactly these: a page with any other header is left to
nginx's proxy cache, which keeps headers.

They are made by the same middleware that makes them for every response, on an empty page,
in the order MIDDLEWARE runs them (a test compares them with a real page's).
"""

from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.locale import LocaleMiddleware
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory

from core import pagecache

# Headers that belong to one response or one representation (nginx makes its own for a
# file), not to the page.
OWN = frozenset(
    {
        "content-type",
        "content-length",
        "content-encoding",
        "etag",
        "last-modified",
        "date",
        "server",
        "connection",
        "keep-alive",
        "transfer-encoding",
        "x-page-cache",
        "x-accel-expires",
        "x-cache-status",
    }
)
# Around the page cache, innermost first, the response's way out.
INSIDE = (CSPMiddleware, XFrameOptionsMiddleware)
OUTSIDE = (LocaleMiddleware, SecurityMiddleware)


def page_headers(secure=False):
    """``{lower-case name: value}`` of what every page the page cache serves carries over
    ``secure`` (HTTPS: Strict-Transport-Security is added) or plain HTTP."""
    request = RequestFactory().get("/", secure=secure)
    response = HttpResponse(content_type="text/html; charset=utf-8")
    for middleware in INSIDE:
        response = middleware(HttpResponse).process_response(request, response)
    pagecache.shared_headers(response)
    for middleware in OUTSIDE:
        response = middleware(HttpResponse).process_response(request, response)
    return {name.lower(): value for name, value in response.items() if name.lower() not in OWN}

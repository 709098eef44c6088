"""Absolute URLs from the configured site address (PULSE_SITE_URL), never from a request's
Host or forwarded headers: a page cached for every reader must not carry an address that
one request made up."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path):
    """``path`` (already reversed, starting with /) as an absolute URL on this site."""
    return f"{settings.PULSE_SITE_URL}{path}"


def site_domain():
    return urlsplit(settings.PULSE_SITE_URL).netloc


def site_protocol():
    return urlsplit(settings.PULSE_SITE_URL).scheme

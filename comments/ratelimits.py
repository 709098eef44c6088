"""Flood control: how many comments (or reports) one IP address or one email may send in a
window, counted in Django's cache by django-ratelimit."""

from django_ratelimit.core import is_ratelimited


def over_limit(request, group, rate, *, email=""):
    """Count this attempt against the sender's IP and email; True when either is over.

    ``rate`` is (count, seconds).  Both keys are always incremented, so a flood from one
    IP with rotating emails, or one email from rotating IPs, is caught either way.
    """
    by_ip = is_ratelimited(request, group=f"{group}:ip", key="ip", rate=rate, increment=True)
    by_email = bool(email) and is_ratelimited(
        request,
        group=f"{group}:email",
        key=lambda _group, _request: email.strip().casefold(),
        rate=rate,
        increment=True,
    )
    return by_ip or by_email

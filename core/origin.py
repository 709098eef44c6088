"""Cross-site request forgery stopped without a token in the page, as current frameworks
do it (Go's CrossOriginProtection, Phoenix, Hono): browsers say where a request comes
from in ``Sec-Fetch-Site``, or at least in ``Origin``; an unsafe request that says another
site is refused.  That keeps the anonymous comment, reply and report forms free of
per-reader values, so a page is the same bytes for every anonymous reader and any HTTP
cache can hold it.

A browser that sends neither header is not refused: it gets a confirmation page that
carries everything typed and a Django CSRF token, and the confirmed POST is checked by
Django's own middleware.  Signed-in users always go through Django's check.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
SAME = "same"
CROSS = "cross"
UNKNOWN = "unknown"


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def trusted_origins(request):
    return {
        _origin(settings.PULSE_SITE_URL),
        f"{request.scheme}://{request.get_host()}".lower(),
        *(_origin(origin) for origin in settings.CSRF_TRUSTED_ORIGINS),
    }


def request_source(request):
    """SAME, CROSS, or UNKNOWN when the browser says nothing about where it comes from."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return SAME if fetch_site in ("same-origin", "none") else CROSS
    origin = request.headers.get("Origin")
    if origin is not None:
        return SAME if origin.lower() in trusted_origins(request) else CROSS
    return UNKNOWN


def _django_csrf_refusal(request, view, args, kwargs):
    """Django's own check (token and cookie), or None when it passes."""
    return CsrfViewMiddleware(lambda _request: None).process_view(request, view, args, kwargs)


def origin_protected(view):
    """Guard an anonymous form's POST by where it comes from (see the module's docstring)."""

    @csrf_exempt
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        confirmed = "csrfmiddlewaretoken" in request.POST
        if request.user.is_authenticated or confirmed:
            refusal = _django_csrf_refusal(request, view, args, kwargs)
            return refusal or view(request, *args, **kwargs)
        source = request_source(request)
        if source == CROSS:
            return render(request, "core/cross_site_refused.html", status=403)
        if source == UNKNOWN:
            fields = [
                (name, value)
                for name, values in request.POST.lists()
                for value in values
                if name != "csrfmiddlewaretoken"
            ]
            context = {"fields": fields, "action": request.get_full_path()}
            return render(request, "core/confirm_post.html", context)
        return view(request, *args, **kwargs)

    return guarded

"""What every page's chrome needs from settings: the site's name, section and address."""

from django.conf import settings


def site(request):
    return {
        "site_name": settings.PULSE_SITE_NAME,
        "site_section": settings.PULSE_SITE_SECTION,
        # Absolute links (canonical, og:url) start here, never at the request's Host.
        "site_url": settings.PULSE_SITE_URL,
    }

"""Site chrome that every page needs: the site's name and the category menu."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Category


def site_navigation(request):
    """Lazy, so that pages which never show the menu (admin, robots.txt) pay no query."""
    return {
        "site_name": settings.PULSE_SITE_NAME,
        "site_section": settings.PULSE_SITE_SECTION,
        "nav_categories": SimpleLazyObject(lambda: list(Category.objects.only("name", "slug"))),
    }

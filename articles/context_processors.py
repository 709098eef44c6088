"""Site chrome that every page needs: the site's name and the category menu."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import content_version
from .models import Category


def menu():
    """The categories in the menu (kept per content version: see apps.py)."""
    return list(Category.objects.only("name", "slug"))


def _categories():
    return content_version.per_version.get("nav-categories")


def site_navigation(request):
    """Lazy, so that pages which never show the menu (admin, robots.txt) pay nothing."""
    return {
        "site_name": settings.PULSE_SITE_NAME,
        "site_section": settings.PULSE_SITE_SECTION,
        "nav_categories": SimpleLazyObject(_categories),
    }

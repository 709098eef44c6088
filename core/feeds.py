"""Feeds and sitemaps whose links start at the configured site address: Django's
syndication and sitemaps put the request's Host in front of relative links."""

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse

from .siteurl import absolute, site_domain, site_protocol


class SiteFeed(Feed):
    """Subclasses return paths from ``link`` and name their own URL in ``view_name``
    (with the object's slug, when there is an object); this makes the links absolute."""

    view_name = None

    def _get_dynamic_attr(self, attname, obj, default=None):
        value = super()._get_dynamic_attr(attname, obj, default)
        links = ("link", "feed_url", "item_link")
        if attname in links and isinstance(value, str) and value.startswith("/"):
            return absolute(value)
        return value

    def feed_url(self, obj=None):
        return reverse(self.view_name, kwargs={"slug": obj.slug} if obj is not None else None)

    def item_link(self, item):
        return item.get_absolute_url()


class SiteSitemap(Sitemap):
    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return site_protocol()

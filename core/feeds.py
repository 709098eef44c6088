"""Feeds and sitemaps whose links start at the configured site address: Django's
syndication and sitemaps put the request's Host in front of relative links."""

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse

from .siteurl import absolute, site_domain, site_protocol


class SiteFeed(Feed):
    """A feed whose own address and item links are absolute (syndication leaves absolute
    links alone).  Subclasses name their URL in ``view_name`` (with the object's slug when
    there is an object) and return absolute links from ``link``."""

    view_name = None

    def feed_url(self, obj=None):
        kwargs = {"slug": obj.slug} if obj is not None else None
        return absolute(reverse(self.view_name, kwargs=kwargs))

    def item_link(self, item):
        return absolute(item.get_absolute_url())


class SiteSitemap(Sitemap):
    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return site_protocol()

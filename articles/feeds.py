"""RSS and Atom feeds of published articles: the whole site, one category, one author."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from authors.models import Author
from core.feeds import SiteFeed
from core.siteurl import absolute

from .models import Article, Category

FEED_LENGTH = 20


class LatestArticlesFeed(SiteFeed):
    """The newest published articles of the whole site."""

    view_name = "articles:feed_rss"

    description = _("The latest articles, reviewed by people who know medicine.")

    def title(self, obj=None):
        return settings.PULSE_SITE_NAME

    def link(self, obj=None):
        return absolute(reverse("articles:home"))

    def articles(self, obj):
        return Article.objects.published().for_cards()

    def items(self, obj=None):
        return self.articles(obj)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    """The newest published articles in one category."""

    view_name = "articles:category_feed_rss"

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.PULSE_SITE_NAME}"

    def link(self, obj=None):
        return absolute(obj.get_absolute_url())

    def description(self, obj=None):
        return obj.description or obj.name

    def articles(self, obj):
        return super().articles(obj).filter(category=obj)


class AuthorFeed(LatestArticlesFeed):
    """The newest published articles by one author."""

    view_name = "articles:author_feed_rss"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.PULSE_SITE_NAME}"

    def link(self, obj=None):
        return absolute(obj.get_absolute_url())

    def description(self, obj=None):
        return _("Articles by %(name)s") % {"name": obj.name}

    def articles(self, obj):
        return super().articles(obj).filter(author=obj)


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj) if callable(self.description) else self.description


class LatestArticlesAtomFeed(AtomMixin, LatestArticlesFeed):
    view_name = "articles:feed_atom"


class CategoryAtomFeed(AtomMixin, CategoryFeed):
    view_name = "articles:category_feed_atom"


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    view_name = "articles:author_feed_atom"

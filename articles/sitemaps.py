"""sitemap.xml: published articles, categories and authors, each with its last change."""

from django.db.models import OuterRef, Subquery

from authors.models import Author
from core.feeds import SiteSitemap

from .models import Article, Category


def latest_public_change(**match):
    """The newest change among the published articles that match ``match``."""
    return Subquery(
        Article.objects.published()
        .filter(**match)
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Category.objects.only("slug").annotate(
            last_change=latest_public_change(category=OuterRef("pk"))
        )

    def lastmod(self, item):
        return item.last_change


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return Author.objects.only("slug").annotate(
            last_change=latest_public_change(author=OuterRef("pk"))
        )

    def lastmod(self, item):
        return item.last_change


SITEMAPS = {"articles": ArticleSitemap, "categories": CategorySitemap, "authors": AuthorSitemap}

"""Which cached pages show an article's comments: the one list the page cache drops (and
a proxy purges) when a comment appears, changes or disappears."""

from django.urls import reverse

from core import pagecache


def comment_pages(article):
    """The article page (each of its comment pages), its comments feed, and the listings
    whose cards show its comment count.  Other articles' pages show no counts: they stay."""
    return [
        article.get_absolute_url(),
        reverse("comments:feed", kwargs={"slug": article.slug}),
        *article.listing_urls(),
    ]


def comments_changed(*articles):
    """Public comments of ``articles`` changed: their pages are fresh once this commits."""
    pagecache.invalidate(*(path for article in articles for path in comment_pages(article)))

"""Each article's published comments as RSS and Atom feeds.  Whatever is stored, the feed stays
valid XML: characters XML 1.0 cannot carry are dropped from every text (hygiene.xml_safe)."""

from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles.models import Article
from core.feeds import SiteFeed
from core.siteurl import absolute

from .hygiene import xml_safe
from .links import comment_urls
from .models import Comment


class ArticleCommentsFeed(SiteFeed):
    view_name = "comments:feed"

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article):
        return xml_safe(_("Comments on “%(title)s”") % {"title": article.title})

    def link(self, article):
        return absolute(article.get_absolute_url())

    def description(self, article):
        return xml_safe(_("Published reader comments on “%(title)s”.") % {"title": article.title})

    def items(self, article):
        comments = list(
            Comment.objects.public()
            .filter(article=article)
            .select_related("article")
            .order_by("-created_at")[:50]
        )
        # Every item links to the comment page that shows it: one thread query for all.
        links = comment_urls(comments)
        for comment in comments:
            comment.feed_link = links[comment.pk]
        return comments

    def item_title(self, comment):
        return xml_safe(
            _("%(name)s on %(title)s")
            % {"name": comment.author_name, "title": comment.article.title}
        )

    def item_description(self, comment):
        return xml_safe(comment.body_html)

    def item_link(self, comment):
        return absolute(comment.feed_link)

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return xml_safe(comment.author_name)


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    feed_type = Atom1Feed
    view_name = "comments:feed_atom"

    def subtitle(self, article):
        return self.description(article)

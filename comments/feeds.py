"""Each article's published comments as an RSS feed."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from articles.models import Article
from core.feeds import SiteFeed

from .models import Comment


class ArticleCommentsFeed(SiteFeed):
    view_name = "comments:feed"

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article):
        return _("Comments on “%(title)s”") % {"title": article.title}

    def link(self, article):
        return article.get_absolute_url()

    def description(self, article):
        return _("Published reader comments on “%(title)s”.") % {"title": article.title}

    def items(self, article):
        return (
            Comment.objects.public()
            .filter(article=article)
            .select_related("article")
            .order_by("-created_at")[:50]
        )

    def item_title(self, comment):
        return _("%(name)s on %(title)s") % {
            "name": comment.author_name,
            "title": comment.article.title,
        }

    def item_description(self, comment):
        return comment.body_html

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return comment.author_name

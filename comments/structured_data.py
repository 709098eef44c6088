"""schema.org Comment data for the comments shown on an article page, so that search
engines read the discussion as part of the article: the node's @id is the Article's that
articles/structured_data.py describes, so the two blocks make one node (no second page node
of its own).  ``commentCount`` is every public comment of the article; ``comment`` lists the
ones this comment page shows, each with its link, date, author and whole text."""

import re
from functools import partial
from html import unescape

from django.conf import settings

from articles.structured_data import article_id
from core.memo import Memo
from core.siteurl import absolute

from .links import comment_link

# body_html is nh3's output: well-formed tags, no comments or CDATA, so a tag is "<...>"
# and needs no HTML parser (strip_tags is for HTML of any kind).
TAG_RE = re.compile(r"<[^>]*>")


def plain_text(body_html):
    """The comment's whole text, as plain text (paragraphs joined by a blank line)."""
    paragraphs = body_html.split("</p>")
    return "\n\n".join(
        text
        for text in (" ".join(unescape(TAG_RE.sub(" ", p)).split()) for p in paragraphs)
        if text
    )


def comments_graph(nodes, *, count, article_url, page, num_pages):
    """The comments shown on this comment page; each one's @id and url are its link
    (comments/links.py), the page that shows it."""
    where = (settings.PULSE_SITE_URL, article_url, page, num_pages)
    return {
        "@context": "https://schema.org",
        "@id": article_id(article_url),
        "commentCount": count,
        "comment": [
            _items.get((where, *_shown(node.comment)), partial(_item, where, node.comment))
            for node in nodes
            if not node.comment.awaiting  # a reader's own comment, not the site's discussion
        ],
    }


# Each comment's node, kept by everything it is made from (as its HTML is): a page made
# again after one comment is approved makes that one node, not the hundreds beside it.
_items = Memo(limit=5_000)


def _shown(comment):
    return (comment.pk, comment.parent_id, comment.author_name, comment.author_website,
            comment.created_at, comment.body_html)  # fmt: skip


def _item(where, comment):
    _site, article_url, page, num_pages = where

    def link(pk):
        return absolute(comment_link(article_url, pk, page=page, num_pages=num_pages))

    created = comment.created_at.isoformat(timespec="seconds")
    author = {"@type": "Person", "name": comment.author_name}
    if comment.author_website:
        author["url"] = comment.author_website
    item = {
        "@type": "Comment",
        "@id": link(comment.pk),
        "url": link(comment.pk),
        "author": author,
        "datePublished": created,
        "dateCreated": created,
        "text": plain_text(comment.body_html),
    }
    if comment.parent_id:
        item["parentItem"] = {"@id": link(comment.parent_id)}
    return item

"""schema.org Comment data for the comments shown on an article page, so that search
engines read the discussion as part of the article (its @id is the article page's)."""

import re
from html import unescape

from core.siteurl import absolute

from .links import comment_link, page_link

TEXT_CHARS = 80
# body_html is nh3's output: well-formed tags, no comments or CDATA, so a tag is "<...>"
# and needs no HTML parser (strip_tags is for HTML of any kind).
TAG_RE = re.compile(r"<[^>]*>")


def plain_opening(body_html):
    """The comment's first words as plain text, at most TEXT_CHARS characters, cut
    between words."""
    text = " ".join(unescape(TAG_RE.sub(" ", body_html)).split())
    if len(text) <= TEXT_CHARS:
        return text
    opening = text[: TEXT_CHARS - 1]
    return (opening.rsplit(" ", 1)[0] if " " in opening else opening) + "…"


def comments_graph(nodes, *, count, article_url, page, num_pages):
    """The comments shown on this comment page; each one's @id and url are its link
    (comments/links.py), the page that shows it."""

    def link(pk):
        return absolute(comment_link(article_url, pk, page=page, num_pages=num_pages))

    page_url = absolute(page_link(article_url, page=page, num_pages=num_pages))
    comments = []
    for node in nodes:
        comment = node.comment
        item = {
            "@type": "Comment",
            "@id": link(comment.pk),
            "url": link(comment.pk),
            "author": {"@type": "Person", "name": comment.author_name},
            "dateCreated": comment.created_at.isoformat(timespec="seconds"),
            # The opening of the comment: the whole text is on the page already.
            "text": plain_opening(comment.body_html),
        }
        if comment.parent_id:
            item["parentItem"] = {"@id": link(comment.parent_id)}
        comments.append(item)
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": page_url,
        "commentCount": count,
        "comment": comments,
    }

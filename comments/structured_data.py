"""schema.org Comment data for the comments shown on an article page, so that search
engines read the discussion as part of the article (its @id is the article page's)."""

import re
from html import unescape

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


def comments_graph(nodes, *, count, page_url):
    comments = []
    for node in nodes:
        comment = node.comment
        item = {
            "@type": "Comment",
            "@id": f"{page_url}#comment-{comment.pk}",
            "author": {"@type": "Person", "name": comment.author_name},
            "dateCreated": comment.created_at.isoformat(timespec="seconds"),
            # The opening of the comment: the whole text is on the page already.
            "text": plain_opening(comment.body_html),
        }
        if comment.parent_id:
            item["parentItem"] = {"@id": f"{page_url}#comment-{comment.parent_id}"}
        comments.append(item)
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": page_url,
        "commentCount": count,
        "comment": comments,
    }

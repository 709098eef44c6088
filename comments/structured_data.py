"""schema.org Comment data for the comments shown on an article page, so that search
engines read the discussion as part of the article (its @id is the article page's)."""

from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator

TEXT_CHARS = 80


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
            "text": Truncator(unescape(strip_tags(comment.body_html)).strip()).chars(TEXT_CHARS),
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

"""Where a comment is shown: the one function every link to a comment goes through (the
redirect after posting or editing, emails, the comments feed, the admin's "view on site").

Long threads are paginated by top-level comment, each with its whole subtree
(comments/threads.py::paginate_thread), so a comment lives on the page of its top-level
ancestor: ``/articles/<slug>/?cpage=N#comment-ID`` when the thread has several pages,
``/articles/<slug>/#comment-ID`` when it has one.
"""

from collections import defaultdict
from typing import NamedTuple

from .models import Comment, DiscussionSettings
from .threads import build_thread


class _Row(NamedTuple):
    """What placing a comment in its thread needs (build_thread reads pk and parent_id)."""

    pk: int
    parent_id: int | None
    created_at: object


def page_link(article_url, *, page, num_pages):
    """The comment page ``page`` of ``num_pages``: the article itself when there is one."""
    return f"{article_url}?cpage={page}" if num_pages > 1 else article_url


def comment_link(article_url, comment_pk, *, page, num_pages):
    """The link to a comment on page ``page`` of ``num_pages`` (for code that has already
    paginated the thread, such as the article page itself)."""
    return f"{page_link(article_url, page=page, num_pages=num_pages)}#comment-{comment_pk}"


def comment_url(comment, *, discussion=None):
    """The path of the page that shows ``comment``, with its anchor."""
    return comment_urls([comment], discussion=discussion)[comment.pk]


def comment_urls(comments, *, discussion=None):
    """{pk: path} for many comments: one query per article, however many comments.

    A comment readers cannot see yet (its author's own pending comment) is placed where it
    would be shown in place: at its position in the tree, as if it were public."""
    discussion = discussion or DiscussionSettings.load()
    by_article = defaultdict(list)
    for comment in comments:
        by_article[comment.article_id].append(comment)
    urls = {}
    for group in by_article.values():
        article = group[0].article
        rows = [
            _Row(*values)
            for values in Comment.objects.public()
            .filter(article_id=article.pk)
            .values_list("pk", "parent_id", "created_at")
        ]
        listed = {row.pk for row in rows}
        rows += [_Row(c.pk, c.parent_id, c.created_at) for c in group if c.pk not in listed]
        rows.sort(key=lambda row: (row.created_at, row.pk))
        pages = _pages(build_thread(rows), discussion)
        article_url = article.get_absolute_url()
        num_pages = max([1, *pages.values()])
        for comment in group:
            page = pages.get(comment.pk)
            if page is None:  # hangs from something readers cannot see: no page shows it
                urls[comment.pk] = comment_link(article_url, comment.pk, page=1, num_pages=1)
            else:
                urls[comment.pk] = comment_link(
                    article_url, comment.pk, page=page, num_pages=num_pages
                )
    return urls


def _pages(nodes, discussion):
    """{pk: page number} by the same slicing as paginate_thread: top-level subtrees, in
    the thread's order, ``comments_per_page`` to a page."""
    subtrees = []
    for node in nodes:
        if node.depth == 1:
            subtrees.append([])
        subtrees[-1].append(node.comment.pk)
    if discussion.order == DiscussionSettings.Order.NEWEST:
        subtrees.reverse()
    per_page = discussion.comments_per_page
    return {pk: index // per_page + 1 for index, subtree in enumerate(subtrees) for pk in subtree}

"""A long thread is laid out from its outline (ids and parents) and only the page shown is
read whole: readers get exactly the page the one-query path gives, in any order, on any
page, even when a comment is moderated between the reads."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment, CommentQuerySet, DiscussionSettings
from comments.templatetags import comments as comment_tags


@pytest.fixture
def long_thread(article, make_comment, discussion):
    """14 comments, every third top-level, replies up to depth 3; 2 top-level per page."""
    discussion.comments_per_page = 2
    discussion.save()
    made = []
    for n in range(14):
        parents = [c for c in made[-4:] if c.depth < 3]
        parent = parents[n % len(parents)] if n % 3 and parents else None
        made.append(make_comment(article, parent=parent, body=f"Comment number {n}."))
    return article


def page_html(client, article, **query):
    html = client.get(article.get_absolute_url(), query).content.decode()
    return html[html.index('<section id="comments"') : html.index('id="write-comment"')]


def both_ways(client, article, monkeypatch, **query):
    monkeypatch.setattr(comment_tags, "LONG_THREAD", 1000)
    whole = page_html(client, article, **query)
    monkeypatch.setattr(comment_tags, "LONG_THREAD", 3)
    outlined = page_html(client, article, **query)
    return whole, outlined


@pytest.mark.parametrize(
    "order", [DiscussionSettings.Order.OLDEST, DiscussionSettings.Order.NEWEST]
)
@pytest.mark.parametrize("cpage", ["1", "2", "3", "99"])
def test_an_outlined_page_is_the_page_a_whole_read_gives(
    client, long_thread, discussion, monkeypatch, order, cpage
):
    discussion.order = order
    discussion.save()
    whole, outlined = both_ways(client, long_thread, monkeypatch, cpage=cpage)
    assert outlined == whole
    assert "Comment number" in outlined
    assert "14 Comments" in outlined


def test_only_the_comments_a_page_shows_are_read_whole(client, long_thread, monkeypatch):
    monkeypatch.setattr(comment_tags, "LONG_THREAD", 3)
    with CaptureQueriesContext(connection) as queries:
        html = page_html(client, long_thread, cpage="3")
    shown = len(re.findall(r'<li class="comment', html))
    assert 0 < shown < 14
    thread_reads = [q["sql"] for q in queries if '"comments_comment"."body_html"' in q["sql"]]
    # The first few, oldest first (LONG_THREAD + 1), and the rest of page 3.
    assert len(thread_reads) == 2
    assert "LIMIT 4" in thread_reads[0]
    # The ids, as IN's parameters or as PostgreSQL's one array (core/lookups.py).
    ids = re.search(r"IN \(([^)]*)\)|ANY\('\{([^}]*)\}'", thread_reads[1])
    asked = (ids.group(1) or ids.group(2)).split(",")
    assert 0 < len(asked) <= shown


def test_a_comment_moderated_between_the_reads_never_breaks_the_page(
    client, long_thread, monkeypatch
):
    def one_gone(self, ids):
        rows = CommentQuerySet.thread_rows(self, ids)
        rows.pop(max(rows), None)
        return rows

    monkeypatch.setattr(
        Comment.objects, "thread_rows", lambda ids: one_gone(Comment.objects.all(), ids)
    )
    whole, outlined = both_ways(client, long_thread, monkeypatch, cpage="3")
    assert outlined == whole


def thread_reads(client, article):
    with CaptureQueriesContext(connection) as queries:
        page_html(client, article)
    return [
        "outline" if '"comments_comment"."body_html"' not in q["sql"] else "rows"
        for q in queries
        if 'FROM "comments_comment"' in q["sql"]
    ]


def test_a_thread_known_to_be_long_is_read_by_its_outline_first(client, long_thread, monkeypatch):
    monkeypatch.setattr(comment_tags, "LONG_THREAD", 3)
    assert thread_reads(client, long_thread) == ["rows", "outline", "rows"]
    assert thread_reads(client, long_thread) == ["outline", "rows"]
    # Shorter again (a moderator removed most of it): one wasted outline, then one read.
    replies = Comment.objects.filter(article=long_thread).exclude(parent=None)
    replies.update(status=Comment.Status.REJECTED)
    assert Comment.objects.public().filter(article=long_thread).count() == 5
    monkeypatch.setattr(comment_tags, "LONG_THREAD", 10)
    assert thread_reads(client, long_thread) == ["outline", "rows"]
    assert thread_reads(client, long_thread) == ["rows"]


def test_a_pages_rows_are_read_by_id_in_one_parameter_on_postgresql(make_article, make_comment):
    """AnyOf (core/lookups.py): exactly the rows asked for, none for no ids; on PostgreSQL
    the ids travel as one array, not one parameter each."""
    article = make_article()
    comments = [make_comment(article, body=f"Row {n}.") for n in range(5)]
    wanted = [comments[0].pk, comments[3].pk, comments[4].pk]
    with CaptureQueriesContext(connection) as queries:
        rows = Comment.objects.thread_rows(wanted)
    assert sorted(rows) == sorted(wanted)
    assert [rows[pk].body_html for pk in wanted] == ["<p>Row 0.</p>", "<p>Row 3.</p>",
                                                     "<p>Row 4.</p>"]  # fmt: skip
    assert Comment.objects.thread_rows([]) == {}
    sql = queries.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and str(wanted[1]) in sql
    else:
        assert " IN (" in sql

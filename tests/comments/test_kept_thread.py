"""An article page the page cache makes again without a change to its thread (another
encoding's first copy, the cache's timeout, a ``?replyto=`` link) lays the thread out from
what the process kept under the page's generation: no comment is read again, the page is
the same, and any change to the thread is on the very next page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments import services
from comments.models import Comment
from comments.templatetags import comments as comment_tags

# Invalidation waits for the commit: these tests run with real transactions.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("staff_groups")]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PULSE_PAGE_CACHE_SECONDS = 600


@pytest.fixture(params=["whole", "outlined"])
def thread(request, article, make_comment, discussion, monkeypatch):
    """Seven comments, three top-level with replies, one top-level comment (and its
    replies) per page; read in one query ("whole") or by their outline, as a thread of
    over LONG_THREAD comments is."""
    if request.param == "outlined":
        monkeypatch.setattr(comment_tags, "LONG_THREAD", 3)
    discussion.comments_per_page = 1
    discussion.save()
    made = []
    for n in range(7):
        parent = made[n - 1] if n % 3 else None
        made.append(make_comment(article, parent=parent, body=f"Comment number {n}."))
    return made


def thread_html(response):
    html = response.content.decode()
    return html[html.index('<section id="comments"') : html.index('id="write-comment"')]


def comment_reads(queries):
    return [q["sql"] for q in queries if '"comments_comment"' in q["sql"]]


def test_a_page_made_again_without_a_change_reads_no_comment(client, article, thread):
    url = article.get_absolute_url()
    first = client.get(url, {"cpage": "2"})
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, {"cpage": "2", "replyto": str(thread[0].pk)})
    assert again["X-Page-Cache"] == "miss"  # a page of its own: made again
    # The one comment read is the reply's target, by its id; the thread is not read.
    reads = comment_reads(queries)
    assert len(reads) == 1
    assert f'"comments_comment"."id" = {thread[0].pk})' in reads[0]
    assert thread_html(again) == thread_html(first)
    assert "Comment number 3." in thread_html(again)
    assert "7 Comments" in thread_html(again)


def test_each_page_of_the_thread_is_its_own(client, article, thread):
    url = article.get_absolute_url()
    pages = [thread_html(client.get(url, {"cpage": str(n)})) for n in (1, 2, 1, 2)]
    assert pages[0] == pages[2] and pages[1] == pages[3] and pages[0] != pages[1]
    assert "Comment number 0." in pages[0] and "Comment number 0." not in pages[1]


def test_an_approval_is_on_the_next_page_made(client, article, thread, make_comment, moderator):
    url = article.get_absolute_url()
    client.get(url, {"cpage": "2"})
    waiting = make_comment(article, parent=thread[3], body="Late reply.", status="pending")
    services.moderate(
        Comment.objects.filter(pk=waiting.pk), Comment.Status.APPROVED, moderator=moderator
    )
    page = thread_html(client.get(url, {"cpage": "2", "replyto": str(thread[0].pk)}))
    assert "Late reply." in page
    assert "8 Comments" in page


def test_a_removal_is_on_the_next_page_made(client, article, thread, moderator):
    url = article.get_absolute_url()
    assert "Comment number 5." in thread_html(client.get(url, {"cpage": "2"}))
    services.moderate(
        Comment.objects.filter(pk=thread[5].pk), Comment.Status.REJECTED, moderator=moderator
    )
    page = thread_html(client.get(url, {"cpage": "2", "replyto": str(thread[0].pk)}))
    assert "Comment number 5." not in page
    assert "Comment number 4." in page
    assert "6 Comments" in page


def test_a_signed_in_reader_always_gets_the_thread_from_the_database(
    client, article, thread, moderator
):
    url = article.get_absolute_url()
    client.get(url, {"cpage": "2"})
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as queries:
        page = thread_html(client.get(url, {"cpage": "2"}))
    assert any('"comments_comment"."body_html"' in sql for sql in comment_reads(queries))
    assert len(re.findall(r'<li class="comment', page)) >= 2

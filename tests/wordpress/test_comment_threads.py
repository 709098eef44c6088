"""Imported threads keep their shape: replies under what they answered, and a thread
deeper than the site allows attaches its deepest replies as posting does."""

import pytest

from comments.models import Comment

pytestmark = pytest.mark.usefixtures("theme_unit_site")


def shape(article_id):
    rows = Comment.objects.filter(article_id=article_id).order_by("created_at", "pk")
    return [(c.wordpress_id, c.parent.wordpress_id if c.parent else None, c.depth) for c in rows]


def test_a_ten_level_thread_is_capped_at_the_site_depth(db):
    top = Comment.objects.get(wordpress_id=904)
    chain = [row for row in shape(top.article_id) if row[0] in range(904, 916)]
    assert chain == [
        (904, None, 1),
        (905, 904, 2),
        (906, 905, 3),
        (907, 906, 4),
        (910, 907, 5),
        # Deeper than 5 levels: under the deepest allowed ancestor, in order.
        (911, 907, 5),
        (912, 907, 5),
        (913, 907, 5),
        (914, 907, 5),
        (915, 907, 5),
    ]


def test_statuses_dates_and_people_come_with_each_comment(db):
    reply = Comment.objects.get(wordpress_id=1017)
    assert reply.status == Comment.Status.PENDING
    assert reply.parent.wordpress_id == 168
    assert reply.created_at.isoformat() == "2014-12-10T08:56:24+00:00"
    first = Comment.objects.get(wordpress_id=167)
    assert (first.status, first.author_name) == (Comment.Status.APPROVED, "Anon")
    assert first.body_html.startswith("<p>")


def test_the_reader_sees_the_approved_thread(db, client):
    article = Comment.objects.get(wordpress_id=904).article
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('class="comment') >= 10
    assert "Fred Bloggs" in page

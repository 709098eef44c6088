"""The admin's "Upcoming" list: scheduled articles, soonest first, with the time each goes
live; published, draft and in-review articles are not on it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from articles.models import Article

UPCOMING = reverse("admin:articles_upcomingarticle_changelist")
BUDGET = 8  # session, user, permissions, the count and the page of articles


def test_upcoming_lists_scheduled_articles_soonest_first(client, editor, make_article):
    now = timezone.now()
    make_article(title="Next week", slug="next-week", published_at=now + timedelta(days=7))
    make_article(title="Tomorrow", slug="tomorrow", published_at=now + timedelta(days=1))
    make_article(title="In an hour", slug="in-an-hour", published_at=now + timedelta(hours=1))
    make_article(title="Already out", slug="out", published_at=now - timedelta(hours=1))
    make_article(title="A draft", slug="draft", status=Article.Status.DRAFT, published_at=None)

    client.force_login(editor)
    response = client.get(UPCOMING)
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'<a href="/admin/articles/article/\d+/change/">([^<]+)</a>', html)
    assert titles == ["In an hour", "Tomorrow", "Next week"]
    tomorrow = timezone.localtime(now + timedelta(days=1))
    # The time, not only the day, as the admin shows it ("Dec. 2, 2026, 1:14 p.m.").
    assert formats.date_format(tomorrow, "DATETIME_FORMAT") in html


def test_upcoming_is_linked_from_the_admin_index_and_read_only(client, editor, scheduled_article):
    client.force_login(editor)
    index = client.get(reverse("admin:index")).content.decode()
    assert f'href="{UPCOMING}"' in index
    assert client.get(reverse("admin:articles_upcomingarticle_add")).status_code == 403


def test_upcoming_is_not_for_readers_or_moderators(client, moderator, scheduled_article):
    client.force_login(moderator)
    assert client.get(UPCOMING).status_code == 403


@pytest.mark.parametrize("count", [2, 12])
def test_upcoming_query_budget(client, editor, make_article, count, django_assert_num_queries):
    """The same number of queries for 2 or 12 scheduled articles."""
    soon = timezone.now() + timedelta(days=1)
    for n in range(count):
        make_article(title=f"Soon {n}", slug=f"soon-{n}", published_at=soon + timedelta(n))
    client.force_login(editor)
    with django_assert_num_queries(BUDGET):
        assert client.get(UPCOMING).status_code == 200

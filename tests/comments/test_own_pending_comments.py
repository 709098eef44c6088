"""A commenter may edit or delete their own comment while it waits for moderation, from the
browser that posted it and within the edit window; the edit keeps it waiting, and no page
readers see is refreshed for it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.helpers import post_comment

NO_LONGER = "This comment can no longer be changed from this browser."


@pytest.fixture
def my_pending_comment(client, article, human_post):
    """A comment this test's client posted a moment ago, waiting for a moderator."""
    post_comment(client, article, human_post)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    return comment


@pytest.fixture
def cached_reader(article, settings):
    """An anonymous reader whose copy of the article page comes from the page cache."""
    settings.PULSE_PAGE_CACHE_SECONDS = 600
    reader = Client()
    for _ in range(3):
        if reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit":
            return reader
    raise AssertionError("the article page never came from the cache")


def test_the_owner_edits_their_pending_comment_and_it_stays_pending(
    client, article, my_pending_comment, cached_reader
):
    url = reverse("comments:edit", args=[my_pending_comment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "A clearer version of my question."}, follow=True)
    assert "awaiting moderation again" in response.content.decode()
    my_pending_comment.refresh_from_db()
    assert my_pending_comment.body == "A clearer version of my question."
    assert my_pending_comment.status == Comment.Status.PENDING
    # Nothing readers can see changed: their cached page is still good.
    page = cached_reader.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert "A clearer version" not in page.content.decode()


def test_the_owner_deletes_their_pending_comment(client, article, my_pending_comment):
    url = reverse("comments:delete", args=[my_pending_comment.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    my_pending_comment.refresh_from_db()
    assert my_pending_comment.status == Comment.Status.DELETED


def test_nobody_else_may_touch_a_pending_comment(article, my_pending_comment):
    stranger = Client()
    for name in ("edit", "delete"):
        response = stranger.post(reverse(f"comments:{name}", args=[my_pending_comment.pk]),
                                 {"body": "Hijacked."}, follow=True)  # fmt: skip
        assert NO_LONGER in response.content.decode()
    my_pending_comment.refresh_from_db()
    assert my_pending_comment.body != "Hijacked."
    assert my_pending_comment.status == Comment.Status.PENDING


def test_the_window_closes_for_pending_comments_too(client, my_pending_comment):
    Comment.objects.filter(pk=my_pending_comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=16)
    )
    response = client.post(
        reverse("comments:edit", args=[my_pending_comment.pk]), {"body": "Too late."}, follow=True
    )
    assert NO_LONGER in response.content.decode()

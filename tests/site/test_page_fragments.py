"""An article page made fresh by a comment renders only what a comment changes: its text,
sources, JSON-LD and related articles come from the parts kept under the site's generation
(core/fragments.py), until anything else on the site changes or time moves on."""

import re
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Reference
from comments import services
from comments.models import Comment
from core import fragments, pagecache

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("staff_groups")]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PULSE_PAGE_CACHE_SECONDS = 600


def approve(comment, moderator):
    services.moderate(
        Comment.objects.filter(pk=comment.pk), Comment.Status.APPROVED, moderator=moderator
    )


@pytest.fixture
def commented(client, make_article, make_comment):
    """An article with a reference, a tag, a related article and a comment; its page cached."""
    article = make_article(title="Sleep and memory", slug="sleep-and-memory")
    Reference.objects.create(article=article, position=1, citation="A cited study, 2024.")
    article.tags.add("sleep")
    make_article(title="A neighbour story", slug="neighbour")
    make_comment(article, body="The first comment.")
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    return article


def test_a_new_comment_renders_only_the_article_and_its_comments(
    client, commented, make_comment, moderator
):
    waiting = make_comment(commented, body="A second voice.", status=Comment.Status.PENDING)
    approve(waiting, moderator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(commented.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    html = response.content.decode()
    assert "A second voice." in html and ">2 Comments<" in html
    tables = {re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in queries.captured_queries}
    # The article row (the commented 404s without it) and its comments; no sources, tags,
    # corrections or related articles.
    assert tables == {"articles_article", "comments_comment"}
    assert len(queries) == 2
    # Only what is shown around the kept parts: no text, one join (the menu's category).
    article_sql = queries.captured_queries[0]["sql"]
    assert "body_html" not in article_sql and article_sql.count("JOIN") == 1
    # The same bytes as a commented rendered from nothing.
    cache.clear()
    fresh = client.get(commented.get_absolute_url())
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.content == response.content


def test_every_other_change_shows_on_the_next_page_after_a_comment(
    client, commented, make_comment, moderator
):
    commented.references.update(citation="unchanged by signals")  # no save(): nothing refreshed
    neighbour = Article.objects.get(slug="neighbour")
    neighbour.title = "A renamed neighbour"
    neighbour.save()
    reference = commented.references.get()
    reference.citation = "A corrected citation, 2025."
    reference.save()
    approve(make_comment(commented, body="Later.", status=Comment.Status.PENDING), moderator)
    html = client.get(commented.get_absolute_url()).content.decode()
    assert "A renamed neighbour" in html and "A corrected citation, 2025." in html
    assert "Later." in html


def test_a_related_article_scheduled_to_appear_appears_on_time(
    client, commented, make_article, make_comment, moderator
):
    make_article(title="Right on schedule", slug="on-schedule",
                 published_at=timezone.now() + timedelta(seconds=1))  # fmt: skip
    url = commented.get_absolute_url()
    client.get(url)
    approve(make_comment(commented, body="Before.", status=Comment.Status.PENDING), moderator)
    assert "Right on schedule" not in client.get(url).content.decode()
    time.sleep(1.1)
    approve(make_comment(commented, body="After.", status=Comment.Status.PENDING), moderator)
    html = client.get(url).content.decode()
    assert "After." in html and "Right on schedule" in html


def test_editors_previews_and_signed_in_readers_never_get_a_kept_part(
    client, commented, editor, make_comment, moderator
):
    # A row changed behind the signals' back: only a full render can show it.
    Article.objects.filter(pk=commented.pk).update(title="Retitled quietly")
    approve(make_comment(commented, body="Now.", status=Comment.Status.PENDING), moderator)
    staff = Client()
    staff.force_login(editor)
    preview = staff.get(reverse("articles:preview", kwargs={"pk": commented.pk}))
    assert "Retitled quietly" in preview.content.decode()
    signed_in = staff.get(commented.get_absolute_url())
    assert "Retitled quietly" in signed_in.content.decode()
    assert "private" in signed_in["Cache-Control"]


def test_a_page_kept_for_a_part_is_kept_no_longer_than_the_part(
    client, commented, make_comment, moderator, settings
):
    """A commented rendered with a part kept earlier must go when the part would have."""
    settings.PULSE_PAGE_CACHE_SECONDS = 3
    url = commented.get_absolute_url()
    cache.clear()
    assert client.get(url)["X-Page-Cache"] == "miss"  # the parts, kept for 3 s
    time.sleep(1.6)
    approve(make_comment(commented, body="Midway.", status=Comment.Status.PENDING), moderator)
    response = client.get(url)  # the commented again, from parts with under 1.4 s left
    assert response["X-Page-Cache"] == "miss"
    assert int(response["X-Accel-Expires"]) <= 1


def test_a_page_rendered_whole_writes_its_parts_once(client, commented, monkeypatch):
    written = []
    original = cache.set
    monkeypatch.setattr(
        cache, "set", lambda key, *a, **k: (written.append(key), original(key, *a, **k))[1]
    )
    cache.clear()
    assert client.get(commented.get_absolute_url())["X-Page-Cache"] == "miss"
    parts = [key for key in written if key.startswith("pulse:fragments:")]
    assert len(parts) == 1
    assert len(cache.get(parts[0])) == 5  # JSON-LD, social tags, feeds, article, related


def test_a_page_missing_one_kept_part_reads_the_whole_article(
    client, commented, make_comment, moderator
):
    site, _ = pagecache.generations(commented.get_absolute_url())
    key = fragments.group_key(SimpleNamespace(page_cache_site=site), (commented.slug,))
    group = cache.get(key)
    del group["related-articles"]
    cache.set(key, group)
    approve(make_comment(commented, body="A third voice.", status=Comment.Status.PENDING),
            moderator)  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        response = client.get(commented.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "body_html" in queries.captured_queries[0]["sql"]
    assert "A neighbour story" in response.content.decode()
    cache.clear()
    assert client.get(commented.get_absolute_url()).content == response.content

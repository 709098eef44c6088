"""Anonymous readers get cached pages that are never stale; nobody else gets them."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import content_version, pagecache
from articles.models import Article
from comments import services
from comments.models import Comment

HOME = reverse("articles:home")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The test settings turn the page cache off; these tests are about it."""
    settings.PULSE_PAGE_CACHE_SECONDS = 600


def hidden_value(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


@pytest.fixture
def warm(client, article):
    """The article page, requested until it comes from the cache."""
    for _ in range(3):
        response = client.get(article.get_absolute_url())
        if response["X-Page-Cache"] == "hit":
            return response
    raise AssertionError("the article page never came from the cache")


def test_a_cached_page_costs_no_query(client, article, warm, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert article.title in response.content.decode()


def test_browsers_revalidate_with_the_etag(client, article, warm):
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=warm["ETag"])
    assert again.status_code == 304
    assert warm["Last-Modified"]
    assert "private" in warm["Cache-Control"]


def test_an_approved_comment_shows_on_the_very_next_request(
    client, article, warm, make_comment, moderator
):
    waiting = make_comment(article, body="Fresh insight.", status=Comment.Status.PENDING)
    assert "Fresh insight." not in client.get(article.get_absolute_url()).content.decode()
    services.moderate(Comment.objects.filter(pk=waiting.pk), "approved", moderator=moderator)
    assert "Fresh insight." in client.get(article.get_absolute_url()).content.decode()


def test_a_rejected_comment_disappears_at_once(client, article, make_comment, moderator):
    shown = make_comment(article, body="Soon gone.")
    for _ in range(2):
        assert "Soon gone." in client.get(article.get_absolute_url()).content.decode()
    services.moderate(Comment.objects.filter(pk=shown.pk), "rejected", moderator=moderator)
    assert "Soon gone." not in client.get(article.get_absolute_url()).content.decode()


def test_article_and_author_edits_show_at_once(client, article, warm):
    article.title = "A better title"
    article.save()
    assert "A better title" in client.get(article.get_absolute_url()).content.decode()
    article.author.bio = "Now writes about sleep."
    article.author.save()
    assert "Now writes about sleep." in client.get(article.get_absolute_url()).content.decode()


def test_unpublishing_from_the_admin_hides_the_page_at_once(client, article, warm, editor):
    admin = Client()
    admin.force_login(editor)
    admin.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_when_its_time_comes(client, make_article):
    make_article(
        title="Right on time", slug="on-time", published_at=timezone.now() + timedelta(seconds=1)
    )
    for _ in range(2):
        assert "Right on time" not in client.get(HOME).content.decode()
    time.sleep(1.1)
    assert "Right on time" in client.get(HOME).content.decode()


def test_signed_in_readers_never_get_the_cached_page(client, article, warm):
    user = get_user_model().objects.create_user("reader", "r@example.com", "pw")
    signed_in = Client()
    signed_in.force_login(user)
    response = signed_in.get(article.get_absolute_url())
    assert response.get("X-Page-Cache") is None


def test_a_commenter_sees_their_own_message_not_a_cached_page(
    client, article, warm, comment_data, settings
):
    settings.PULSE_COMMENT_MIN_SECONDS = 0
    posted = client.post(reverse("comments:post", kwargs={"slug": article.slug}), comment_data)
    response = client.get(posted["Location"])
    assert response.get("X-Page-Cache") is None
    assert "awaiting moderation" in response.content.decode()


def test_a_cached_page_carries_each_readers_own_csrf_token_and_timestamp(article, warm):
    readers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [reader.get(article.get_absolute_url()) for reader in readers]
    assert [page["X-Page-Cache"] for page in pages] == ["hit", "hit"]
    tokens = [hidden_value(page.content.decode(), "csrfmiddlewaretoken") for page in pages]
    stamps = [hidden_value(page.content.decode(), "timestamp") for page in pages]
    assert tokens[0] != tokens[1] and all(tokens)
    assert all(stamps) and "pulse-fresh" not in pages[0].content.decode()

    reader, html = readers[0], pages[0].content.decode()
    response = reader.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        {
            "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
            "timestamp": hidden_value(html, "timestamp"),
            "author_name": "Cached Reader",
            "author_email": "cached@example.com",
            "body": "Posted from a cached page.",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.filter(author_name="Cached Reader").exists()
    assert Article.objects.published().count() == 1


def test_a_cached_page_carries_the_nonce_of_its_own_csp_header(client, article, warm):
    html = warm.content.decode()
    nonces = set(re.findall(r' nonce="([^"]+)"', html))
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in warm["Content-Security-Policy"]
    again = client.get(article.get_absolute_url())
    assert set(re.findall(r' nonce="([^"]+)"', again.content.decode())) != {
        re.findall(r' nonce="([^"]+)"', html)[0]
    }


def test_a_cached_page_keeps_the_headers_it_was_rendered_with(article, warm):
    """A hit skips the clickjacking and CSP middleware: their headers come with the page,
    and a first-time reader still gets the CSRF cookie their form's token belongs to."""
    first_visit = Client(enforce_csrf_checks=True).get(article.get_absolute_url())
    assert first_visit["X-Page-Cache"] == "hit"
    assert first_visit["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in first_visit["Content-Security-Policy"]
    assert first_visit.cookies["csrftoken"].value
    assert "Cookie" in first_visit["Vary"]


def test_every_worker_sees_a_change_on_its_very_next_request(article):
    """Each test client has its own middleware, as each app server has: a change made
    through one shows at once on the others, whatever they keep in memory."""
    workers = [Client() for _ in range(2)]
    for worker in workers:
        for _ in range(2):
            worker.get(article.get_absolute_url())
        assert worker.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    article.title = "Seen everywhere"
    article.save()
    for worker in workers:
        assert "Seen everywhere" in worker.get(article.get_absolute_url()).content.decode()


def test_a_flushed_shared_cache_never_brings_back_an_old_page(client, article):
    """A restarted Redis forgets the content version.  The workers' own copies must not
    come back to life under a version that starts again from the same value."""
    cache.clear()
    for _ in range(3):
        response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    cache.clear()
    Article.objects.filter(pk=article.pk).update(title="Changed while the cache was down")
    assert "Changed while the cache was down" in (
        client.get(article.get_absolute_url()).content.decode()
    )


def test_the_version_changes_again_when_the_change_commits(
    article, django_capture_on_commit_callbacks
):
    """A page rendered from the old rows between the save and its commit must not be the
    one readers get once the change is committed."""
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Committed later"
        article.save()
        during = content_version.content_version()
    assert content_version.content_version() != during


def test_a_workers_own_copy_is_bounded_and_emptied_by_a_new_version():
    pages = pagecache.LocalPages(max_bytes=250)
    for name in "abc":
        pages.get(name, "v1")
        pages.put(name, "v1", {"size": 100})
    assert pages.get("a", "v1") is None  # the least recently used made room
    assert pages.get("c", "v1") == {"size": 100}
    assert pages.size <= 250
    assert pages.get("c", "v2") is None
    assert pages.size == 0


def test_the_writer_works_out_the_menu_for_readers(
    client, article, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """After a change commits, its writer works out the new version's menu and publication
    schedule: the next reader's page costs only the article's own six queries, and shows
    the change."""
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        article.category.name = "Sleep medicine"
        article.category.save()
    with django_assert_num_queries(6):
        response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Sleep medicine</a>" in response.content.decode()


def test_a_date_alone_never_gets_a_304(client, article, warm):
    """Last-Modified has one-second steps: a change within the second after a visit must
    not be answered "not modified", so only the ETag can earn a 304."""
    again = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=warm["Last-Modified"])
    assert again.status_code == 200
    both = client.get(
        article.get_absolute_url(),
        HTTP_IF_NONE_MATCH=warm["ETag"],
        HTTP_IF_MODIFIED_SINCE=warm["Last-Modified"],
    )
    assert both.status_code == 304 and both["ETag"] == warm["ETag"]

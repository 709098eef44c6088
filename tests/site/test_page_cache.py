"""Anonymous readers share one cached copy of each page, fresh after every change that shows
on it and only then; nobody else gets it, and no request can poison it."""

import gzip
import time
from datetime import timedelta

import brotli
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from comments import services
from comments.models import Comment, DiscussionSettings
from tests.helpers import SAME_ORIGIN

# Invalidation waits for the commit: these tests run with real transactions.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("staff_groups")]
HOME = reverse("articles:home")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The test settings turn the page cache off; these tests are about it."""
    settings.PULSE_PAGE_CACHE_SECONDS = 600


def outcome(client, url, **extra):
    return client.get(url, **extra)["X-Page-Cache"]


@pytest.fixture
def warm(client, article):
    """The article page, requested until it comes from the cache."""
    assert outcome(client, article.get_absolute_url()) == "miss"
    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    return response


def test_a_cached_page_costs_no_query(client, article, warm, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert article.title in response.content.decode()


def test_every_anonymous_reader_gets_the_same_bytes_which_shared_caches_may_keep(article, warm):
    readers = [Client().get(article.get_absolute_url()) for _ in range(2)]
    assert [r["X-Page-Cache"] for r in readers] == ["hit", "hit"]
    assert readers[0].content == readers[1].content == warm.content
    assert readers[0]["Cache-Control"] == "public, no-cache"
    assert "Cookie" in readers[0]["Vary"]
    assert not readers[0].cookies  # no CSRF cookie, no session: nothing per reader
    # The headers the page was rendered with come with every copy.
    assert readers[0]["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in readers[0]["Content-Security-Policy"]


def test_browsers_revalidate_with_the_etag(client, article, warm):
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=warm["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == warm["ETag"]
    assert warm["Last-Modified"]


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip;q=0.5", "gzip", gzip.decompress),
        ("identity", None, bytes),
    ],
)
def test_a_cached_page_goes_out_compressed_with_its_length(
    client, article, warm, django_assert_num_queries, accept, encoding, decode
):
    """Compressed once and kept so, with a Content-Length: nginx's cache in front stores
    those bytes and sends each hit as it would a precompressed file (no per-request
    compression, no chunked framing, which cost uncompressed readers 40 ms a page)."""
    url = article.get_absolute_url()
    first = client.get(url, HTTP_ACCEPT_ENCODING=accept)
    with django_assert_num_queries(0):
        again = client.get(url, HTTP_ACCEPT_ENCODING=accept)
    for response in (first, again):
        assert response.get("Content-Encoding") == encoding
        assert int(response["Content-Length"]) == len(response.content)
        assert decode(response.content) == warm.content
        assert "Accept-Encoding" in response["Vary"]
    assert again.content == first.content
    assert (again["ETag"] == warm["ETag"]) is (encoding is None)  # one validator per encoding
    assert (
        client.get(url, HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=again["ETag"]).status_code
        == 304
    )


def test_signed_in_readers_never_get_or_make_a_shared_page(client, article, warm):
    user = get_user_model().objects.create_user("reader", "r@example.com", "pw")
    signed_in = Client()
    signed_in.force_login(user)
    response = signed_in.get(article.get_absolute_url())
    assert response.get("X-Page-Cache") is None
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_a_commenter_sees_their_own_message_not_a_cached_page(
    client, article, warm, comment_data, settings
):
    settings.PULSE_COMMENT_MIN_SECONDS = 0
    posted = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}), comment_data, **SAME_ORIGIN
    )
    response = client.get(posted["Location"])
    assert response.get("X-Page-Cache") is None
    assert "private" in response["Cache-Control"]
    assert "awaiting moderation" in response.content.decode()


def test_an_approved_comment_shows_on_the_very_next_request(
    client, article, warm, make_comment, moderator
):
    waiting = make_comment(article, body="Fresh insight.", status=Comment.Status.PENDING)
    assert outcome(client, article.get_absolute_url()) == "hit"  # a held comment: no miss
    services.moderate(
        Comment.objects.filter(pk=waiting.pk), Comment.Status.APPROVED, moderator=moderator
    )
    assert "Fresh insight." in client.get(article.get_absolute_url()).content.decode()


def test_a_rejected_comment_disappears_at_once(client, article, make_comment, moderator):
    shown = make_comment(article, body="Soon gone.")
    for _ in range(2):
        assert "Soon gone." in client.get(article.get_absolute_url()).content.decode()
    services.moderate(
        Comment.objects.filter(pk=shown.pk), Comment.Status.REJECTED, moderator=moderator
    )
    assert "Soon gone." not in client.get(article.get_absolute_url()).content.decode()


def test_approving_a_comment_on_one_article_leaves_other_pages_cached(
    client, article, make_article, make_comment, moderator
):
    other = make_article(title="Another story", slug="another-story")
    urls = [article.get_absolute_url(), other.get_absolute_url()]
    for url in urls:
        client.get(url)
    waiting = make_comment(article, body="On the first one.", status=Comment.Status.PENDING)
    services.moderate(
        Comment.objects.filter(pk=waiting.pk), Comment.Status.APPROVED, moderator=moderator
    )
    assert [outcome(client, url) for url in urls] == ["miss", "hit"]
    feed = reverse("comments:feed", kwargs={"slug": article.slug})
    assert "On the first one." in client.get(feed).content.decode()


def test_listings_show_a_new_comment_count_on_the_very_next_request(
    client, tagged_article, make_comment, moderator
):
    """Cards show how many comments an article has: every listing with its card changes."""
    article = tagged_article
    published = timezone.localtime(article.published_at)
    listings = [
        HOME,
        f"{HOME}?page=1",
        article.category.get_absolute_url(),
        article.author.get_absolute_url(),
        *(reverse("articles:tag", kwargs={"slug": tag.slug}) for tag in article.tags.all()),
        reverse("articles:archive_month", args=[published.year, published.month]),
    ]
    assert len(listings) > 5
    make_comment(article, body="The first word.")
    for url in listings:
        assert "1 comment<" in client.get(url).content.decode(), url
        assert outcome(client, url) == "hit", url
    waiting = make_comment(article, body="A second one.", status=Comment.Status.PENDING)
    services.moderate(
        Comment.objects.filter(pk=waiting.pk), Comment.Status.APPROVED, moderator=moderator
    )
    for url in listings:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "2 comments<" in response.content.decode(), url


def test_editing_ones_own_pending_comment_causes_no_miss_for_other_readers(
    client, article, warm, human_post, settings
):
    settings.PULSE_COMMENT_MIN_SECONDS = 0
    commenter = Client(**SAME_ORIGIN)
    commenter.post(reverse("comments:post", kwargs={"slug": article.slug}), human_post)
    mine = Comment.objects.get()
    assert mine.status == Comment.Status.PENDING
    for n in range(5):
        commenter.post(reverse("comments:edit", args=[mine.pk]), {"body": f"Version {n}."})
    mine.refresh_from_db()
    assert mine.body == "Version 4."
    assert outcome(client, article.get_absolute_url()) == "hit"


def test_article_and_author_edits_show_at_once(client, article, warm):
    article.title = "A better title"
    article.save()
    assert "A better title" in client.get(article.get_absolute_url()).content.decode()
    article.author.bio = "Now writes about sleep."
    article.author.save()
    assert "Now writes about sleep." in client.get(article.get_absolute_url()).content.decode()


def test_a_tag_rename_shows_on_the_next_request(client, tagged_article):
    url = tagged_article.get_absolute_url()
    client.get(url)
    assert outcome(client, url) == "hit"
    tag = Tag.objects.get(name=tagged_article.tags.names()[0])
    tag.name = "Renamed topic"
    tag.save()
    assert "Renamed topic" in client.get(url).content.decode()


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


def test_comments_closing_by_age_show_on_the_next_request(client, make_article, discussion):
    discussion.close_after_days = 1
    discussion.save()
    closing = make_article(
        slug="closing", published_at=timezone.now() - timedelta(days=1) + timedelta(seconds=1)
    )
    url = closing.get_absolute_url()
    assert 'id="comment-form"' in client.get(url).content.decode()
    time.sleep(1.1)
    html = client.get(url).content.decode()
    assert "Comments are closed on this article." in html


def test_an_article_whose_comments_closed_long_ago_is_still_cached(
    client, make_article, discussion
):
    discussion.close_after_days = 30
    discussion.save()
    old = make_article(slug="old-news", published_at=timezone.now() - timedelta(days=400))
    url = old.get_absolute_url()
    assert outcome(client, url) == "miss"
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "Comments are closed on this article." in response.content.decode()


def test_discussion_settings_refresh_every_article_page(client, article, warm):
    settings_row = DiscussionSettings.load()
    settings_row.comments_enabled = False
    settings_row.save()
    assert "Comments are closed" in client.get(article.get_absolute_url()).content.decode()


def test_a_foreign_host_or_scheme_never_reaches_another_readers_page(client, article, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    poisoned = Client().get(
        article.get_absolute_url(),
        HTTP_HOST="evil.example:8443",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert poisoned.status_code == 200
    for response in (poisoned, client.get(article.get_absolute_url())):
        html = response.content.decode()
        assert "evil.example" not in html
        assert (
            f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
        )
        assert 'content="http://testserver' in html  # og:url


def test_unknown_query_parameters_make_no_new_entry(client, article, warm):
    url = article.get_absolute_url()
    assert outcome(client, f"{url}?utm_source=newsletter&fbclid=x") == "hit"
    assert outcome(client, f"{url}?cpage=2") == "miss"
    assert outcome(client, f"{url}?cpage=2&ref=y") == "hit"


def test_a_new_release_never_serves_the_previous_ones_pages(client, article, warm, settings):
    settings.PULSE_RELEASE = "next-release"
    assert outcome(client, article.get_absolute_url()) == "miss"


def test_pages_are_kept_no_longer_than_the_timeout(client, article, settings):
    settings.PULSE_PAGE_CACHE_SECONDS = 2
    assert outcome(client, article.get_absolute_url()) == "miss"
    assert outcome(client, article.get_absolute_url()) == "hit"
    time.sleep(2.1)
    assert outcome(client, article.get_absolute_url()) == "miss"


def test_a_flushed_shared_cache_never_brings_back_an_old_page(client, article):
    """A restarted Redis forgets every generation: what comes after is rendered afresh."""
    client.get(article.get_absolute_url())
    cache.clear()
    type(article).objects.filter(pk=article.pk).update(title="Changed while the cache was down")
    assert "Changed while the cache was down" in (
        client.get(article.get_absolute_url()).content.decode()
    )


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


def test_nginx_may_keep_a_page_no_longer_than_this_cache(client, article, warm, settings):
    response = client.get(article.get_absolute_url())
    # nginx may keep an entry to the end of its last whole second: one second less.
    assert 0 < int(response["X-Accel-Expires"]) < settings.PULSE_PAGE_CACHE_SECONDS


def test_a_rolled_back_change_refreshes_nothing_and_one_commit_writes_once():
    import contextlib

    from django.db import transaction

    from core import pagecache

    sent = []

    def receiver(paths, **_kwargs):
        sent.append(paths)

    pagecache.pages_changed.connect(receiver)
    try:
        with contextlib.suppress(RuntimeError), transaction.atomic():
            pagecache.invalidate("/rolled-back/")
            raise RuntimeError
        with transaction.atomic():
            pagecache.invalidate("/a/")
            pagecache.invalidate("/b/", "/a/")
    finally:
        pagecache.pages_changed.disconnect(receiver)
    assert sent == [["/a/", "/b/"]]

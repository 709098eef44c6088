"""When a service Pulse leans on is down, readers are still served and a reader's comment is
still saved: an unreachable Redis cache is a cache miss, an unreachable mail server is not
the commenter's problem."""

import logging

from django.core.cache import caches

from comments.models import Comment


def test_pages_and_posting_work_while_the_cache_is_down(
    client, article, thread, post_url, comment_data, unreachable_redis
):
    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200

    response = client.post(post_url, comment_data, follow=True)

    assert response.status_code == 200
    assert "Your comment is awaiting moderation" in response.content.decode()
    assert Comment.objects.filter(author_name="Jamie Reader").count() == 1


def test_the_cache_outage_is_logged_and_reads_are_misses(unreachable_redis, caplog):
    cache = caches["default"]
    with caplog.at_level(logging.WARNING, logger="pulse.cache"):
        assert cache.get("anything", "fallback") == "fallback"
        assert cache.get_or_set("computed", lambda: 42) == 42
        assert cache.add("key", 1) is False
    assert "cache unreachable during get" in caplog.text


def test_a_comment_is_saved_when_the_mail_server_is_down(
    client, settings, closed_port, article, post_url, comment_data
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2

    response = client.post(post_url, comment_data)

    assert response.status_code == 302
    assert Comment.objects.filter(author_name="Jamie Reader", article=article).count() == 1

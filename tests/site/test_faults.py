"""When a service Pulse leans on is down, readers are still served and a reader's comment is
still saved: an unreachable Redis cache is a cache miss, an unreachable mail server is not
the commenter's problem, and a full disk refuses an upload in words without losing what was
saved before."""

import errno
import io
import logging

import pytest
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

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
        assert not cache.add("key", 1)
    assert "cache unreachable: ConnectionError" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_comment_is_saved_when_the_mail_server_is_down(
    client, settings, closed_port, article, post_url, comment_data
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2

    response = client.post(post_url, comment_data)

    assert response.status_code == 302
    assert Comment.objects.filter(author_name="Jamie Reader", article=article).count() == 1


@pytest.fixture
def full_disk(monkeypatch):
    """Upload storage that fails as a full disk does."""

    def no_space(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)


def test_a_full_disk_refuses_the_upload_in_words_and_keeps_the_article(
    client, editor, article, full_disk
):
    client.force_login(editor)
    client.raise_request_exception = False
    buffer = io.BytesIO()
    Image.new("RGB", (1300, 700), (0, 90, 0)).save(buffer, "PNG")
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    form = client.get(change_url).context["adminform"].form
    data = {
        **{name: value for name, value in form.initial.items() if value is not None},
        "title": "A new title that must not be saved",
        "category": article.category_id,
        "author": article.author_id,
        "published_at_0": article.published_at.strftime("%Y-%m-%d"),
        "published_at_1": article.published_at.strftime("%H:%M:%S"),
        "comments_close_after_days": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "cover_alt": "Green",
        "cover_image": SimpleUploadedFile("green.png", buffer.getvalue(), "image/png"),
    }

    response = client.post(change_url, data)

    assert response.status_code == 507
    assert "Your upload could not be saved" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Trauma and recovery"
    assert not article.cover_image

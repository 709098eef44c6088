"""Cover images uploaded by editors: only real pictures pass (Pillow looks at the bytes, not
the name), size is limited, SVG never passes, and the uploader's file name never becomes a
path on disk."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def png_bytes(size=(1400, 800)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, editor):
    """A browser signed in as an editor."""
    client.force_login(editor)
    return client


@pytest.fixture
def new_article_form(category, author):
    """What an editor fills in on the admin's "Add article" page, without the image."""
    return {
        "title": "Covered",
        "slug": "covered",
        "category": category.pk,
        "author": author.pk,
        "summary": "An article with a cover.",
        "body": "Text.",
        "cover_alt": "A red rectangle",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
        "comments_close_after_days": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }


def upload(editor_client, form, name, content, content_type):
    data = {**form, "cover_image": SimpleUploadedFile(name, content, content_type)}
    return editor_client.post(reverse("admin:articles_article_add"), data)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("cover.svg", SVG, "image/svg+xml"),
        ("cover.png", SVG, "image/png"),
        ("cover.jpg", b"just some text, not a picture", "image/jpeg"),
        ("cover.png", png_bytes()[:200], "image/png"),
    ],
    ids=["svg", "svg-named-png", "text-named-jpg", "truncated-png"],
)
def test_files_that_are_not_pictures_are_refused_with_a_message(
    editor_client, new_article_form, name, content, content_type
):
    response = upload(editor_client, new_article_form, name, content, content_type)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the error below." in html
    assert "image" in html.lower()
    assert not Article.objects.filter(slug="covered").exists()


def test_too_large_an_image_is_refused_with_its_size(editor_client, new_article_form, settings):
    settings.PULSE_MAX_IMAGE_BYTES = 1000

    response = upload(editor_client, new_article_form, "big.png", png_bytes(), "image/png")

    assert response.status_code == 200
    assert "the largest allowed is 1000" in response.content.decode()
    assert not Article.objects.filter(slug="covered").exists()


def test_a_real_picture_is_stored_under_a_name_of_our_choosing(editor_client, new_article_form):
    response = upload(
        editor_client, new_article_form, "../../etc/passwd.png", png_bytes(), "image/png"
    )

    assert response.status_code == 302
    stored = Article.objects.get(slug="covered").cover_image.name
    assert stored.endswith(".png")
    assert "passwd" not in stored and ".." not in stored

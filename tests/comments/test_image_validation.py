"""Image uploads (covers, avatars) are decoded in full when the form is checked: a file cut
short or corrupt is a form error, never a 500 on save; and a cover narrower than its help
text's 1,200 pixels is refused with its width."""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from authors.models import Author


def noisy_jpeg(size=(1600, 900)):
    """A JPEG whose pixels do not compress away, so that cutting it short loses data."""
    rng = random.Random(7)
    image = Image.frombytes(
        "RGB", size, bytes(rng.getrandbits(8) for _ in range(3 * size[0] * size[1]))
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def truncated_jpeg():
    """The first 60% of a real JPEG: its header reads fine, its pixels stop half-way."""
    data = noisy_jpeg()
    return data[: len(data) * 6 // 10]


@pytest.fixture
def new_article_form(category, author):
    """What an editor fills in on the admin's "Add article" page, without the image."""
    return {
        "title": "Covered", "slug": "covered", "category": category.pk, "author": author.pk,
        "summary": "An article with a cover.", "body": "Text.", "cover_alt": "Noise",
        "status": "draft", "published_at_0": "", "published_at_1": "", "comments_open": "on",
        "comments_close_after_days": "", "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0", "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }  # fmt: skip


def add_article(client, form, content, name="cover.jpg"):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return client.post(reverse("admin:articles_article_add"), {**form, "cover_image": upload})


def test_a_truncated_cover_is_a_form_error_not_a_500(
    client, editor, new_article_form, truncated_jpeg
):
    client.force_login(editor)
    response = add_article(client, new_article_form, truncated_jpeg)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Article.objects.filter(slug="covered").exists()


def test_a_truncated_avatar_is_a_form_error_not_a_500(admin_client, truncated_jpeg):
    upload = SimpleUploadedFile("me.jpg", truncated_jpeg, content_type="image/jpeg")
    response = admin_client.post(
        reverse("admin:authors_author_add"),
        {"name": "Noor", "slug": "noor", "credentials": "", "bio": "", "website": "",
         "avatar": upload},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Author.objects.filter(slug="noor").exists()


def test_a_narrow_cover_is_refused_with_its_width(client, editor, new_article_form):
    client.force_login(editor)
    response = add_article(client, new_article_form, noisy_jpeg((800, 450)))
    assert response.status_code == 200
    assert "This picture is 800 pixels wide; a cover needs at least 1200" in (
        response.content.decode()
    )
    assert not Article.objects.filter(slug="covered").exists()


def test_a_wide_enough_cover_is_stored(client, editor, new_article_form):
    client.force_login(editor)
    assert add_article(client, new_article_form, noisy_jpeg((1200, 675))).status_code == 302
    assert Article.objects.get(slug="covered").cover_image

"""A chosen upload survives a form refused for another field: the article's cover and a
library picture are kept ("Keeping cover.jpg (1,600×900)") and used on the next submit
without choosing the file again; and a cover narrower than 1,200 pixels is refused, with
its width, whichever way it comes."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, Image
from tests.helpers import edit_in_admin, image_file

ADD_ARTICLE = reverse("admin:articles_article_add")
ADD_IMAGE = reverse("admin:articles_image_add")


@pytest.fixture
def article_form(category, author):
    """What an editor types on "Add article", cover left out."""
    return {
        "title": "Covered", "slug": "covered", "category": category.pk, "author": author.pk,
        "summary": "An article with a cover.", "body": "Text.", "cover_alt": "A blue sky",
        "status": "draft", "published_at_0": "", "published_at_1": "", "comments_open": "on",
        "comments_close_after_days": "", "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0", "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }  # fmt: skip


def kept_token(html, name):
    found = re.search(rf'<input type="hidden" name="{name}-kept" value="([^"]+)">', html)
    return found.group(1) if found else None


def test_a_400_pixel_cover_is_refused_with_its_width(client, editor, article_form):
    client.force_login(editor)
    upload = image_file("small.jpg", (400, 225), "JPEG", "RGB")
    response = client.post(ADD_ARTICLE, {**article_form, "cover_image": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This picture is 400 pixels wide; a cover needs at least 1200" in html
    assert kept_token(html, "cover_image") is None  # a refused file is not kept
    assert not Article.objects.exists()


def test_a_400_pixel_cover_is_refused_on_the_change_form_too(client, editor, article):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    upload = image_file("small.png", (400, 225))
    response = edit_in_admin(client, url, article, cover_image=upload, cover_alt="Small")
    assert "This picture is 400 pixels wide" in response.content.decode()
    article.refresh_from_db()
    assert not article.cover_image


def test_the_cover_is_kept_when_another_field_fails(client, editor, article_form):
    client.force_login(editor)
    upload = image_file("cover.jpg", (1600, 900), "JPEG", "RGB")
    response = client.post(ADD_ARTICLE, {**article_form, "summary": "", "cover_image": upload})
    html = response.content.decode()
    assert response.status_code == 200 and "This field is required." in html
    assert "Keeping cover.jpg (1,600×900) — choose another file to replace it." in html
    token = kept_token(html, "cover_image")

    response = client.post(ADD_ARTICLE, {**article_form, "cover_image-kept": token})
    assert response.status_code == 302
    article = Article.objects.get(slug="covered")
    assert article.cover_image.width == 1600
    assert article.cover_image.name.startswith("covers/")


def test_a_new_file_replaces_the_kept_one(client, editor, article_form):
    client.force_login(editor)
    first = client.post(
        ADD_ARTICLE, {**article_form, "summary": "", "cover_image": image_file("one.png")}
    )
    token = kept_token(first.content.decode(), "cover_image")
    other = image_file("two.png", (1300, 700), color=(200, 10, 10))
    response = client.post(
        ADD_ARTICLE, {**article_form, "cover_image": other, "cover_image-kept": token}
    )
    assert response.status_code == 302
    assert Article.objects.get(slug="covered").cover_image.width == 1300


def test_a_forged_token_keeps_nothing(client, editor):
    client.force_login(editor)
    response = client.post(ADD_IMAGE, {"alt_text": "A sky", "file-kept": "covers/x.jpg:forged"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Image.objects.exists()


def test_a_library_upload_is_kept_when_its_alt_text_is_missing(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD_IMAGE, {"file": image_file("chart.png", (900, 600)), "alt_text": ""}
    )
    html = response.content.decode()
    assert "Keeping chart.png (900×600)" in html
    response = client.post(
        ADD_IMAGE, {"alt_text": "A chart", "file-kept": kept_token(html, "file")}
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.original_name) == (900, "chart.png")

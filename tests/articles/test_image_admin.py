"""The media library in the admin: the list (thumbnails, size, format, search), uploading
(alt text required, the same file refused with the one stored), the picture's page listing
the articles that use it, and deletion refused while any does."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import admin_images
from articles.models import Image
from tests.helpers import image_file

CHANGELIST = reverse("admin:articles_image_changelist")
ADD = reverse("admin:articles_image_add")


def test_the_list_shows_thumbnails_size_and_format(client, editor, library_image):
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    assert f'src="{library_image.thumbnail_url}"' in html and 'class="library-thumb"' in html
    assert "1,600 × 900 px" in html
    assert f"{library_image.size_bytes / 1024:.1f}\xa0KB" in html
    assert "JPEG · " in html


def test_the_list_searches_alt_caption_credit_and_file_name(client, editor, make_library_image):
    client.force_login(editor)
    make_library_image(alt_text="A stethoscope", caption="In the clinic", credit="Photo: Lee")
    make_library_image(alt_text="A bowl of oats")
    for words in ("stethoscope", "clinic", "Lee", "picture-1"):
        html = client.get(CHANGELIST, {"q": words}).content.decode()
        assert "A stethoscope" in html and "A bowl of oats" not in html, words


def test_uploading_needs_alt_text(client, editor):
    client.force_login(editor)
    response = client.post(ADD, {"file": image_file(), "alt_text": "", "caption": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Image.objects.exists()


def test_an_upload_is_stored_with_its_uploader(client, editor):
    client.force_login(editor)
    response = client.post(ADD, {"file": image_file(), "alt_text": "A blue square"})
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == editor and image.width == 1600


def test_the_same_file_again_is_refused_with_the_one_stored(client, editor):
    client.force_login(editor)
    client.post(ADD, {"file": image_file(), "alt_text": "A blue square"})
    stored = Image.objects.get()
    response = client.post(ADD, {"file": image_file("again.png"), "alt_text": "Again"})
    assert response.status_code == 200
    assert (
        f"This picture is already in the library as “A blue square” (image {stored.pk})"
        in response.content.decode()
    )
    assert Image.objects.count() == 1


def test_a_damaged_upload_is_a_form_error(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("x.png", b"\x89PNG not really", content_type="image/png")
    response = client.post(ADD, {"file": upload, "alt_text": "Broken"})
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()


def test_the_pictures_page_lists_the_articles_using_it(
    client, editor, make_article, library_image
):
    in_body = make_article(slug="in-body", title="Sleep and age",
                           body=f"![x](image:{library_image.pk})")  # fmt: skip
    as_cover = make_article(slug="as-cover", title="Rest days", cover_library_image=library_image)
    make_article(slug="unrelated", title="Unrelated article")
    client.force_login(editor)
    html = client.get(reverse("admin:articles_image_change", args=[library_image.pk]))
    html = html.content.decode()
    for article in (in_body, as_cover):
        url = reverse("admin:articles_article_change", args=[article.pk])
        assert f'<a href="{url}">{article.title}</a>' in html
    assert "Unrelated article" not in html
    assert f"![A bar chart of hours slept](image:{library_image.pk}" in html


def test_deleting_a_picture_in_use_is_refused_with_the_articles(
    client, editor, make_article, library_image
):
    article = make_article(title="Sleep and age", body=f"![x](image:{library_image.pk})")
    client.force_login(editor)
    url = reverse("admin:articles_image_delete", args=[library_image.pk])
    for response in (client.get(url), client.post(url, {"post": "yes"})):
        assert response.status_code == 200
        html = response.content.decode()
        assert "cannot be deleted: these articles use it" in html
        assert f">{article.title}</a>" in html
    assert Image.objects.filter(pk=library_image.pk).exists()


def test_bulk_deleting_pictures_in_use_is_refused(
    client, editor, make_article, make_library_image
):
    used, unused = make_library_image(alt_text="Used one"), make_library_image()
    make_article(title="Covered article", cover_library_image=used)
    client.force_login(editor)
    data = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"}
    response = client.post(CHANGELIST, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was deleted: some of these pictures are used by articles" in html
    assert "Used one:" in html and ">Covered article</a>" in html
    assert Image.objects.count() == 2


def test_an_unused_picture_can_be_deleted(client, editor, library_image):
    client.force_login(editor)
    url = reverse("admin:articles_image_delete", args=[library_image.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Image.objects.exists()


def test_a_picture_taken_out_of_the_body_can_then_be_deleted(
    client, editor, make_article, library_image
):
    article = make_article(body=f"![x](image:{library_image.pk})")
    article.body = "No picture now."
    article.save()
    client.force_login(editor)
    url = reverse("admin:articles_image_delete", args=[library_image.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302


def test_a_covers_file_cannot_be_replaced_by_a_narrow_one(
    client, editor, make_article, library_image
):
    make_article(cover_library_image=library_image)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_image_change", args=[library_image.pk]),
        {"file": image_file("small.png", (600, 300)), "alt_text": "Small"},
    )
    assert response.status_code == 200
    assert "is an article’s cover, which needs at least 1200" in response.content.decode()
    library_image.refresh_from_db()
    assert library_image.width == 1600


def test_a_picture_taken_into_use_after_the_confirmation_is_not_deleted(
    client, editor, make_article, library_image, monkeypatch
):
    make_article(cover_library_image=library_image)
    # The check ran before the article chose the picture (nothing in the way then).
    monkeypatch.setattr(
        admin_images.ImageAdmin, "get_deleted_objects", lambda *args: ([], {}, set(), [])
    )
    client.force_login(editor)
    url = reverse("admin:articles_image_delete", args=[library_image.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert "Nothing was deleted: an article has just started using the picture" in (
        response.content.decode()
    )
    data = {"action": "delete_selected", "_selected_action": [library_image.pk], "post": "yes"}
    response = client.post(CHANGELIST, data, follow=True)
    assert "Nothing was deleted: an article has just started using the picture" in (
        response.content.decode()
    )
    assert Image.objects.filter(pk=library_image.pk).exists()

"""A cover chosen from the media library: shown on the article page, on cards, as the
social image and in the JSON-LD, from the library's renditions; as wide as any cover, and
either it or an upload, never both."""

import re

from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image as Pillow

from articles.images import COVER_SHAPES, rendition_name
from articles.models import Image
from tests.helpers import edit_in_admin, image_file, json_ld_nodes, nodes_of_type


def test_the_article_page_shows_the_library_cover(client, make_article, library_image):
    article = make_article(cover_library_image=library_image)
    html = client.get(article.get_absolute_url()).content.decode()
    cover = html[html.index('<figure class="article-cover') :]
    cover = cover[: cover.index("</figure>")]
    img = re.search(r"<img [^>]+>", cover).group(0)
    assert 'alt="A bar chart of hours slept"' in img and 'width="1200" height="630"' in img
    assert "/library/" in img  # the library picture's renditions
    share = library_image.cover_wide_1200_jpeg.url
    assert f'<meta property="og:image" content="http://testserver{share}">' in html
    (entry,) = nodes_of_type(json_ld_nodes(html), "Article")
    # The three shapes Google asks for (16:9, 4:3, 1:1), made from the library picture.
    assert len(entry["image"]) == 3
    assert all(
        "/library/" in url and url.startswith("http://testserver/") for url in entry["image"]
    ), entry["image"]


def test_the_articles_own_description_wins_over_the_librarys(client, make_article, library_image):
    article = make_article(cover_library_image=library_image, cover_alt="Sleep chart, 2024")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Sleep chart, 2024"' in html


def test_cards_show_the_library_cover(client, make_article, library_image):
    make_article(cover_library_image=library_image)
    html = client.get(reverse("articles:home")).content.decode()
    card = re.search(r'<img class="card-img-top"[^>]+>', html).group(0)
    assert 'width="640" height="360"' in card and 'alt="A bar chart of hours slept"' in card
    assert library_image.cover_card_640_jpeg.url in card


def test_a_narrow_library_picture_is_refused_as_a_cover(
    client, editor, article, make_library_image
):
    narrow = make_library_image(size=(800, 450))
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = edit_in_admin(client, url, article, cover_library_image=narrow.pk)
    assert response.status_code == 200
    assert "This picture is 800 pixels wide; a cover needs at least 1200" in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.cover_library_image is None


def test_a_library_cover_is_chosen_in_the_article_form(client, editor, article, library_image):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert (
        edit_in_admin(client, url, article, cover_library_image=library_image.pk).status_code
        == 302
    )
    article.refresh_from_db()
    assert article.cover_library_image == library_image


def test_an_upload_and_a_library_cover_together_are_refused(
    client, editor, article, library_image
):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = edit_in_admin(
        client, url, article, cover_library_image=library_image.pk, cover_image=image_file(),
        cover_alt="Sky",
    )  # fmt: skip
    assert response.status_code == 200
    assert "Choose either an uploaded cover or one from the library, not both" in (
        response.content.decode()
    )


def test_cover_shapes_are_made_when_a_picture_becomes_a_cover(make_article, library_image):
    card = library_image.cover_card_640_jpeg
    assert not default_storage.exists(card.name)  # not on upload: most are never a cover
    make_article(cover_library_image=library_image)
    for shape, sizes in COVER_SHAPES.items():
        for width, height in sizes:
            rendition = getattr(library_image, rendition_name(shape, width, "webp"))
            with default_storage.open(rendition.name) as file, Pillow.open(file) as picture:
                assert picture.size == (width, height)


def test_a_new_file_for_a_cover_gets_its_cover_shapes(client, editor, make_article, library_image):
    make_article(cover_library_image=library_image)
    client.force_login(editor)
    new_file = image_file("wider.png", (1800, 1000), color=(9, 9, 9))
    response = client.post(
        reverse("admin:articles_image_change", args=[library_image.pk]),
        {"file": new_file, "alt_text": library_image.alt_text},
    )
    assert response.status_code == 302
    replaced = Image.objects.get(pk=library_image.pk)
    assert replaced.width == 1800
    assert default_storage.exists(replaced.cover_wide_1200_jpeg.name)
    assert replaced.cover_wide_1200_jpeg.name != library_image.cover_wide_1200_jpeg.name

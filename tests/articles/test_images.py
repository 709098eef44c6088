"""Cover images: validated with a clear message, served as WebP with a JPEG fallback at
several widths, with width/height and lazy loading."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from articles.images import COVER_SHAPES, rendition_name
from articles.models import Article
from tests.helpers import image_file


def test_every_rendition_is_made_at_its_size_and_format(covered_article):
    for shape, sizes in COVER_SHAPES.items():
        for width, height in sizes:
            for image_format, pillow_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
                rendition = getattr(covered_article, rendition_name(shape, width, image_format))
                assert default_storage.exists(rendition.name)
                with default_storage.open(rendition.name) as file, Image.open(file) as image:
                    assert image.size == (width, height)
                    assert image.format == pillow_format


def test_article_page_offers_webp_with_jpeg_fallback(client, covered_article):
    html = client.get(covered_article.get_absolute_url()).content.decode()
    cover = html[html.index("<picture>") : html.index("</picture>")]
    assert '<source type="image/webp" srcset="' in cover
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', cover).group(1)
    assert [entry.split()[-1] for entry in webp.split(", ")] == ["480w", "800w", "1200w"]
    assert all(entry.split()[0].endswith(".webp") for entry in webp.split(", "))
    img = re.search(r"<img [^>]+>", cover).group(0)
    assert 'width="1200" height="630"' in img and 'alt="A blue sky"' in img
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert 'fetchpriority="high"' in img  # the cover is above the fold: not lazy


def test_the_first_card_loads_first_and_the_others_lazily(client, covered_article, make_article):
    make_article(
        title="Second", slug="second", cover_image=covered_article.cover_image,
        cover_alt="Another sky",
    )  # fmt: skip
    html = client.get(reverse("articles:home")).content.decode()
    first, second = re.findall(r'<img class="card-img-top"[^>]+>', html)[:2]
    assert 'fetchpriority="high"' in first and 'loading="lazy"' not in first
    assert 'loading="lazy"' in second and 'width="640" height="360"' in second
    assert "320w" in html and "640w" in html


def clean_cover(article, upload):
    article.cover_image = upload
    article.cover_alt = "Something"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    return " ".join(error.value.message_dict["cover_image"])


def test_not_an_image_is_refused(article):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.png", b"this is text", content_type="image/png")
    assert "Upload a valid image" in clean_cover(article, upload)


def test_unsupported_format_is_refused(article):
    message = clean_cover(article, image_file("x.bmp", (50, 50), "BMP", "RGB"))
    assert "Use a JPEG, PNG, WebP or GIF image (this one is BMP)." in message


def test_too_large_a_file_is_refused(article, settings):
    settings.PULSE_MAX_IMAGE_BYTES = 100
    assert "the largest allowed is 100" in clean_cover(article, image_file())


def test_too_many_pixels_is_refused(article, monkeypatch):
    monkeypatch.setattr("core.uploads.MAX_PIXELS", 1000)
    assert "too many pixels" in clean_cover(article, image_file(size=(100, 100)))


def test_cover_needs_a_description(article):
    article.cover_image = image_file()
    article.cover_alt = ""
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "Describe the cover image" in str(error.value)
    assert Article.objects.filter(pk=article.pk, cover_image="").exists()

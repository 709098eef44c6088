"""The media library's pictures: checked as covers are (a clear message for a damaged, tiny
or unsupported file and for missing alt text), described on save (size, format,
fingerprint), stored once per file, and resized for the page when uploaded."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow

from articles.images import BODY_WIDTHS, body_rendition_name
from articles.media import add_image
from articles.models import Image
from tests.helpers import image_file


def refusal(upload, **fields):
    with pytest.raises(ValidationError) as error:
        add_image(upload, **{"alt_text": "Something", **fields})
    return " ".join(" ".join(messages) for messages in error.value.message_dict.values())


def test_an_upload_is_described_and_stored_under_a_random_name(db, editor):
    upload = image_file("My Holiday Photo.png", (1000, 500))
    image = add_image(
        upload, alt_text="  A beach at dawn ", credit="Photo: Ana", uploaded_by=editor
    )
    image.refresh_from_db()
    assert (image.width, image.height, image.format) == (1000, 500, "PNG")
    assert image.size_bytes == upload.size
    assert image.sha256 == hashlib.sha256(upload.file.getvalue()).hexdigest()
    assert image.alt_text == "A beach at dawn" and image.uploaded_by == editor
    assert image.original_name == "My Holiday Photo.png"
    assert image.file.name.startswith("library/") and "Holiday" not in image.file.name
    assert str(image) == f"A beach at dawn (#{image.pk})"


def test_the_same_file_twice_is_stored_once(db):
    first = add_image(image_file("a.png"), alt_text="First description")
    again = add_image(image_file("copy of a.png"), alt_text="Another description")
    assert again.pk == first.pk and Image.objects.count() == 1
    assert add_image(image_file("b.png", color=(1, 2, 3)), alt_text="Other").pk != first.pk


def test_alt_text_is_required(db):
    message = refusal(image_file(), alt_text="   ")
    assert "Describe the picture for readers who cannot see it." in message
    assert not Image.objects.exists()


def test_a_file_that_is_not_a_picture_is_refused(db):
    upload = SimpleUploadedFile("notes.png", b"just some text", content_type="image/png")
    assert "Upload a valid image: the file is not a picture or is damaged." in refusal(upload)


def test_a_damaged_picture_is_refused(db):
    data = image_file("whole.png", (800, 600)).read()
    upload = SimpleUploadedFile("cut.png", data[: len(data) // 2], content_type="image/png")
    assert "Upload a valid image" in refusal(upload)


def test_a_tiny_picture_is_refused_with_its_width(db):
    message = refusal(image_file("icon.png", (40, 40)))
    assert "This picture is only 40 pixels wide; the library needs at least 160" in message


def test_an_unsupported_format_is_refused(db):
    message = refusal(image_file("scan.bmp", (400, 300), "BMP", "RGB"))
    assert "Use a JPEG, PNG, WebP or GIF image (this one is BMP)." in message


def test_too_large_a_file_is_refused(db, settings):
    settings.PULSE_MAX_IMAGE_BYTES = 100
    assert "the largest allowed is 100" in refusal(image_file())


def test_body_renditions_are_made_on_upload_and_never_enlarged(make_library_image):
    image = make_library_image(size=(1000, 400))
    for width in BODY_WIDTHS:
        for image_format, pillow_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
            rendition = getattr(image, body_rendition_name(width, image_format))
            assert default_storage.exists(rendition.name)
            with default_storage.open(rendition.name) as file, Pillow.open(file) as picture:
                assert picture.format == pillow_format
                assert picture.size == (min(width, 1000), min(width, 1000) * 400 // 1000)
    picture = image.body_picture
    assert [entry.split()[-1] for entry in picture.jpeg_srcset.split(", ")] == [
        "480w",
        "800w",
        "1000w",
    ]
    assert (picture.width, picture.height) == (1000, 400)

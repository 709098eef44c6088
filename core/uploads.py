"""Image checks shared by every upload field: Django's ImageField already asks Pillow whether
the file is an image; these add the limits an editor should hear about in words, and decode
every pixel, so that a truncated or corrupt file is a form error here rather than a 500
when its renditions are made on save."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
SAFE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def safe_upload_path(folder, filename):
    """A random file name in ``folder``: the uploader's name is never used as a path."""
    suffix = PurePath(filename).suffix.lower()
    return f"{folder}/{uuid.uuid4().hex}{suffix if suffix in SAFE_SUFFIXES else '.img'}"


def validate_image_file(upload):
    """Refuse oversized files, decompression bombs and formats browsers cannot show."""
    limit = settings.PULSE_MAX_IMAGE_BYTES
    if upload.size and upload.size > limit:
        raise ValidationError(
            _("This image is %(size)s; the largest allowed is %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
            image_format = image.format
            check_size_and_format(width, height, image_format)
            # Decode it all (the header alone passes for a file cut short); a bomb was
            # refused above, before any pixel was decoded.
            image.load()
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("This image has too many pixels to process safely."), code="image_bomb"
        ) from error
    except (OSError, ValueError, SyntaxError) as error:
        raise ValidationError(
            _("Upload a valid image: the file is not a picture or is damaged."),
            code="invalid_image",
        ) from error
    finally:
        if position is not None:
            upload.seek(position)


def check_size_and_format(width, height, image_format):
    """What the header already tells: too many pixels to decode safely, or a format
    browsers cannot show."""
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("This image has too many pixels to process safely."), code="image_bomb"
        )
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Use a JPEG, PNG, WebP or GIF image (this one is %(format)s)."),
            code="image_format",
            params={"format": image_format},
        )


def image_width(upload):
    """The width in pixels of an uploaded image, or None if it cannot be read (the image
    validators then say what is wrong with it)."""
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            return image.size[0]
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    finally:
        if position is not None:
            upload.seek(position)

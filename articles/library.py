"""The media library: pictures editors upload once and use in article bodies (as
``![alt](image:42 "caption")``) and as covers, with the alt text, caption and credit that go
with them.  ArticleImage records which article's body uses which picture, so that a picture
in use cannot be deleted (PROTECT) and its page can list the articles using it."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from PIL import Image as PillowImage

from core import renditions
from core.uploads import image_width, safe_upload_path, validate_image_file

from . import images

# Narrower than this, a picture is an icon or a mistake: it would show blurred in a body.
LIBRARY_MIN_WIDTH = 160


def validate_library_image(upload):
    """The checks every upload gets (core/uploads.py), then a width a body can show.  A
    file already stored was checked when it was uploaded (and is not decoded again)."""
    if getattr(upload, "_committed", False):
        return
    validate_image_file(upload)
    width = image_width(upload)
    if width is not None and width < LIBRARY_MIN_WIDTH:
        raise ValidationError(
            _(
                "This picture is only %(width)d pixels wide; the library needs at least "
                "%(minimum)d, or it looks blurred in an article."
            ),
            code="image_too_small",
            params={"width": width, "minimum": LIBRARY_MIN_WIDTH},
        )


def library_upload_to(instance, filename):
    return safe_upload_path(f"library/{timezone.now():%Y/%m}", filename)


def file_digest(file):
    """The SHA-256 of a file's bytes (hex), read in chunks; the file is left at its start."""
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 16), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class ImageQuerySet(models.QuerySet):
    def matching(self, words):
        """Images whose alt text, caption, credit or original file name contain ``words``."""
        words = (words or "").strip()
        if not words:
            return self
        return self.filter(
            models.Q(alt_text__icontains=words)
            | models.Q(caption__icontains=words)
            | models.Q(credit__icontains=words)
            | models.Q(original_name__icontains=words)
        )


class Image(models.Model):
    file = models.ImageField(
        _("file"),
        upload_to=library_upload_to,
        width_field="width",
        height_field="height",
        validators=[validate_library_image],
        help_text=_(
            "A JPEG, PNG, WebP or GIF picture, at least 160 pixels wide (1200 for a cover); "
            "it is resized for each screen."
        ),
    )
    original_name = models.CharField(
        _("file name"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The name the file had on the uploader's computer, for searching."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_(
            "What the picture shows, for readers who cannot see it (screen readers read it)."
        ),
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("Shown under the picture; an article may give its own instead."),
    )
    credit = models.CharField(
        _("credit and licence"),
        max_length=250,
        blank=True,
        help_text=_('Who made it and on what terms, e.g. "Photo: A. Lee, CC BY 4.0".'),
    )
    width = models.PositiveIntegerField(_("width (px)"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height (px)"), default=0, editable=False)
    format = models.CharField(_("format"), max_length=10, blank=True, editable=False)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        editable=False,
        help_text=_("The file's fingerprint: the same file is only ever stored once."),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    # The admin's list and the chooser show this; the page renditions are added below.
    thumbnail = ImageSpecField(
        source="file", processors=[ResizeToFit(240, 240, upscale=False)], format="JPEG",
        options={"quality": 80},
    )  # fmt: skip

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"],
                name="image_file_once",
                violation_error_message=_("This picture is already in the library."),
            )
        ]

    def __str__(self):
        return f"{self.alt_text} (#{self.pk})" if self.pk else self.alt_text

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            self.describe_file()
        super().save(*args, **kwargs)

    def describe_file(self):
        """Size, format, fingerprint and name of a newly chosen file (derived, on save)."""
        upload = self.file.file
        self.sha256 = file_digest(upload)
        self.size_bytes = upload.size
        self.original_name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255]
        with PillowImage.open(upload) as picture:
            self.format = picture.format or ""
        upload.seek(0)

    @property
    def snippet(self):
        """The Markdown that shows this picture in a body (the chooser inserts it)."""
        return markdown_snippet(self)

    @property
    def body_picture(self):
        return images.body_picture(self)

    @property
    def thumbnail_url(self):
        return renditions.kept((self.file.name, "thumbnail"), lambda: self.thumbnail.url)


def markdown_snippet(image):
    alt = " ".join(image.alt_text.replace("[", "(").replace("]", ")").split())
    caption = " ".join(image.caption.replace('"', "”").split())
    title = f' "{caption}"' if caption else ""
    return f"![{alt}](image:{image.pk}{title})"


# The library's renditions: the body's widths, made on upload, and the cover shapes, made
# when an article first takes the picture as its cover (images.WhenChosenAsCover).
_COVER_RENDITIONS = images.cover_renditions("file", images.WhenChosenAsCover())
for _name, _spec in {**images.body_renditions("file"), **_COVER_RENDITIONS}.items():
    Image.add_to_class(_name, _spec)
del _name, _spec


class ArticleImage(models.Model):
    """A library image that an article's body shows; kept in step with the body on save."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="image_uses",
    )
    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.PROTECT, related_name="uses"
    )

    class Meta:
        ordering = ["article", "image"]
        verbose_name = _("image in an article")
        verbose_name_plural = _("images in articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "image"], name="article_image_once")
        ]

    def __str__(self):
        return _("%(image)s in “%(article)s”") % {"image": self.image, "article": self.article}

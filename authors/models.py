"""Authors: the people whose names, credentials and faces appear on articles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill

from core import avatars, renditions
from core.fields import WebsiteField
from core.links import slug_url
from core.uploads import safe_upload_path, validate_image_file


def avatar_upload_to(instance, filename):
    return safe_upload_path("avatars", filename)


class Author(avatars.InitialsAvatar, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=140, unique=True, help_text=_("Used in the author page's URL.")
    )
    credentials = models.CharField(
        _("credentials"),
        max_length=120,
        blank=True,
        help_text=_('Degrees and licences shown after the name, e.g. "PharmD, MPH".'),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=1000,
        blank=True,
        help_text=_("Two or three sentences shown in the author box under each article."),
    )
    avatar = models.ImageField(
        _("avatar"),
        upload_to=avatar_upload_to,
        blank=True,
        validators=[validate_image_file],
        help_text=_("A square photo works best; it is shown as a small thumbnail."),
    )
    avatar_small = ImageSpecField(
        source="avatar", processors=[ResizeToFill(96, 96)], format="WEBP", options={"quality": 82}
    )
    avatar_large = ImageSpecField(
        source="avatar",
        processors=[ResizeToFill(192, 192)],
        format="WEBP",
        options={"quality": 82},
    )
    website = WebsiteField(_("website"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("Optional: the staff account that writes as this author."),
    )
    wordpress_login = models.CharField(
        _("WordPress login"),
        max_length=60,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Set by import_wordpress: a second import of the same export finds it."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:author", self.slug)

    @property
    def avatar_small_url(self):
        return renditions.kept((self.avatar.name, "small"), lambda: self.avatar_small.url)

    @property
    def avatar_large_url(self):
        return renditions.kept((self.avatar.name, "large"), lambda: self.avatar_large.url)

"""Model fields shared by the apps."""

from django.db import models


class WebsiteField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out ("example.org"),
    the behaviour Django 6.0 makes the default."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

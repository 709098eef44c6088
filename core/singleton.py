"""Settings that editors change in the admin: one row per model, read on most requests."""

from django.core.cache import cache
from django.db import models


class CachedSingleton(models.Model):
    """An abstract model with exactly one row (pk 1), cached between requests and dropped
    from the cache whenever it is saved.  Subclasses add a CheckConstraint on pk=1."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.cache_key())

    @classmethod
    def cache_key(cls):
        return f"pulse:singleton:{cls._meta.label_lower}"

    @classmethod
    def load(cls):
        """The row (created with its defaults on first use), from the cache when possible."""
        row = cache.get(cls.cache_key())
        if row is None:
            row = cls.objects.get_or_create(pk=1)[0]
            cache.set(cls.cache_key(), row, 300)
        return row

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Signals only invalidate the page cache; no business logic hangs on them.
        from django.db.models.signals import post_delete, post_save

        from authors.models import Author

        from . import pagecache
        from .models import Article, Category

        for model in (Article, Category, Author):
            post_save.connect(pagecache.bump, sender=model, dispatch_uid=f"pagecache-{model}")
            post_delete.connect(pagecache.bump, sender=model, dispatch_uid=f"pagecache-d-{model}")

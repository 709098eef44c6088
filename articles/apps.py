from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # The SQLite search index is derived data, like a cache: signals keep it in step with
        # every save and delete, including the admin's bulk delete.
        from . import search
        from .models import Article

        def reindex(sender, instance, **kwargs):
            search.index_article(instance)

        def unindex(sender, instance, **kwargs):
            search.unindex_article(instance)

        post_save.connect(
            reindex, sender=Article, dispatch_uid="articles_search_index", weak=False
        )
        post_delete.connect(
            unindex, sender=Article, dispatch_uid="articles_search_unindex", weak=False
        )

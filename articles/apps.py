from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Signals only keep derived data in step: the page cache (any change readers can
        # see) and the SQLite search index.  No business logic hangs on them.
        from taggit.models import TaggedItem

        from authors.models import Author

        from . import content_version, context_processors, search
        from .models import Article, Category, Correction, Reference, SiteSettings

        # What every page needs and only a change readers can see alters: worked out once
        # per content version (content_version.PerVersion).
        content_version.per_version.register("next-publication", content_version.next_publication)
        content_version.per_version.register("nav-categories", context_processors.menu)

        for model in (Article, Category, Author, Reference, Correction, SiteSettings, TaggedItem):
            post_save.connect(
                content_version.bump, sender=model, dispatch_uid=f"pagecache-{model}"
            )
            post_delete.connect(
                content_version.bump, sender=model, dispatch_uid=f"pagecache-d-{model}"
            )

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

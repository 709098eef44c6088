from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def site_changed(**kwargs):
    """An article, its author, category, tags, references or corrections, or the site's
    settings changed: their names and titles show on listings, menus, feeds, related
    articles and search results across the site, so every page is made fresh (once per
    transaction, when it commits)."""
    from core import pagecache
    from core.singleton import CachedSingleton

    if kwargs.get("created") and issubclass(kwargs["sender"], CachedSingleton):
        return  # a settings row made on first use holds the defaults already in effect
    pagecache.invalidate(site=True)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Signals only keep derived data in step: the page cache and the SQLite search
        # index.  No business logic hangs on them.
        from taggit.models import Tag, TaggedItem

        from authors.models import Author
        from core import pagecache

        from . import context_processors, search
        from .models import Article, Category, Correction, Image, Reference, SiteSettings

        # Image: a library cover's alt text shows on cards across the site.
        for model in (Article, Category, Author, Reference, Correction, SiteSettings, Tag,
                      TaggedItem, Image):  # fmt: skip
            uid = model._meta.label_lower
            post_save.connect(site_changed, sender=model, dispatch_uid=f"pages-{uid}")
            post_delete.connect(site_changed, sender=model, dispatch_uid=f"pages-d-{uid}")

        pagecache.pages_changed.connect(
            context_processors.forget_chrome, dispatch_uid="articles_forget_chrome"
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

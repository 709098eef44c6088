from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What several apps share and what belongs to none: upload fields and validators,
    avatars, the cached-settings base, the page cache and its proxy purge, request logs,
    the health check, the full-disk page and the demo seeding commands."""

    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from core.pagecache import pages_changed
        from core.proxypurge import purge_changed_pages

        pages_changed.connect(purge_changed_pages, dispatch_uid="core.proxypurge")

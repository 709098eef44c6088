"""Top-level URLs: the admin, robots.txt, the health check, and each app's own patterns."""

import os

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from articles.sitemaps import SITEMAPS
from articles.views import RobotsTxtView
from core.health import healthz

admin.site.site_header = _("Pulse administration")
admin.site.site_title = _("Pulse")
admin.site.index_title = _("Editing and moderation")

ADMIN_URL = os.environ.get("PULSE_ADMIN_URL", "admin/").strip("/") + "/"

urlpatterns = [
    path(ADMIN_URL, admin.site.urls),
    path("robots.txt", RobotsTxtView.as_view(), name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

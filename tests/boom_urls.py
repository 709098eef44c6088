"""The site's URLs plus one view that always fails, for the error-page tests."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def explode(request):
    raise RuntimeError("database password is hunter2")


urlpatterns = [path("boom/", explode), *site_urlpatterns]

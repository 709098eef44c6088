"""The site's URLs with a stand-in for the media library's image chooser (built elsewhere in
issue 14) added to the admin, so that the editor's image dialog is tested against the
contract it expects: ``admin:articles_image_chooser`` answering ``?format=json&q=…`` with
``[{id, thumbnail, alt, caption, snippet}]``."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import path

from config.urls import ADMIN_URL
from config.urls import urlpatterns as site_urlpatterns

IMAGES = [
    {"id": 7, "thumbnail": "/static/favicon.svg", "alt": "A child asleep", "caption": "Rest",
     "snippet": '![A child asleep](image:7 "Rest")'},
    {"id": 8, "thumbnail": "/static/favicon.svg", "alt": "A pill organiser", "caption": "",
     "snippet": "![A pill organiser](image:8)"},
]  # fmt: skip


def image_chooser(request):
    typed = request.GET.get("q", "").lower()
    return JsonResponse([image for image in IMAGES if typed in image["alt"].lower()], safe=False)


admin_urls = [
    path("articles/image/chooser/", admin.site.admin_view(image_chooser),
         name="articles_image_chooser"),
    *admin.site.get_urls(),
]  # fmt: skip

urlpatterns = [
    path(ADMIN_URL, (admin_urls, "admin", admin.site.name)),
    *site_urlpatterns[1:],  # everything but the admin, which is above
]

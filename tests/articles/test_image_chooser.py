"""The image chooser: the library's pictures with thumbnails and search, as a page that works
without JavaScript (each picture gives its Markdown to copy) and as JSON for the editor's
toolbar; only for staff who write articles."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import admin_images
from articles.models import Image

CHOOSER = reverse("admin:articles_image_chooser")


def test_the_chooser_is_at_its_documented_address():
    assert CHOOSER == "/admin/articles/image/chooser/"


def test_the_page_lists_pictures_with_thumbnails_and_searches(client, editor, make_library_image):
    oats = make_library_image(alt_text="A bowl of oats", caption="Breakfast")
    make_library_image(alt_text="A stethoscope")
    client.force_login(editor)
    html = client.get(CHOOSER).content.decode()
    assert f'src="{oats.thumbnail_url}"' in html
    assert "A bowl of oats" in html and "A stethoscope" in html
    found = client.get(CHOOSER, {"q": "breakfast"}).content.decode()
    assert "A bowl of oats" in found and "A stethoscope" not in found
    assert (
        "No picture matches “nothing”." in client.get(CHOOSER, {"q": "nothing"}).content.decode()
    )


def test_choosing_a_picture_shows_its_markdown_without_javascript(client, editor, library_image):
    client.force_login(editor)
    html = client.get(CHOOSER).content.decode()
    assert f"chosen={library_image.pk}" in html
    chosen = client.get(CHOOSER, {"chosen": library_image.pk}).content.decode()
    snippet = (
        f"![A bar chart of hours slept](image:{library_image.pk} "
        "&quot;Hours slept by age group&quot;)"
    )
    assert f"readonly>{snippet}</textarea>" in chosen
    assert client.get(CHOOSER, {"chosen": "x' or 1"}).status_code == 200


def test_the_page_is_paginated(client, editor, make_library_image, monkeypatch):
    monkeypatch.setattr(admin_images, "CHOOSER_PAGE_SIZE", 2)
    for number in range(3):
        make_library_image(size=(200, 200), alt_text=f"Picture number {number}")
    client.force_login(editor)
    first = client.get(CHOOSER).content.decode()
    assert "Page 1 of 2" in first and "page=2" in first
    assert "Picture number 0" in client.get(CHOOSER, {"page": 2}).content.decode()


def test_the_json_gives_what_the_toolbar_inserts(
    client, editor, library_image, make_library_image
):
    make_library_image(alt_text="A stethoscope")
    client.force_login(editor)
    response = client.get(CHOOSER, {"q": "chart", "format": "json"})
    data = response.json()
    assert data["count"] == 1 and data["page"] == 1 and data["num_pages"] == 1
    assert data["has_next"] is False and data["has_previous"] is False
    assert data["results"] == [
        {
            "id": library_image.pk,
            "thumbnail": library_image.thumbnail_url,
            "alt": "A bar chart of hours slept",
            "caption": "Hours slept by age group",
            "credit": "Chart: Pulse, CC BY 4.0",
            "width": 1600,
            "height": 900,
            "snippet": (
                f"![A bar chart of hours slept](image:{library_image.pk} "
                '"Hours slept by age group")'
            ),
        }
    ]
    accept = client.get(CHOOSER, headers={"Accept": "application/json"})
    assert accept["Content-Type"] == "application/json"


def test_only_staff_who_write_articles_may_use_it(client, moderator):
    assert client.get(CHOOSER).status_code == 302  # to the login page
    client.force_login(moderator)
    assert client.get(CHOOSER).status_code == 403


def test_the_chooser_and_the_list_cost_the_same_for_two_pictures_or_six(
    client, editor, make_library_image
):
    client.force_login(editor)
    urls = [f"{CHOOSER}?format=json", CHOOSER, reverse("admin:articles_image_changelist")]
    counts = {}
    for total in (2, 6):
        while Image.objects.count() < total:
            make_library_image(size=(200, 200))
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.setdefault(url, []).append(len(queries))
    for url, (few, many) in counts.items():
        assert few == many, (url, few, many)
    # Session, user, the user's and the groups' permissions, then the count and the page.
    assert counts[urls[0]] == [6, 6]

"""An editor illustrates an article from the media library: uploads a picture (kept while
its alt text is missing), finds it in the chooser, inserts its Markdown, sees it in the
preview (and why a hot-linked picture is not shown), publishes; readers get the figure
with its srcset, size, alt text, caption and credit."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from articles.models import Article, SiteSettings
from tests.helpers import write_markdown

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chart_jpeg(tmp_path):
    """A 1600×900 JPEG bar chart drawn with Pillow, as an editor's upload."""
    path = tmp_path / "sleep-chart.jpg"
    picture = Image.new("RGB", (1600, 900), (244, 248, 247))
    draw = ImageDraw.Draw(picture)
    for index, height in enumerate((380, 560, 720, 640, 470)):
        left = 160 + index * 270
        draw.rectangle([left, 820 - height, left + 180, 820], fill=(22, 110, 104))
    picture.save(path, "JPEG", quality=90)
    return path


@pytest.fixture
def serve_media(page, live_server):
    """The live server does not serve uploads (DEBUG is off); the browser gets them from
    MEDIA_ROOT, as nginx serves them in production."""

    def fulfil(route):
        relative = urlsplit(route.request.url).path.removeprefix(settings.MEDIA_URL)
        route.fulfill(path=Path(settings.MEDIA_ROOT) / relative)

    page.context.route(f"{live_server.url}{settings.MEDIA_URL}**", fulfil)


def choose(page, field, text):
    """Pick an option in one of the admin's autocomplete (select2) widgets."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_editor_illustrates_an_article_from_the_library(
    browser, page, live_server, category, author, editor, sign_in, chart_jpeg, serve_media,
    screenshot_dir, csp_violations, serious_violations,
):  # fmt: skip
    settings_row = SiteSettings.load()
    settings_row.blocking_checks = []  # this article has no cover or medical review yet
    settings_row.save()
    sign_in(page.context, editor)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("admin:articles_image_add"))
    page.locator("#id_file").set_input_files(chart_jpeg)
    page.locator("input[name=_save]").click()  # alt text forgotten
    expect(page.locator(".kept-upload")).to_contain_text("Keeping sleep-chart.jpg (1,600×900)")
    page.locator("#id_alt_text").fill("Bar chart: hours of sleep by age group")
    page.locator("#id_caption").fill("Teenagers sleep least")
    page.locator("#id_credit").fill("Chart: Pulse, CC BY 4.0")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator("img.library-thumb")).to_have_count(1)
    page.screenshot(path=screenshot_dir / "media-library-list.png")

    page.goto(live_server.url + reverse("admin:articles_image_chooser"))
    page.locator("#chooser-q").fill("sleep")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Use this picture").click()
    snippet = page.locator("#chosen-markdown").input_value()
    assert snippet.startswith("![Bar chart: hours of sleep by age group](image:")
    page.screenshot(path=screenshot_dir / "media-library-chooser.png", full_page=True)

    page.goto(live_server.url + reverse("admin:articles_article_add"))
    page.locator("#id_title").fill("How much sleep do we need?")
    page.locator("#id_title").press("Tab")
    choose(page, "category", category.name)
    choose(page, "author", author.name)
    page.locator("#id_summary").fill("Sleep needs change with age.")
    write_markdown(
        page, f"Sleep needs change.\n\n{snippet}\n\n![Hot link](https://elsewhere.example/a.png)"
    )
    page.get_by_role("button", name="Preview side by side").click()
    pane = page.locator(".editor-preview-side")
    preview = page.frame_locator(".editor-preview-side iframe.editor-preview-frame")
    expect(preview.locator("figure img")).to_have_attribute(
        "alt", "Bar chart: hours of sleep by age group"
    )
    expect(preview.locator(".markdown-preview-problems")).to_contain_text(
        "The picture “Hot link” (https://elsewhere.example/a.png) is not shown"
    )
    pane.screenshot(path=screenshot_dir / "media-library-preview.png")
    page.get_by_role("button", name="Preview side by side").click()
    write_markdown(page, f"Sleep needs change.\n\n{snippet}\n\nMore text.")
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(slug="how-much-sleep-do-we-need")
    reader = browser.new_page(viewport={"width": 1280, "height": 900})
    reader.context.route(
        f"{live_server.url}{settings.MEDIA_URL}**",
        lambda route: route.fulfill(
            path=Path(settings.MEDIA_ROOT)
            / urlsplit(route.request.url).path.removeprefix(settings.MEDIA_URL)
        ),
    )
    reader.goto(live_server.url + article.get_absolute_url())
    figure = reader.locator(".article-body figure")
    img = figure.locator("img")
    expect(img).to_have_attribute("alt", "Bar chart: hours of sleep by age group")
    expect(img).to_have_attribute("width", "1200")
    expect(img).to_have_attribute("loading", "lazy")
    assert "480w" in figure.locator("source").get_attribute("srcset")
    expect(figure.locator("figcaption")).to_contain_text("Teenagers sleep least")
    expect(figure.locator(".figure-credit")).to_have_text("Chart: Pulse, CC BY 4.0")
    figure.scroll_into_view_if_needed()
    img.evaluate("element => element.decode()")  # loaded, not a broken picture
    assert img.evaluate("element => element.naturalWidth") > 0
    figure.screenshot(path=screenshot_dir / "media-library-article-figure.png")
    reader.close()

    image = article.image_uses.get().image
    page.goto(live_server.url + reverse("admin:articles_image_change", args=[image.pk]))
    expect(page.locator(".field-used_by")).to_contain_text("How much sleep do we need?")
    page.screenshot(path=screenshot_dir / "media-library-change.png", full_page=True)
    page.goto(live_server.url + reverse("admin:articles_image_changelist"))
    page.screenshot(path=screenshot_dir / "media-library-list.png")
    assert csp_violations == []

    # axe-core last: evaluating it makes the browser report inline styles under the CSP.
    for url in (
        reverse("admin:articles_image_chooser") + f"?chosen={image.pk}",
        reverse("admin:articles_image_change", args=[image.pk]),
        reverse("admin:articles_image_changelist"),
        article.get_absolute_url(),
    ):
        page.goto(live_server.url + url)
        assert serious_violations(page) == [], url

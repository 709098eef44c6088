"""axe-core finds no serious or critical WCAG 2.2 A/AA violations on the reader's pages, at
phone and desktop widths; each page is screenshotted at both widths as it is checked."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture
def reader_pages(live_server, article, thread, make_comment):
    """The home, article, author and search-results pages of a site with one discussed
    article."""
    return {
        "home": live_server.url + "/",
        "article": live_server.url + article.get_absolute_url(),
        "author": live_server.url + article.author.get_absolute_url(),
        "search": live_server.url + reverse("articles:search") + "?q=trauma",
    }


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "article", "author", "search"])
def test_reader_pages_have_no_serious_violations(
    page, reader_pages, serious_violations, screenshot_dir, name, width
):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(reader_pages[name])
    expect(page.locator("main h1")).to_be_visible()

    page.screenshot(path=screenshot_dir / f"{name}-{WIDTHS[width]}.png", full_page=True)
    assert serious_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_comment_form_with_errors_has_no_serious_violations(
    page, reader_pages, serious_violations, screenshot_dir, width
):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(reader_pages["article"])
    page.locator("#id_author_email").fill("not-an-address")
    page.get_by_role("button", name="Post comment").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Enter your name.")
    expect(summary).to_contain_text("Enter an email address like name@example.com.")
    # In view through the form action's #write-comment, with focus left alone at load (a
    # script moving it leaves Lighthouse no largest paint to measure).
    expect(summary).to_be_in_viewport()
    assert page.url.endswith("#write-comment")
    page.screenshot(path=screenshot_dir / f"comment-errors-{WIDTHS[width]}.png", full_page=True)
    assert serious_violations(page) == []

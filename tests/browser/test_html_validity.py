"""Every kind of page Pulse sends a reader is valid HTML to the Nu Html Checker (npm's
vnu-jar, pinned, run by Debian's Java): home, listings, the article with one and with
several comment pages, a reply, search with and without hits, the comment edit, delete and
report pages, the pages after a form error and the 404, fetched through nginx exactly as a
browser receives them (the response's own bytes, not the DOM after scripts).  Feeds and the
sitemap are XML, not HTML.  Each page is also photographed at 390 and 1,280 px into
test-artifacts/screenshots/, and none is wider than a 390 px phone.  About 40 s."""

import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser]

PROJECT = Path(__file__).resolve().parent.parent.parent
VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # package.json
ARTICLE = "/articles/trauma-and-opioid-addiction/"
BENCH = "/articles/bench-article/"
GET_PAGES = {
    "home": "/",
    "home-page-2": "/?page=2",
    "article": ARTICLE,
    "long-thread": BENCH,
    "long-thread-page-2": BENCH + "?cpage=2",
    "author": "/authors/mireille-achterberg/",
    "category": "/category/mental-health/",
    "tag": "/tags/trauma/",
    "archive": "/archive/",
    "search": "/search/?q=sleep",
    "search-nothing-found": "/search/?q=zebrafish",
    "search-empty": "/search/?q=",
    "not-found": "/no-such-page/",
}
WIDTHS = (390, 1280)
SHOW_EVERYTHING = """() => {
  document.querySelectorAll("img[loading=lazy]").forEach((image) => { image.loading = "eager"; });
  document.querySelectorAll(".comment-list").forEach((list) => {
    list.style.contentVisibility = "visible";
  });
}"""


def first_comment_id(html):
    return re.search(r'<li class="comment[^"]*" id="comment-(\d+)"', html).group(1)


@pytest.fixture(scope="module")
def reader_pages(served_demo, browser, screenshot_dir):
    """{name: HTML as sent} for every page type; the GET pages and the pages a reader reaches
    by posting (a form with errors, their own comment's edit and delete pages), each
    photographed at both widths on the way.  Also {name: width at 390 px}."""
    base = served_demo["url"]
    pages, widths = {}, {}
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()

    def keep(name, response):
        pages[name] = response.text()
        # The whole page in the picture: what waits for the reader to scroll near it (lazy
        # images, the thread's content-visibility) is shown at once.
        page.evaluate(SHOW_EVERYTHING)
        # Polled from here: wait_for_function's polling evaluates a string, which the site's
        # CSP (no 'unsafe-eval') refuses whenever the images are not loaded at the first look.
        for _ in range(100):
            if page.evaluate("() => [...document.images].every((image) => image.complete)"):
                break
            page.wait_for_timeout(100)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if width == 390:
                widths[name] = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=screenshot_dir / f"demo-{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 900})

    for name, path in GET_PAGES.items():
        keep(name, page.goto(base + path))
    comment = first_comment_id(pages["article"])
    keep("reply", page.goto(f"{base}{ARTICLE}?replyto={comment}"))
    keep("report", page.goto(f"{base}/comments/{comment}/report/"))
    page.evaluate("document.querySelector('main form').noValidate = true")  # as without checks
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Send report").click()  # no reason chosen
    keep("report-error", sent.value)

    page.goto(base + ARTICLE)
    page.locator("#id_author_email").fill("not-an-address")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Post comment").click()
    keep("comment-form-error", sent.value)

    page.goto(base + ARTICLE)
    page.locator("#id_author_name").fill("Vera Nu")
    page.locator("#id_author_email").fill("vera@example.com")
    page.locator("#id_body").fill("Checking that my own comment's pages are valid HTML too.")
    page.wait_for_timeout(3500)  # a person's typing time: the form refuses faster posts
    with page.expect_navigation():
        page.get_by_role("button", name="Post comment").click()
    own = re.search(r'href="/comments/(\d+)/edit/"', page.content()).group(1)
    keep("comment-edit", page.goto(f"{base}/comments/{own}/edit/"))
    keep("comment-delete", page.goto(f"{base}/comments/{own}/delete/"))
    context.close()
    return pages, widths


def test_every_page_type_has_no_vnu_errors(reader_pages):
    pages, _widths = reader_pages
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, html in pages.items():
            path = Path(folder) / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            files.append(str(path))
        done = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).stem}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    print(f"\nvnu: {len(pages)} pages, {len(errors)} errors")
    assert errors == []
    assert len(pages) == len(GET_PAGES) + 6


def test_no_page_is_wider_than_a_phone(reader_pages):
    _pages, widths = reader_pages
    assert {name: width for name, width in widths.items() if width > 390} == {}


def test_the_form_error_page_shows_its_summary_without_moving_focus(served_demo, page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(served_demo["url"] + ARTICLE)
    with page.expect_navigation():
        page.get_by_role("button", name="Post comment").click()
    assert page.url.endswith("#write-comment")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement === document.body")
    box = summary.bounding_box()
    assert 0 <= box["y"] < 900  # brought into view by the fragment


def test_the_menu_opens_and_closes_on_a_phone(served_demo, page):
    """pulse.js's own toggle (Bootstrap's JavaScript bundle is not loaded on readers' pages)."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(served_demo["url"] + "/")
    menu = page.get_by_role("button", name="Show the menu")
    nav = page.locator("#site-nav")
    assert not nav.is_visible() and menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert page.get_by_role("link", name="Mental Health").first.is_visible()
    assert menu.get_attribute("aria-expanded") == "true"
    menu.click()
    assert not nav.is_visible()

"""The whole publishing journey of issue 14 in one browser, each person in turn: a writer
writes the body of their draft with the editor (a table from the toolbar, a picture from the
library through the chooser, a citation, and an uncited percentage), sees the side-by-side
preview show the table and the figure, leaves and gets the autosave back, sends the draft to
review (never offered "published") and the checklist names the uncited sentence; a medical
reviewer signs the review off; an editor publishes; a reader sees the figure with its
<picture>, srcset, size, alt text and caption."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

UNCITED = "About 30% of adults sleep less than they need."


@pytest.fixture
def writers_draft(make_article, make_library_image, writer):
    """The writer's own draft, all but its body ready: a summary, a 1,600 px library cover
    (described by the library's alt text) and one reference to cite."""
    cover = make_library_image(alt_text="A person asleep under a blue blanket")
    draft = make_article(
        title="How much sleep do adults need?",
        slug="how-much-sleep-do-adults-need",
        status=Article.Status.DRAFT,
        published_at=None,
        summary="Most adults need seven to nine hours; many get less.",
        body="Notes to replace.",
        cover_library_image=cover,
        created_by=writer,
    )
    draft.references.create(
        position=1,
        citation="Watson NF et al. Recommended amount of sleep for a healthy adult.",
        doi="10.5665/sleep.4716",
    )
    return draft


@pytest.fixture
def serve_media(page, live_server):
    """The live server does not serve uploads (DEBUG is off); the browser gets them from
    MEDIA_ROOT, as nginx serves them in production."""

    def fulfil(route):
        relative = urlsplit(route.request.url).path.removeprefix(django_settings.MEDIA_URL)
        route.fulfill(path=Path(django_settings.MEDIA_ROOT) / relative)

    page.context.route(f"{live_server.url}{django_settings.MEDIA_URL}**", fulfil)


def change_url(live_server, article):
    return live_server.url + reverse("admin:articles_article_change", args=[article.pk])


def become(page, sign_in, user):
    """The same browser tab, handed to someone else (None: an anonymous reader)."""
    page.context.clear_cookies()
    if user is not None:
        sign_in(page.context, user)


def test_a_writer_s_article_goes_from_the_editor_to_the_reader(
    page, live_server, settings, sign_in, writer, medical_reviewer, editor, writers_draft,
    library_image, serve_media, screenshot_dir, csp_violations,
):  # fmt: skip
    settings.PULSE_AUTOSAVE_SECONDS = 1  # the form's autosave interval, 15 s in production
    page.set_viewport_size({"width": 1280, "height": 900})
    url = change_url(live_server, writers_draft)

    # 1. The writer types the body: a cited claim, the uncited percentage, a table and a
    # picture from the library.
    become(page, sign_in, writer)
    page.goto(url)
    code = page.locator(".EasyMDEContainer .CodeMirror")
    expect(code).to_be_visible()
    code.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("Most adults need seven to nine hours of sleep")
    page.get_by_role("button", name="Citation marker [n]").click()
    citations = page.locator("#pulse-citation-dialog")
    citations.get_by_role("button", name="[1] Watson NF").click()
    expect(citations).to_be_hidden()
    page.keyboard.type(".\n\n" + UNCITED)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Table").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Image from the library").click()
    images = page.locator("#pulse-image-dialog")
    expect(images.locator(".editor-image-choice")).to_have_count(2)  # the cover and the chart
    images.get_by_label("Search the library").fill("chart")
    expect(images.locator(".editor-image-choice")).to_have_count(1)
    images.get_by_role("button", name="A bar chart of hours slept").click()
    expect(images).to_be_hidden()
    source = code.evaluate("e => e.CodeMirror.getValue()")
    assert source.startswith(f"Most adults need seven to nine hours of sleep[1].\n\n{UNCITED}\n")
    assert "| Column 1 | Column 2 | Column 3 |" in source
    assert source.rstrip().endswith(
        f'![A bar chart of hours slept](image:{library_image.pk} "Hours slept by age group")'
    )

    # 2. The side-by-side preview shows the table and the figure.
    page.get_by_role("button", name="Preview side by side").click()
    preview = page.frame_locator(".editor-preview-side iframe.editor-preview-frame")
    expect(preview.locator(".article-body table th").first).to_have_text("Column 1")
    figure = preview.locator(".article-body figure")
    expect(figure.locator("picture img")).to_have_attribute("alt", "A bar chart of hours slept")
    expect(figure.locator("figcaption")).to_contain_text("Hours slept by age group")
    expect(page.locator(".editor-autosave-status")).to_contain_text(
        "Unsaved changes kept on the server at", timeout=10_000
    )
    page.screenshot(path=screenshot_dir / "journey-1-writer-side-by-side-1280.png")

    # 3. The writer leaves without saving, comes back and restores the autosave.
    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    page.goto(url)
    offer = page.locator(".editor-notice-autosave")
    expect(offer).to_contain_text("You left unsaved changes in this form at")
    offer.get_by_role("link", name="Restore your unsaved changes from").click()
    expect(page.locator(".editor-notice-autosave")).to_contain_text(
        "Your unsaved changes are back in the form."
    )
    expect(page.locator(".CodeMirror-code")).to_contain_text(UNCITED)
    assert code.evaluate("e => e.CodeMirror.getValue()") == source
    # The checklist already judges the restored text, not the saved notes.
    citations_item = page.locator('.pre-publish-checklist [data-check="citations"]')
    expect(citations_item).to_contain_text(f"“{UNCITED}”")
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=screenshot_dir / "journey-2-writer-restored-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # 4. The writer sends it to review (the status offers no "published") and saves; the
    # checklist names the uncited sentence.
    status = page.locator("#id_status")
    offered = status.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert offered == ["draft", "review"]
    status.select_option("review")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    writers_draft.refresh_from_db()
    assert writers_draft.status == Article.Status.REVIEW
    assert UNCITED in writers_draft.body and "image:" in writers_draft.body
    page.goto(url)  # a writer may now only look at it
    expect(citations_item).to_contain_text("Warning")
    expect(citations_item).to_contain_text(f"“{UNCITED}”")
    expect(page.locator("#id_status")).to_have_count(0)  # no form to change any more
    citations_item.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "journey-3-writer-checklist-1280.png")

    # 5. The medical reviewer signs the review off.
    become(page, sign_in, medical_reviewer)
    page.goto(url)
    page.get_by_role("link", name="Sign off the medical review").click()
    expect(page.locator("#content-main")).to_contain_text("You sign off as Dr Lena Marsh")
    page.screenshot(path=screenshot_dir / "journey-4-reviewer-sign-off-1280.png")
    page.get_by_role("button", name="Yes, sign off").click()
    expect(page.locator(".messagelist")).to_contain_text("Medical review signed off for 1 article")
    expect(page.locator('.pre-publish-checklist [data-check="medical_review"]')).to_contain_text(
        "Pass"
    )

    # 6. An editor publishes it.
    become(page, sign_in, editor)
    page.goto(url)
    expect(page.locator(".pre-publish-checklist .checklist-block")).to_have_count(0)
    page.locator("#id_status").select_option("published")
    page.screenshot(path=screenshot_dir / "journey-5-editor-publishes-1280.png", full_page=True)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    writers_draft.refresh_from_db()
    assert writers_draft.is_public
    assert writers_draft.reviewer.name == "Dr Lena Marsh"

    # 7. A reader sees the figure: <picture> with WebP and JPEG srcsets, size, alt, caption.
    become(page, sign_in, None)
    page.goto(live_server.url + writers_draft.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("How much sleep do adults need?")
    expect(page.locator("main")).to_contain_text("Medically reviewed by Dr Lena Marsh")
    figure = page.locator(".article-body figure")
    expect(figure).to_have_count(1)
    webp = figure.locator("picture source[type='image/webp']")
    assert "w, " in webp.get_attribute("srcset") and ".webp" in webp.get_attribute("srcset")
    img = figure.locator("picture img")
    expect(img).to_have_attribute("alt", "A bar chart of hours slept")
    assert img.get_attribute("srcset").count("w") >= 2
    assert int(img.get_attribute("width")) > 0 and int(img.get_attribute("height")) > 0
    expect(figure.locator("figcaption")).to_contain_text("Hours slept by age group")
    figure.scroll_into_view_if_needed()
    img.evaluate("element => element.decode()")  # loaded, not a broken picture
    assert img.evaluate("element => element.naturalWidth") > 0
    page.screenshot(path=screenshot_dir / "journey-6-reader-figure-1280.png")
    assert csp_violations == []

"""The article form as a writing desk, in a real browser: it fits phone and desktop windows
with no serious axe violation; a writer uses the toolbar (bold, a table, a citation), sees
the live preview styled as the article page, waits for an autosave, leaves, comes back and
is offered the unsaved text; a second editor sees the lock and takes over; a save over a
newer version is refused with a comparison; and without JavaScript the textarea saves."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.autosave import ArticleAutosave
from articles.models import Article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = {"phone": 390, "desktop": 1280}


def change_url(live_server, article):
    return live_server.url + reverse("admin:articles_article_change", args=[article.pk])


def overflow(page):
    """How many pixels the page is wider than its window (0 when it fits)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_change_form_fits_and_passes_axe(
    page, live_server, editor, sign_in, referenced_article, serious_violations,
    screenshot_dir, csp_violations, width,
):  # fmt: skip
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    sign_in(page.context, editor)
    page.goto(change_url(live_server, referenced_article))
    expect(page.locator(".EasyMDEContainer .CodeMirror")).to_be_visible()
    # Every section open, as an editor working through the form would have them.
    page.evaluate("document.querySelectorAll('fieldset details').forEach(d => { d.open = true; })")
    expect(page.locator("#references-group textarea").first).to_be_visible()

    page.screenshot(path=screenshot_dir / f"article-form-{WIDTHS[width]}.png", full_page=True)
    assert overflow(page) <= 0
    assert csp_violations == []  # before axe-core, which applies inline styles as it runs
    assert serious_violations(page) == []


def test_a_writer_uses_the_toolbar_sees_the_preview_and_gets_the_autosave_back(
    page, live_server, editor, sign_in, referenced_article, settings, screenshot_dir,
    csp_violations,
):  # fmt: skip
    settings.PULSE_AUTOSAVE_SECONDS = 1  # the form's autosave interval, 15 s in production
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page.context, editor)
    page.goto(change_url(live_server, referenced_article))
    code = page.locator(".EasyMDEContainer .CodeMirror")
    expect(code).to_be_visible()

    # A fresh body: a sentence, bold, a citation chosen from the references, and a table.
    code.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("Sleep loss raises relapse risk ")
    page.get_by_role("button", name="Citation marker [n]").click()
    dialog = page.locator("#pulse-citation-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="[2] Volkow ND.").click()  # the second by position
    expect(dialog).to_be_hidden()
    page.keyboard.type(". ")
    page.get_by_role("button", name="Bold").click()
    page.keyboard.type("Talk to your doctor")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Table").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    # An image by its number (the media library's chooser replaces the number box).
    page.get_by_role("button", name="Image from the library").click()
    images = page.locator("#pulse-image-dialog")
    images.get_by_role("button", name="Insert").click()
    expect(images.locator("#pulse-image-error")).to_be_visible()  # a number and alt first
    images.get_by_label("Image number").fill("42")
    images.get_by_label("Description (alt text)").fill("A person asleep")
    images.get_by_label("Caption (optional)").fill('Rest "helps"')
    page.screenshot(path=screenshot_dir / "article-editor-image-dialog.png")
    images.get_by_role("button", name="Insert").click()
    expect(images).to_be_hidden()
    # The citation shortcut, then a number typed.
    page.keyboard.type(" Rest helps")
    page.keyboard.press("Control+Alt+R")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Reference number").fill("1")
    dialog.get_by_label("Reference number").press("Enter")
    expect(dialog).to_be_hidden()
    source = page.locator(".EasyMDEContainer .CodeMirror").evaluate("e => e.CodeMirror.getValue()")
    assert source.startswith("Sleep loss raises relapse risk [2]. **Talk to your doctor**\n\n")
    assert "| Column 1 | Column 2 | Column 3 |" in source
    assert source.endswith("![A person asleep](image:42 \"Rest 'helps'\") Rest helps[1]")

    page.get_by_role("button", name="Preview side by side").click()
    frame = page.frame_locator(".editor-preview-side iframe.editor-preview-frame")
    expect(frame.locator(".article-body strong")).to_have_text("Talk to your doctor")
    expect(frame.locator(".article-body table th").first).to_have_text("Column 1")
    expect(frame.locator(".article-body a[href='#ref-2']")).to_have_count(1)
    # Styled by the site's stylesheet (pulse.css), not the admin's.
    line_height = frame.locator(".article-body").evaluate(
        "e => getComputedStyle(e).lineHeight / 1 || getComputedStyle(e).lineHeight"
    )
    assert line_height
    border = frame.locator(".article-body th").first.evaluate(
        "e => getComputedStyle(e).borderTopColor"
    )
    assert border == "rgb(213, 219, 219)"  # .article-body th in static/css/pulse.css

    # Then the preview follows the typing.
    code.click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("## Why sleep matters\n\n")
    expect(frame.locator(".article-body h2")).to_have_text("Why sleep matters")

    expect(page.locator(".editor-autosave-status")).to_contain_text(
        "Unsaved changes kept on the server at", timeout=10_000
    )
    page.screenshot(path=screenshot_dir / "article-editor-side-by-side.png", full_page=True)
    kept = ArticleAutosave.objects.get(article=referenced_article, user=editor)
    assert kept.data["body"].startswith("## Why sleep matters")
    assert Article.objects.get(pk=referenced_article.pk).body == referenced_article.body

    # The writer leaves without saving and comes back.
    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    page.goto(change_url(live_server, referenced_article))
    offer = page.locator(".editor-notice-autosave")
    expect(offer).to_contain_text("You left unsaved changes in this form at")
    page.screenshot(path=screenshot_dir / "article-editor-restore-offer.png")
    offer.get_by_role("link", name="Restore your unsaved changes from").click()
    expect(page.locator(".editor-notice-autosave")).to_contain_text(
        "Your unsaved changes are back in the form."
    )
    expect(page.locator(".CodeMirror-code")).to_contain_text("Why sleep matters")
    expect(page.locator(".CodeMirror-code")).to_contain_text("**Talk to your doctor**")
    assert csp_violations == []


def test_without_javascript_the_plain_textarea_saves(
    browser, live_server, editor, sign_in, article, screenshot_dir
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    sign_in(context, editor)
    page.goto(change_url(live_server, article))
    body = page.locator("textarea#id_body")
    expect(body).to_be_visible()
    body.fill("Written without JavaScript.\n\n## A section\n\nText.")
    assert overflow(page) <= 0
    page.screenshot(path=screenshot_dir / "article-form-no-js-390.png", full_page=True)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.body.startswith("Written without JavaScript.")
    assert '<h2 id="a-section">A section</h2>' in article.body_html
    context.close()


def test_a_second_editor_sees_the_lock_and_takes_over(
    browser, page, live_server, editor, second_editor, sign_in, article, settings,
    screenshot_dir, csp_violations,
):  # fmt: skip
    settings.PULSE_AUTOSAVE_SECONDS = 1
    sign_in(page.context, editor)
    page.goto(change_url(live_server, article))
    expect(page.locator(".EasyMDEContainer .CodeMirror")).to_be_visible()

    dana = browser.new_context(viewport={"width": 390, "height": 900})
    sign_in(dana, second_editor)
    other = dana.new_page()
    other.goto(change_url(live_server, article))
    notice = other.locator(".editor-notice-lock").first
    expect(notice).to_contain_text("ed is editing this article (since")
    other.screenshot(path=screenshot_dir / "article-form-locked-390.png")
    notice.get_by_role("button", name="Take over").click()
    expect(other.locator(".messagelist")).to_contain_text("You are now editing this article.")
    expect(other.locator(".editor-notice-lock").first).to_be_hidden()

    # The first editor's next autosave (a heartbeat too) tells them.
    page.locator(".EasyMDEContainer .CodeMirror").click()
    page.keyboard.type(" More.")
    expect(page.locator("#editor-lock-lost")).to_contain_text(
        "Dana Editor is now editing this article", timeout=10_000
    )
    dana.close()
    assert csp_violations == []


def test_a_save_over_a_newer_version_is_refused_with_a_comparison(
    browser, page, live_server, editor, second_editor, sign_in, article, screenshot_dir,
    csp_violations, serious_violations,
):  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page.context, editor)
    page.goto(change_url(live_server, article))
    code = page.locator(".EasyMDEContainer .CodeMirror")
    expect(code).to_be_visible()

    dana = browser.new_context(viewport={"width": 1280, "height": 900})
    sign_in(dana, second_editor)
    other = dana.new_page()
    other.goto(change_url(live_server, article))
    other.locator("#id_title").fill("Dana's newer title")
    other.locator("input[name=_continue]").click()
    expect(other.locator(".messagelist")).to_contain_text("was changed successfully")
    dana.close()

    code.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nMy new closing paragraph.")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".errornote").first).to_contain_text("Please correct the error below.")
    expect(page.locator(".errorlist.nonfield")).to_contain_text(
        "Dana Editor saved this article at"
    )
    expect(page.locator(".CodeMirror-code")).to_contain_text("My new closing paragraph.")
    assert Article.objects.get(pk=article.pk).title == "Dana's newer title"

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Compare your text with the newer version").click()
    compare = opened.value
    expect(compare.locator(".editor-compare-table ins")).to_contain_text(
        ["My new closing paragraph."]
    )
    expect(compare.locator(".editor-compare-table del").first).to_have_text("Dana's newer title")
    compare.screenshot(path=screenshot_dir / "article-compare-1280.png", full_page=True)
    assert csp_violations == []  # before axe-core, which applies inline styles as it runs
    assert serious_violations(compare) == []
    compare.close()


def test_the_image_button_uses_the_media_library_s_chooser_when_there_is_one(
    page, live_server, editor, sign_in, article, csp_violations, make_library_image
):
    make_library_image(alt_text="A child asleep", caption="Rest")
    pills = make_library_image(alt_text="A pill organiser")
    sign_in(page.context, editor)
    page.goto(change_url(live_server, article))
    code = page.locator(".EasyMDEContainer .CodeMirror")
    code.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")

    page.get_by_role("button", name="Image from the library").click()
    dialog = page.locator("#pulse-image-dialog")
    expect(dialog.locator(".editor-image-choice")).to_have_count(2)
    dialog.get_by_label("Search the library").fill("pill")
    expect(dialog.locator(".editor-image-choice")).to_have_count(1)
    dialog.get_by_role("button", name="A pill organiser").click()

    expect(dialog).to_be_hidden()
    source = code.evaluate("e => e.CodeMirror.getValue()")
    assert source.endswith(f"\n![A pill organiser](image:{pills.pk})")
    assert csp_violations == []

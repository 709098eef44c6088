"""The editor sees the pre-publish checklist on the article form, compares two versions from
the history page and is asked before restoring one; the comparison has no serious axe
violation and no horizontal overflow at phone and desktop widths (the change form's own
checks belong to the editor's tests)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.helpers import write_markdown

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = {"phone": 390, "desktop": 1280}


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_checklist_then_comparison_then_restore(
    page, live_server, make_article, editor, sign_in, serious_violations, screenshot_dir,
    csp_violations, width,
):  # fmt: skip
    article = make_article(body="Sleep matters.\n\nAbout 64% of adults sleep badly.")
    article.title = "Trauma, recovery and better sleep"
    article.body = "Sleep matters a lot.\n\nAbout 64% of adults sleep badly [1]."
    article.save()
    article.references.create(position=1, citation="A sleep survey.", url="https://example.org")
    article.render_body(force=True)
    article.save()  # a third version, with the reference
    sign_in(page.context, editor)
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})

    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    panel = page.locator(".pre-publish-checklist")
    expect(panel).to_contain_text("Before publishing")
    expect(panel.locator('[data-check="medical_review"]')).to_contain_text("Blocks publishing")
    expect(panel.locator('[data-check="citations"]')).to_contain_text("Pass")
    write_markdown(page, "Nearly 40% of us nap after lunch.")
    page.locator("#id_summary").click()  # the body's change event: the panel follows
    expect(panel.locator('[data-check="citations"]')).to_contain_text(
        "“Nearly 40% of us nap after lunch.”"
    )
    page.screenshot(path=screenshot_dir / f"article-checklist-{WIDTHS[width]}.png", full_page=True)
    assert csp_violations == []  # before axe, which sets inline styles as it measures

    page.goto(live_server.url + reverse("admin:articles_article_history", args=[article.pk]))
    page.locator('input[name="old"]').last.check()  # the first version
    page.get_by_role("button", name="Compare the chosen versions").click()
    compare = page.locator(".revision-compare")
    expect(compare.locator("ins").first).to_be_visible()
    expect(compare).to_contain_text("A sleep survey.")
    page.screenshot(path=screenshot_dir / f"revision-compare-{WIDTHS[width]}.png", full_page=True)
    assert overflow(page) <= 0
    assert csp_violations == []
    assert serious_violations(page) == []
    csp_violations.clear()

    page.get_by_role("link", name="Restore this version").first.click()
    expect(page.get_by_role("button", name="Yes, restore this version")).to_be_visible()
    page.get_by_role("button", name="Yes, restore this version").click()
    expect(page.locator(".messagelist")).to_contain_text("is restored")
    article.refresh_from_db()
    assert article.title == "Trauma and recovery"
    assert article.references.count() == 0
    assert csp_violations == []

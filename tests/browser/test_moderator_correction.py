"""A moderator removes a phone number from a published comment on its page: readers see
the corrected text, and the original stays in the comment's history for moderators."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import CommentCorrection

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ORIGINAL = "Ring me on 07700 900123 and I will tell you what worked for my mum."
CORRECTED = "Reply here and I will tell you what worked for my mum."


def test_a_moderator_corrects_a_comment(
    browser, page, live_server, article, make_comment, moderator, sign_in, serious_violations,
    screenshot_dir, csp_violations,
):  # fmt: skip
    comment = make_comment(article, author_name="Lee", body=ORIGINAL)
    sign_in(page.context, moderator)
    page.goto(live_server.url + reverse("admin:comments_comment_change", args=[comment.pk]))
    page.get_by_label("Text (correct typos or remove personal data)").fill(CORRECTED)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".errornote")).to_be_visible()  # no reason given yet
    expect(page.get_by_text("Say why you corrected the text.")).to_be_visible()
    page.get_by_label("Why the text was corrected").fill("Removed a phone number")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "The comment by Lee is saved: the text is corrected"
    )
    history = page.locator(".inline-group", has_text="corrections")
    expect(history).to_contain_text(ORIGINAL)
    expect(history).to_contain_text("Removed a phone number")
    page.screenshot(path=screenshot_dir / "moderator-correction.png", full_page=True)
    assert csp_violations == []  # (axe-core itself applies inline styles as it runs)
    assert serious_violations(page) == []
    csp_violations.clear()
    assert CommentCorrection.objects.get().corrected_by == moderator

    page.get_by_role("link", name="View in thread").click()
    highlighted = page.locator(f"#comment-{comment.pk}")
    expect(highlighted).to_contain_text(CORRECTED)
    expect(page.get_by_text("07700 900123")).to_have_count(0)
    assert page.evaluate("location.hash") == f"#comment-{comment.pk}"  # :target highlights it
    assert csp_violations == []

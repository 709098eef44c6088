"""A moderator works the queue: clears ten comments with the keyboard alone (undoing one
decision on the way), then the same with JavaScript off using the row buttons, and replies
from the queue as staff.  Rows fit at phone and desktop widths, with no serious axe
violation and nothing blocked by the Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.helpers import QUEUE, fill_queue

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = {"phone": 390, "desktop": 1280}
# What the moderator decides, row by row from the top (newest first): a approve, s spam,
# d reject.
KEYS = "asdaasadaa"


@pytest.fixture
def ten_waiting(article, make_comment):
    """Ten pending comments: one long, one a reply, some with reasons."""
    return list(reversed(fill_queue(make_comment, article, 10)))  # as the queue shows them


def no_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def row(page, comment):
    return page.locator(f"#queue-row-{comment.pk}")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_queue_fits_and_passes_axe(
    page, live_server, moderator, sign_in, ten_waiting, serious_violations, screenshot_dir,
    csp_violations, width,
):  # fmt: skip
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    sign_in(page.context, moderator)
    page.goto(live_server.url + QUEUE)
    expect(page.locator("tr.queue-row")).to_have_count(10)
    long_one = row(page, ten_waiting[7])  # the third oldest has eight paragraphs
    expect(long_one.locator(".queue-body")).to_contain_text("Paragraph 1")
    page.screenshot(path=screenshot_dir / f"moderator-queue-{WIDTHS[width]}.png", full_page=True)
    assert no_horizontal_overflow(page)
    # Folded after about eight lines; "Show all" unfolds it.
    folded = long_one.locator(".queue-body").bounding_box()["height"]
    long_one.get_by_text("Show all").click()
    assert long_one.locator(".queue-body").bounding_box()["height"] > folded * 1.5
    long_one.locator(".queue-reply summary").click()
    page.screenshot(path=screenshot_dir / f"moderator-queue-open-{WIDTHS[width]}.png",
                    full_page=True)  # fmt: skip
    assert no_horizontal_overflow(page)
    assert csp_violations == []  # before axe-core, which applies inline styles as it runs
    assert serious_violations(page) == []


def test_a_moderator_clears_the_queue_with_the_keyboard(
    page, live_server, moderator, sign_in, ten_waiting, screenshot_dir, csp_violations
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page.context, moderator)
    page.goto(live_server.url + QUEUE)
    body = page.locator("body")

    body.press("?")
    expect(page.locator("#queue-shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#queue-shortcuts")).to_be_hidden()

    page.keyboard.press("j")
    expect(row(page, ten_waiting[0])).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(row(page, ten_waiting[0])).to_be_focused()
    page.screenshot(path=screenshot_dir / "moderator-queue-keyboard-focus.png")

    # x selects the comment for a bulk action (the admin's own counter follows).
    page.keyboard.press("x")
    expect(page.locator(".action-counter")).to_have_text("1 of 10 selected")
    page.keyboard.press("x")
    expect(page.locator(".action-counter")).to_have_text("0 of 10 selected")

    # Keys typed into the reply box are text, not shortcuts.
    page.keyboard.press("r")
    reply_box = row(page, ten_waiting[0]).locator("textarea")
    expect(reply_box).to_be_focused()
    page.keyboard.type("a s d")
    expect(reply_box).to_have_value("a s d")
    page.keyboard.press("Escape")
    expect(row(page, ten_waiting[0])).to_be_focused()

    for index, key in enumerate(KEYS):
        current = ten_waiting[index]
        expect(row(page, current)).to_be_focused()
        page.keyboard.press(key)
        expect(row(page, current)).to_have_class(re.compile(r"\bis-done\b"))
        if index == 2:  # changes their mind about the third one, and decides it again
            expect(page.locator("#queue-status")).to_have_text(
                "The comment by Reader 7 is rejected."
            )
            page.screenshot(path=screenshot_dir / "moderator-queue-keyboard-done.png")
            page.keyboard.press("u")
            expect(row(page, current)).not_to_have_class(re.compile(r"\bis-done\b"))
            expect(row(page, current)).to_be_focused()
            page.keyboard.press(key)
            expect(row(page, current)).to_have_class(re.compile(r"\bis-done\b"))

    expect(page.get_by_role("link", name=re.compile("Every comment on this page"))).to_be_focused()
    expected = {"a": "approved", "s": "spam", "d": "rejected"}
    for comment, key in zip(ten_waiting, KEYS, strict=True):
        comment.refresh_from_db()
        assert (comment.status, comment.moderated_by) == (expected[key], moderator)
    page.reload()
    expect(page.get_by_text("Nothing waits here.")).to_be_visible()
    assert csp_violations == []


def test_a_moderator_clears_the_queue_without_javascript(
    browser, live_server, moderator, sign_in, ten_waiting, screenshot_dir
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390,
                                                                       "height": 900})  # fmt: skip
    sign_in(context, moderator)
    page = context.new_page()
    page.goto(live_server.url + QUEUE + "?status=pending")
    labels = {"a": "Approve", "s": "Spam", "d": "Reject"}
    for index, key in enumerate(KEYS):
        current = ten_waiting[index]
        row(page, current).get_by_role("button", name=labels[key], exact=True).click()
        # Back on the same filter, at the next row, with the decision in a sentence.
        assert "?status=pending" in page.url
        if index + 1 < len(ten_waiting):
            assert page.url.endswith(f"#queue-row-{ten_waiting[index + 1].pk}")
        expect(page.locator(".messagelist")).to_contain_text(
            f"The comment by {current.author_name}"
        )
        if index == 0:
            page.screenshot(path=screenshot_dir / "moderator-queue-nojs-after-one.png",
                            full_page=True)  # fmt: skip
            page.get_by_role("button", name="Undo").click()
            expect(page.locator(".messagelist")).to_contain_text("Undone.")
            expect(row(page, current)).to_be_visible()
            row(page, current).get_by_role("button", name=labels[key], exact=True).click()
    expect(page.get_by_text("Nothing waits here.")).to_be_visible()
    statuses = {"a": "approved", "s": "spam", "d": "rejected"}
    assert [Comment.objects.get(pk=c.pk).status for c in ten_waiting] == [
        statuses[k] for k in KEYS
    ]
    context.close()


def test_a_moderator_replies_from_the_queue(
    browser, page, live_server, article, moderator, sign_in, ten_waiting, screenshot_dir,
    csp_violations,
):  # fmt: skip
    moderator.first_name = "Morgan"
    moderator.save()
    sign_in(page.context, moderator)
    page.goto(live_server.url + QUEUE)
    question = ten_waiting[0]
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.keyboard.type("Thank you for asking; please talk to your pharmacist first.")
    page.screenshot(path=screenshot_dir / "moderator-queue-reply.png")
    page.keyboard.press("Control+Enter")
    expect(row(page, question)).to_have_class(re.compile(r"\bis-done\b"))
    expect(page.locator("#queue-status")).to_have_text(
        f"Your reply to {question.author_name} is published, and their comment is approved."
    )
    expect(row(page, ten_waiting[1])).to_be_focused()

    reader = browser.new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    answered = reader.locator(f"#comment-{question.pk}")
    expect(answered).to_contain_text(question.body)
    staff_reply = answered.locator(".comment-replies .comment").first
    expect(staff_reply).to_contain_text("Thank you for asking")
    expect(staff_reply.locator(".staff-badge")).to_have_text("Staff")
    expect(staff_reply).to_contain_text("Morgan")
    answered.screenshot(path=screenshot_dir / "moderator-reply-in-thread.png")
    reader.close()
    assert csp_violations == []

"""A reader reads an article and replies to a comment, without JavaScript and with it; a
moderator approves the reply in the admin; the reader sees it on reload."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import Comment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def write_comment(page, name, body):
    page.locator("#id_author_name").fill(name)
    page.locator("#id_author_email").fill("reader@example.com")
    page.locator("#id_body").fill(body)
    page.get_by_role("button", name="Post comment").click()


def test_reply_without_javascript(browser, live_server, article, thread):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)

    page.get_by_role("link", name="Reply to Alice Ames").click()

    assert f"replyto={thread['alice'].pk}" in page.url
    expect(page.locator("[data-reply-context]")).to_contain_text("Replying to Alice Ames")
    write_comment(page, "Nora No-Script", "Replying with JavaScript switched off.")

    expect(page.get_by_text("Your comment is awaiting moderation")).to_be_visible()
    reply = Comment.objects.get(author_name="Nora No-Script")
    assert (reply.parent, reply.status) == (thread["alice"], Comment.Status.PENDING)
    context.close()


def test_reply_with_javascript_then_moderator_approves(
    browser, page, live_server, article, thread, moderator, sign_in, csp_violations
):
    page.goto(live_server.url + article.get_absolute_url())
    bob = thread["bob"]

    page.get_by_role("link", name="Reply to Bob Bell").click()

    # The form moved under Bob's comment without a page load.
    expect(page.locator(f"#comment-{bob.pk} > #write-comment")).to_be_visible()
    assert "replyto" not in page.url
    expect(page.locator("[data-reply-context]")).to_contain_text("Replying to Bob Bell")
    write_comment(page, "Jo Script", "A reply written with JavaScript on.")
    expect(page.get_by_text("Your comment is awaiting moderation")).to_be_visible()
    reply = Comment.objects.get(author_name="Jo Script")
    assert (reply.parent, reply.status) == (bob, Comment.Status.PENDING)
    # Its author sees it in place, marked; another reader does not see it at all.
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("Awaiting moderation")
    stranger = browser.new_context()
    other = stranger.new_page()
    other.goto(live_server.url + article.get_absolute_url())
    expect(other.get_by_text("A reply written with JavaScript on.")).to_have_count(0)
    stranger.close()

    moderation = browser.new_context()
    sign_in(moderation, moderator)
    admin = moderation.new_page()
    admin.goto(live_server.url + reverse("admin:comments_comment_changelist"))
    admin.locator("tr", has_text="Jo Script").locator("input[name=_selected_action]").check()
    admin.locator("select[name=action]").select_option("approve")
    admin.get_by_role("button", name="Go").click()
    expect(admin.locator(".messagelist")).to_contain_text("approved")
    moderation.close()

    page.reload()
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text(
        "A reply written with JavaScript on."
    )
    assert csp_violations == []

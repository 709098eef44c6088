"""The one-click approve / reject links in moderators' emails are bound to what the email
showed.  GET shows a confirmation page with the comment as it is now; only the POST acts.
A link is refused, with a page saying why, once the comment's text or status changed
since the email, or once it was used; and it still needs a signed-in moderator."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments import services
from comments.models import Comment
from tests.helpers import SAME_ORIGIN, email_link, post_comment

QUEUE = reverse("admin:comments_comment_changelist")


@pytest.fixture
def held(client, article, human_post, moderator, django_capture_on_commit_callbacks):
    """A comment waiting for review, the browser that posted it, and the email the
    moderators got: {"comment", "author", "approve", "reject"}."""
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, human_post)
    (message,) = mail.outbox
    return {
        "comment": Comment.objects.get(),
        "author": client,
        "approve": email_link(message, "Approve"),
        "reject": email_link(message, "Reject"),
    }


@pytest.fixture
def moderator_browser(moderator):
    """A browser signed in as a moderator."""
    browser = Client()
    browser.force_login(moderator)
    return browser


def status(held):
    held["comment"].refresh_from_db()
    return held["comment"].status


def test_get_shows_the_comment_and_a_button_and_changes_nothing(moderator_browser, held):
    response = moderator_browser.get(held["approve"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Approve this comment?" in html
    assert "This helped me understand" in html
    assert '<form method="post">' in html and 'type="submit"' in html
    assert status(held) == Comment.Status.PENDING


def test_post_acts(moderator_browser, held):
    response = moderator_browser.post(held["approve"])
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert status(held) == Comment.Status.APPROVED


def test_a_link_works_once(moderator_browser, held):
    moderator_browser.post(held["approve"])
    for again in (moderator_browser.get(held["approve"]), moderator_browser.post(held["approve"])):
        assert again.status_code == 409
        assert "This link was already used." in again.content.decode()


def test_refused_once_the_text_changed_since_the_email(moderator_browser, held):
    held["author"].post(reverse("comments:edit", args=[held["comment"].pk]),
                        {"body": "Something else entirely, with a link-free twist."})  # fmt: skip
    for response in (
        moderator_browser.get(held["approve"]),
        moderator_browser.post(held["approve"]),
    ):
        assert response.status_code == 409
        html = response.content.decode()
        assert "changed since the email was sent" in html
        assert "Something else entirely" in html  # the comment as it is now
    assert status(held) == Comment.Status.PENDING


def test_refused_once_the_status_changed_since_the_email(moderator_browser, moderator, held):
    services.moderate(Comment.objects.all(), Comment.Status.APPROVED, moderator=moderator)
    response = moderator_browser.post(held["reject"])
    assert response.status_code == 409
    assert "changed since the email was sent" in response.content.decode()
    assert status(held) == Comment.Status.APPROVED


def test_an_old_link_cannot_bring_back_a_reported_comment(moderator_browser, held):
    moderator_browser.post(held["approve"])
    for n in range(3):  # three readers report it; it is hidden for review
        url = reverse("comments:report", args=[held["comment"].pk])
        Client(**SAME_ORIGIN).post(url, {"reason": "spam"}, REMOTE_ADDR=f"192.0.2.{n + 1}")
    assert status(held) == Comment.Status.PENDING
    assert moderator_browser.post(held["approve"]).status_code == 409
    assert status(held) == Comment.Status.PENDING


def test_still_needs_a_signed_in_moderator(editor, held):
    anonymous = Client()
    for response in (anonymous.get(held["approve"]), anonymous.post(held["approve"])):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    other_staff = Client()
    other_staff.force_login(editor)
    assert other_staff.post(held["approve"]).status_code == 403
    assert status(held) == Comment.Status.PENDING

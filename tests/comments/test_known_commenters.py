"""Under "known commenters", an email counts as known only with proof: from the browser
that posted an earlier approved comment under it, or once its owner followed the one-time
confirmation link we email.  A typed email alone publishes nothing."""

import pytest
from django.core import mail
from django.test import Client

from comments import services
from comments.models import Comment, DiscussionSettings
from tests.helpers import comment_messages, email_link, post_comment

KNOWN = {"author_name": "Kim Known", "author_email": "kim@example.com"}


@pytest.fixture
def known_mode(discussion):
    discussion.moderation = DiscussionSettings.Moderation.KNOWN_COMMENTERS
    discussion.save()
    return discussion


@pytest.fixture
def kims_browser(article, human_post, moderator, known_mode):
    """The browser Kim posted from; a moderator approved that comment."""
    browser = Client()
    post_comment(browser, article, human_post | KNOWN | {"body": "My first comment here."})
    services.moderate(Comment.objects.all(), Comment.Status.APPROVED, moderator=moderator)
    return browser


def status_of(body):
    return Comment.objects.get(body=body).status


def test_a_typed_email_is_not_proof(article, human_post, kims_browser):
    post_comment(Client(), article, human_post | KNOWN | {"body": "Posing as Kim."})
    assert status_of("Posing as Kim.") == Comment.Status.PENDING


def test_the_browser_of_an_earlier_approved_comment_is_known(article, human_post, kims_browser):
    response = post_comment(kims_browser, article, human_post | KNOWN | {"body": "Kim again."})
    assert status_of("Kim again.") == Comment.Status.APPROVED
    page = kims_browser.get(response["Location"]).content.decode()
    assert "Thank you, Kim Known. Your comment is published." in comment_messages(page)


def test_the_emailed_link_proves_the_address_once(
    article, human_post, kims_browser, django_capture_on_commit_callbacks
):
    laptop = Client()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(laptop, article, human_post | KNOWN | {"body": "From my laptop."})
    (confirmation,) = [m for m in mail.outbox if m.to == ["kim@example.com"]]
    url = email_link(confirmation, "confirm it here[^:]*")
    assert "From my laptop." in laptop.get(url).content.decode()  # GET only asks
    assert status_of("From my laptop.") == Comment.Status.PENDING

    assert laptop.post(url).status_code == 200  # Kim presses the button
    assert status_of("From my laptop.") == Comment.Status.APPROVED
    again = laptop.post(url)
    assert again.status_code == 409
    assert "already used" in again.content.decode()

    # From now on the laptop is known for this address.
    post_comment(laptop, article, human_post | KNOWN | {"body": "Laptop again."})
    assert status_of("Laptop again.") == Comment.Status.APPROVED


def test_confirming_does_not_publish_what_the_checks_held(
    article, human_post, kims_browser, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(Client(), article, human_post | KNOWN | {"body": "Call me on 07700 900123."})
    assert not [m for m in mail.outbox if m.to == ["kim@example.com"]]
    assert status_of("Call me on 07700 900123.") == Comment.Status.PENDING


def test_the_answer_never_says_whether_an_address_has_history(article, human_post, kims_browser):
    answers = []
    for email in ("kim@example.com", "nobody@example.com"):
        browser = Client()
        data = human_post | {"author_email": email, "body": f"A question from {email}."}
        response = post_comment(browser, article, data)
        page = browser.get(response["Location"]).content.decode()
        answers.append((response.status_code, response["Location"], sorted(response.cookies),
                        comment_messages(page)))  # fmt: skip
    assert answers[0] == answers[1]

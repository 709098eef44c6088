"""What a moderator approved is what readers see: an edit of an approved comment waits
beside it (under "hold every comment" and "known commenters"), the queue shows it as a
word diff against the approved text, and one action approves or rejects it.  Every edit
goes through the checks again."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments.models import Comment, DiscussionSettings
from tests.helpers import email_link, post_comment

QUEUE = reverse("admin:comments_comment_changelist")
APPROVED_TEXT = "Magnesium helped my migraines a little."
EDITED_TEXT = "Magnesium cured my migraines completely."


@pytest.fixture
def my_approved_comment(client, article, human_post, moderator, discussion):
    """A comment this test's client posted minutes ago, which a moderator approved."""
    post_comment(client, article, human_post | {"body": APPROVED_TEXT})
    comment = Comment.objects.get()
    queue = Client()
    queue.force_login(moderator)
    queue.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    return comment


def edit(client, comment, body):
    return client.post(reverse("comments:edit", args=[comment.pk]), {"body": body}, follow=True)


HOLDING = [DiscussionSettings.Moderation.HOLD_ALL, DiscussionSettings.Moderation.KNOWN_COMMENTERS]


@pytest.mark.parametrize("mode", HOLDING)
def test_readers_keep_the_approved_text_while_an_edit_waits(
    client, article, my_approved_comment, discussion, mode
):
    discussion.moderation = mode
    discussion.save()
    response = edit(client, my_approved_comment, EDITED_TEXT)
    assert "once a moderator approves them" in response.content.decode()
    for viewer in (client, Client()):
        html = viewer.get(article.get_absolute_url()).content.decode()
        assert APPROVED_TEXT in html
        assert EDITED_TEXT not in html
    feed = Client().get(reverse("comments:feed", kwargs={"slug": article.slug})).content.decode()
    assert APPROVED_TEXT in feed and EDITED_TEXT not in feed
    my_approved_comment.refresh_from_db()
    assert (my_approved_comment.status, my_approved_comment.body) == (
        Comment.Status.APPROVED,
        APPROVED_TEXT,
    )
    assert my_approved_comment.pending_body == EDITED_TEXT


def test_the_queue_shows_the_edit_as_a_word_diff(client, moderator, my_approved_comment):
    edit(client, my_approved_comment, EDITED_TEXT)
    queue = Client()
    queue.force_login(moderator)
    html = queue.get(QUEUE).content.decode()  # the default, pending, list
    row = html[html.index(f'value="{my_approved_comment.pk}"') :]
    diff = re.search(r'<div class="pulse-diff">(.*?)</div>', row, re.S).group(1)
    assert re.sub(r"\s+", " ", re.sub(r' title="[^"]*"', "", diff)) == (
        "Magnesium <del>helped</del><ins>cured</ins> my migraines <del>a little.</del>"
        "<ins>completely.</ins>"
    )
    assert "Edit waiting" in row
    change = queue.get(reverse("admin:comments_comment_change", args=[my_approved_comment.pk]))
    assert "<del" in change.content.decode() and "<ins" in change.content.decode()


def test_approving_publishes_the_edit_in_one_action(
    client, article, moderator, my_approved_comment
):
    edit(client, my_approved_comment, EDITED_TEXT)
    queue = Client()
    queue.force_login(moderator)
    queue.post(QUEUE, {"action": "approve", "_selected_action": [my_approved_comment.pk]})
    html = Client().get(article.get_absolute_url()).content.decode()
    assert EDITED_TEXT in html and APPROVED_TEXT not in html
    my_approved_comment.refresh_from_db()
    assert (my_approved_comment.pending_body, my_approved_comment.pending_since) == ("", None)
    assert my_approved_comment.edited_at is not None
    assert "Magnesium cured" not in queue.get(QUEUE).content.decode()


@pytest.mark.parametrize("action", ["reject", "reject_misinformation"])
def test_rejecting_discards_the_edit_and_keeps_the_approved_text(
    client, article, moderator, my_approved_comment, action
):
    edit(client, my_approved_comment, EDITED_TEXT)
    queue = Client()
    queue.force_login(moderator)
    queue.post(QUEUE, {"action": action, "_selected_action": [my_approved_comment.pk]})
    my_approved_comment.refresh_from_db()
    assert my_approved_comment.status == Comment.Status.APPROVED
    assert (my_approved_comment.body, my_approved_comment.pending_body) == (APPROVED_TEXT, "")
    assert APPROVED_TEXT in Client().get(article.get_absolute_url()).content.decode()


def test_every_edit_goes_through_the_checks(client, my_approved_comment, discussion):
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.save()
    edit(client, my_approved_comment, "Corrected: it helped my migraines a little.")
    my_approved_comment.refresh_from_db()
    assert my_approved_comment.body.startswith("Corrected")  # clean: published at once
    edit(client, my_approved_comment, "Buy cheap magnesium online at pills-shop.example now")
    my_approved_comment.refresh_from_db()
    assert my_approved_comment.body.startswith("Corrected")  # flagged: held beside it
    assert my_approved_comment.pending_body.startswith("Buy cheap")
    assert "spam_pattern" in [reason["code"] for reason in my_approved_comment.reasons]


def test_moderators_hear_about_a_held_edit_and_its_link_decides_it(
    client, article, moderator, my_approved_comment, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, my_approved_comment, EDITED_TEXT)
    (message,) = mail.outbox
    assert message.subject.startswith("Edit held for review")
    assert APPROVED_TEXT in message.body and EDITED_TEXT in message.body
    queue = Client()
    queue.force_login(moderator)
    url = email_link(message, "Approve")
    assert "<del" in queue.get(url).content.decode()
    queue.post(url)
    assert EDITED_TEXT in Client().get(article.get_absolute_url()).content.decode()

"""A moderator corrects a comment from its page (a typo; a phone number the commenter
posted about themselves): readers see the corrected text, the original is kept in the
moderation history with who and why, and the log says so with a reason code."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from comments import privacy
from comments.links import comment_url
from comments.models import Comment, CommentCorrection
from tests.helpers import form_fields

ORIGINAL = "Call me on 07700 900123 if you want to talk about tapering."
CORRECTED = "Reply here if you want to talk about tapering."


@pytest.fixture
def phone_comment(article, make_comment):
    """A published comment in which the commenter gave their phone number."""
    return make_comment(article, author_name="Lee", author_email="lee@example.com",
                        body=ORIGINAL)  # fmt: skip


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def correct(client, comment, **changes):
    data = form_fields(client.get(change_url(comment)).content.decode(), "comment_form")
    data.update(changes)
    return client.post(change_url(comment), data)


def test_a_correction_keeps_the_original(client, moderator, article, phone_comment):
    client.force_login(moderator)
    response = correct(client, phone_comment, body=CORRECTED, why="Removed a phone number")
    assert response.status_code == 302
    phone_comment.refresh_from_db()
    assert phone_comment.body == CORRECTED
    assert phone_comment.status == Comment.Status.APPROVED  # still published
    correction = CommentCorrection.objects.get(comment=phone_comment)
    assert (correction.old_body, correction.new_body, correction.why, correction.corrected_by) == (
        ORIGINAL, CORRECTED, "Removed a phone number", moderator,
    )  # fmt: skip

    message = client.get(response["Location"]).content.decode()
    assert "The comment by Lee is saved: the text is corrected" in message

    thread = client.get(article.get_absolute_url()).content.decode()
    assert CORRECTED in thread and "07700" not in thread

    page = client.get(change_url(phone_comment)).content.decode()
    assert "corrections (the original text is kept)" in page.lower()
    assert ORIGINAL in page  # in the history, for moderators


def test_the_log_says_who_and_why_without_the_removed_text(client, moderator, phone_comment):
    client.force_login(moderator)
    client.post(  # an earlier action logged the comment under its first words
        reverse("admin:comments_comment_decide", args=[phone_comment.pk]),
        {"decision": "reject"},
    )
    correct(client, phone_comment, body=CORRECTED, why="Removed a phone number",
            status="approved")  # fmt: skip
    entries = LogEntry.objects.filter(object_id=str(phone_comment.pk)).order_by("pk")
    messages = [e.get_change_message() for e in entries]
    assert "Text corrected: Removed a phone number (reason: corrected)." in messages
    assert "Status set to Approved (reason: edited_approved)." in messages
    assert all(e.user == moderator for e in entries)
    assert not any("07700" in e.object_repr for e in entries)
    assert len(messages) == 3  # the services' own lines; no generic "Changed body."


def test_a_correction_needs_a_reason(client, moderator, phone_comment):
    client.force_login(moderator)
    response = correct(client, phone_comment, body=CORRECTED, why="")
    assert response.status_code == 200
    assert "Say why you corrected the text." in response.content.decode()
    phone_comment.refresh_from_db()
    assert phone_comment.body == ORIGINAL


def test_a_comment_cannot_be_emptied(client, moderator, phone_comment):
    client.force_login(moderator)
    response = correct(client, phone_comment, body="   ", why="Nothing left")
    assert "A comment cannot be left empty; reject it instead." in response.content.decode()


def test_saving_without_changes_changes_nothing(client, moderator, phone_comment):
    client.force_login(moderator)
    response = correct(client, phone_comment)
    assert "Nothing was changed." in client.get(response["Location"]).content.decode()
    assert not CommentCorrection.objects.exists()
    assert not LogEntry.objects.exists()


def test_only_status_and_text_are_editable(client, moderator, phone_comment):
    client.force_login(moderator)
    correct(client, phone_comment, author_name="Someone else", author_email="x@example.com",
            urgent="on")  # fmt: skip
    phone_comment.refresh_from_db()
    assert (phone_comment.author_name, phone_comment.author_email) == ("Lee", "lee@example.com")


def test_editors_cannot_correct(client, editor, phone_comment):
    client.force_login(editor)
    assert client.get(change_url(phone_comment)).status_code == 403


def test_erasing_a_commenter_erases_the_originals_too(moderator, phone_comment):
    from comments import services

    services.correct_comment(phone_comment, CORRECTED, by=moderator, why="Phone number")
    privacy.erase_commenter("LEE@example.com", by=moderator)
    correction = CommentCorrection.objects.get()
    assert ORIGINAL not in (correction.old_body + correction.new_body)


def test_the_change_page_links_to_the_thread_and_to_reply(client, moderator, phone_comment):
    client.force_login(moderator)
    page = client.get(change_url(phone_comment)).content.decode()
    assert f'href="{comment_url(phone_comment)}">View in thread' in page
    assert reverse("admin:comments_comment_reply", args=[phone_comment.pk]) in page

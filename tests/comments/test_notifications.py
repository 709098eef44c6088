"""Emails about comments: moderators hear about held ones (with one-click links that still
need a signed-in moderator), commenters hear what they opted in to and can unsubscribe in
one click, and a broken mail server never costs a comment or a request."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from comments import services, tokens
from comments.models import Comment
from comments.tasks import send_notification
from tests.helpers import post_comment

QUEUE = reverse("admin:comments_comment_changelist")


def link(message, label):
    """The path of the link after ``label`` in a plain-text email."""
    return urlsplit(re.search(rf"{label}:\s+(\S+)", message.body).group(1)).path


@pytest.fixture
def held_comment(
    client, article, human_post, moderator, editor, django_capture_on_commit_callbacks
):
    """A reader's comment waiting for review, and the email it sent the moderators."""
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, human_post)
    return Comment.objects.get()


def test_moderators_are_emailed_about_a_held_comment(held_comment):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mod@example.com"]  # not the editor, not the commenter
    assert "Trauma and recovery" in message.subject
    assert held_comment.body in message.body
    assert link(message, "Approve").startswith("/comments/moderate/")
    assert link(message, "Reject").startswith("/comments/moderate/")


def test_an_urgent_comment_says_so_in_the_subject(
    client, article, human_post, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, human_post | {"body": "I want to die."})
    assert mail.outbox[0].subject.startswith("[URGENT]")


def test_approve_link_approves_for_a_signed_in_moderator(client, moderator, held_comment):
    client.force_login(moderator)
    url = link(mail.outbox[0], "Approve")
    confirmation = client.get(url)  # shows the comment and a button; changes nothing
    assert confirmation.status_code == 200
    assert (
        "This helped me understand my brother&#x27;s treatment." in confirmation.content.decode()
    )
    held_comment.refresh_from_db()
    assert held_comment.status == Comment.Status.PENDING
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0].startswith(QUEUE)
    assert "Comment by Jamie Reader: Approved." in response.content.decode()
    held_comment.refresh_from_db()
    assert held_comment.status == Comment.Status.APPROVED
    assert (held_comment.moderated_by, held_comment.moderation_reason) == (
        moderator,
        "email_approve",
    )


def test_reject_link_rejects(client, moderator, held_comment):
    client.force_login(moderator)
    client.post(link(mail.outbox[0], "Reject"))
    held_comment.refresh_from_db()
    assert held_comment.status == Comment.Status.REJECTED


def test_anonymous_visitor_is_sent_to_sign_in(client, held_comment):
    url = link(mail.outbox[0], "Approve")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    held_comment.refresh_from_db()
    assert held_comment.status == Comment.Status.PENDING


def test_a_signed_in_non_moderator_is_refused(client, editor, held_comment):
    client.force_login(editor)
    assert client.get(link(mail.outbox[0], "Approve")).status_code == 403
    held_comment.refresh_from_db()
    assert held_comment.status == Comment.Status.PENDING


@pytest.mark.parametrize("kind", ["tampered", "garbage", "unsubscribe", "unknown action"])
def test_a_tampered_or_foreign_token_is_404(client, moderator, held_comment, kind):
    client.force_login(moderator)
    real = link(mail.outbox[0], "Approve").rstrip("/").rsplit("/", 1)[1]
    token = {
        "tampered": real[:-2] + ("xx" if not real.endswith("xx") else "yy"),
        "garbage": "approve",
        "unsubscribe": tokens.unsubscribe_token(held_comment.pk, "reply"),
        "unknown action": tokens.moderation_token(
            held_comment.pk, "delete", tokens.link_state(held_comment)
        ),
    }[kind]
    url = reverse("comments:moderate", kwargs={"token": token})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    held_comment.refresh_from_db()
    assert held_comment.status == Comment.Status.PENDING


def test_opted_in_commenter_hears_once_when_published_and_can_unsubscribe(
    client, article, human_post, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, human_post | {"notify_on_approval": "on"})
    mail.outbox.clear()
    comments = Comment.objects.all()
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(comments, Comment.Status.APPROVED, moderator=moderator)
        services.moderate(comments, Comment.Status.APPROVED, moderator=moderator)

    assert [m.to for m in mail.outbox] == [["jamie@example.com"]]
    assert "is published" in mail.outbox[0].subject
    url = link(mail.outbox[0], "Stop these emails")
    assert "Unsubscribe?" in client.get(url).content.decode()  # a button, nothing done yet
    assert Comment.objects.get().notify_on_approval
    response = client.post(url)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not Comment.objects.get().notify_on_approval


def test_no_email_to_a_commenter_who_did_not_opt_in(
    client, article, human_post, moderator, django_capture_on_commit_callbacks
):
    post_comment(client, article, human_post)
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(Comment.objects.all(), Comment.Status.APPROVED, moderator=moderator)
    assert mail.outbox == []


def test_a_forged_unsubscribe_link_is_404(client, db):
    url = reverse("comments:unsubscribe", kwargs={"token": "forged:token"})
    assert client.get(url).status_code == 404


@pytest.fixture
def parent(article, make_comment):
    """A published comment whose author asked to hear about replies."""
    return make_comment(
        article, author_name="Pat", author_email="pat@example.com", notify_on_reply=True
    )


def approve_reply(article, parent, moderator, capture, **fields):
    values = {"name": "Robin", "email": "robin@example.com", "body": "Same here, Pat."}
    values.update(fields)
    reply = services.post_comment(article=article, parent=parent, form_age=60.0, **values).comment
    mail.outbox.clear()
    with capture(execute=True):
        services.moderate(Comment.objects.filter(pk=reply.pk), Comment.Status.APPROVED,
                          moderator=moderator)  # fmt: skip
    return mail.outbox


def test_reply_notifies_the_opted_in_parent(
    article, parent, moderator, django_capture_on_commit_callbacks
):
    outbox = approve_reply(article, parent, moderator, django_capture_on_commit_callbacks)
    assert [m.to for m in outbox] == [["pat@example.com"]]
    assert "Robin replied to your comment" in outbox[0].subject
    assert "Same here, Pat." in outbox[0].body
    assert link(outbox[0], "Stop emails about replies").startswith("/comments/unsubscribe/")


def test_no_reply_email_without_opt_in_or_to_oneself(
    article, parent, moderator, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert approve_reply(article, parent, moderator, capture, email="PAT@example.com") == []
    parent.notify_on_reply = False
    parent.save()
    assert approve_reply(article, parent, moderator, capture, body="Other words.") == []


def test_no_reply_email_while_the_reply_is_held(
    client, article, parent, human_post, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, human_post | {"parent": parent.pk})
    assert [m.to for m in mail.outbox] == [["mod@example.com"]]


@pytest.fixture
def broken_mail_server(settings):
    """SMTP to a closed local port: every send fails at once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    settings.EMAIL_TIMEOUT = 2


def test_broken_mail_server_never_loses_the_comment(
    client, article, human_post, moderator, broken_mail_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_comment(client, article, human_post)
    assert response.status_code == 302
    assert callbacks  # the email was queued for after the commit, not sent in the request
    assert Comment.objects.get().status == Comment.Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation" in page


def test_failed_sends_are_retried_then_given_up(
    article, make_comment, moderator, broken_mail_server, settings, caplog
):
    settings.PULSE_EMAIL_ATTEMPTS = 3
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    comment = make_comment(article, status=Comment.Status.PENDING)
    backend = send_notification.get_backend()

    assert send_notification.call("moderators_held", comment.pk) == 0
    assert send_notification.call("moderators_held", comment.pk, 2) == 0
    retries = [(r.args, r.task.run_after) for r in backend.results]
    assert [args for args, _when in retries] == [
        ["moderators_held", comment.pk, 2],
        ["moderators_held", comment.pk, 3],
    ]
    assert retries[0][1] < retries[1][1]  # backing off

    with pytest.raises(OSError):  # the worker records the failure; no request is involved
        send_notification.call("moderators_held", comment.pk, 3)
    assert len(backend.results) == 2
    assert "Giving up on moderators_held email" in caplog.text

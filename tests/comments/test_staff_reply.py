"""Replying from the queue: the moderator (or the article's author, if staff) answers as
staff, the comment answered is approved by the same action, and the reply is published at
once with the Staff badge; with or without JavaScript, with readable refusals."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core import mail
from django.urls import reverse

from authors.models import Author
from comments.links import comment_url
from comments.models import Comment
from tests.helpers import QUEUE

JSON = {"HTTP_ACCEPT": "application/json"}


def reply_url(comment):
    return reverse("admin:comments_comment_reply", args=[comment.pk])


@pytest.fixture
def question(article, make_comment):
    """A pending question whose author wants to hear about replies."""
    return make_comment(
        article, author_name="Jo", author_email="jo@example.com", status=Comment.Status.PENDING,
        body="Is it safe to stop sertraline suddenly?", notify_on_reply=True,
    )  # fmt: skip


def test_a_reply_publishes_both_without_javascript(client, moderator, article, question):
    moderator.first_name, moderator.last_name = "Mo", "Derator"
    moderator.save()
    client.force_login(moderator)
    response = client.post(
        reply_url(question),
        {"body": "Please talk to your prescriber first.", "next": f"{QUEUE}?status=pending"},
    )
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?status=pending"
    question.refresh_from_db()
    assert (question.status, question.moderated_by, question.moderation_reason) == (
        Comment.Status.APPROVED, moderator, "replied",
    )  # fmt: skip
    reply = Comment.objects.get(parent=question)
    assert (reply.status, reply.by_staff, reply.user, reply.author_name) == (
        Comment.Status.APPROVED, True, moderator, "Mo Derator",
    )  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    assert "Your reply to Jo is published, and their comment is approved." in page

    thread = client.get(article.get_absolute_url()).content.decode()
    assert "Is it safe to stop sertraline suddenly?" in thread
    assert "Please talk to your prescriber first." in thread
    assert '<span class="badge author-badge staff-badge">Staff</span>' in thread


def test_the_log_has_both_actions_with_reason_codes(client, moderator, question):
    client.force_login(moderator)
    client.post(reply_url(question), {"body": "Thanks for asking."})
    reply = Comment.objects.get(parent=question)
    approved = LogEntry.objects.get(object_id=str(question.pk))
    added = LogEntry.objects.get(object_id=str(reply.pk))
    assert "(reason: replied)" in approved.get_change_message()
    assert added.action_flag == ADDITION
    assert added.get_change_message() == "Reply published from the queue (reason: staff_reply)."


def test_the_commenter_hears_about_the_reply(
    client, moderator, question, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reply_url(question), {"body": "Please talk to your prescriber first."})
    assert [m.to for m in mail.outbox if "replied to your comment" in m.subject] == [
        ["jo@example.com"]
    ]


def test_a_reply_from_the_script_answers_json(client, moderator, question):
    client.force_login(moderator)
    response = client.post(reply_url(question), {"body": "Thank you."}, **JSON)
    assert response.status_code == 200
    reply = Comment.objects.get(parent=question)
    assert response.json()["replied"] is True
    assert response.json()["reply_url"] == comment_url(reply)


def test_an_empty_reply_keeps_the_moderator_on_a_page_with_the_error(client, moderator, question):
    client.force_login(moderator)
    response = client.post(reply_url(question), {"body": "   ", "next": QUEUE})
    assert response.status_code == 400
    assert "Write a reply before sending it." in response.content.decode()
    assert client.post(reply_url(question), {"body": ""}, **JSON).json()["errors"] == [
        "Write a reply before sending it."
    ]
    too_long = "x" * 5001
    response = client.post(reply_url(question), {"body": too_long})
    assert response.status_code == 400 and too_long in response.content.decode()  # kept
    question.refresh_from_db()
    assert question.status == Comment.Status.PENDING
    assert not Comment.objects.filter(parent=question).exists()


def test_the_reply_page_without_javascript(client, moderator, question):
    client.force_login(moderator)
    page = client.get(reply_url(question) + "?next=" + QUEUE).content.decode()
    assert "Reply to Jo" in page and "Is it safe to stop sertraline suddenly?" in page
    assert f'name="next" value="{QUEUE}"' in page


def test_a_removed_comment_or_one_under_a_hidden_one_is_not_answered(
    client, moderator, article, make_comment
):
    spam = make_comment(article, status=Comment.Status.SPAM, body="Spam.")
    hidden = make_comment(article, status=Comment.Status.PENDING, body="Hidden parent.")
    under_hidden = make_comment(article, parent=hidden, status=Comment.Status.PENDING)
    client.force_login(moderator)
    response = client.post(reply_url(spam), {"body": "Hm."}, **JSON)
    assert response.status_code == 400
    assert response.json()["message"] == "Only a pending or published comment can be answered."
    response = client.post(reply_url(under_hidden), {"body": "Hm."})
    assert "approve that one first" in response.content.decode()
    under_hidden.refresh_from_db()
    assert under_hidden.status == Comment.Status.PENDING
    assert Comment.objects.filter(by_staff=True).count() == 0


def test_sending_the_same_reply_twice_stores_it_once(client, moderator, question):
    client.force_login(moderator)
    for _ in range(2):
        client.post(reply_url(question), {"body": "Once is enough."})
    assert Comment.objects.filter(parent=question).count() == 1


def test_the_articles_author_may_reply_as_staff(client, django_user_model, article, question):
    writer = django_user_model.objects.create_user("ada", "ada@example.com", "pw", is_staff=True)
    Author.objects.filter(pk=article.author.pk).update(user=writer)
    client.force_login(writer)
    client.post(reply_url(question), {"body": "Author here: please ask your doctor."})
    reply = Comment.objects.get(parent=question)
    assert (reply.author_name, reply.by_article_author, reply.by_staff) == (
        "Ada Okafor", True, True,
    )  # fmt: skip
    thread = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="badge author-badge">Author</span>' in thread


def test_other_staff_may_not_reply(client, editor, question):
    client.force_login(editor)
    assert client.post(reply_url(question), {"body": "Hi."}).status_code == 403
    assert client.get(reply_url(question)).status_code == 403


def test_a_reply_to_a_missing_comment(client, moderator):
    client.force_login(moderator)
    response = client.post("/admin/comments/comment/424242/reply/", {"body": "Hi."})
    assert response.status_code == 302
    assert "That comment no longer exists" in client.get(QUEUE).content.decode()
    assert client.get("/admin/comments/comment/abc/reply/").status_code == 302


def test_a_reply_deeper_than_the_thread_allows_hangs_from_an_ancestor(
    client, moderator, article, make_comment, discussion
):
    discussion.max_depth = 2
    discussion.save()
    top = make_comment(article, body="Top.")
    deep = make_comment(article, parent=top, status=Comment.Status.PENDING, body="Deep.")
    client.force_login(moderator)
    client.post(reply_url(deep), {"body": "Staff reply."})
    reply = Comment.objects.get(body="Staff reply.")
    assert reply.parent == top and reply.depth == 2

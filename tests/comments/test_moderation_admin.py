"""Moderators work the comment queue in the admin; editors work the articles; neither
strays into the other's part."""

import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from articles.models import Article
from comments.models import Comment

QUEUE = reverse("admin:comments_comment_changelist")
ARTICLES = reverse("admin:articles_article_changelist")


def action_options(html):
    """The values offered in the changelist's bulk-action <select>."""
    select = re.search(r'<select name="action".*?</select>', html, re.S)
    return set(re.findall(r'<option value="([^"]+)"', select.group(0))) if select else set()


@pytest.fixture
def waiting(article, make_comment):
    """Two comments waiting in the moderation queue."""
    return [
        make_comment(article, body="First waiting comment.", status=Comment.Status.PENDING),
        make_comment(article, body="Second waiting comment.", status=Comment.Status.PENDING),
    ]


def test_moderator_sees_the_pending_queue_by_default(
    client, moderator, article, make_comment, waiting
):
    make_comment(article, body="Already approved comment.")
    make_comment(article, body="Already spam comment.", status=Comment.Status.SPAM)
    client.force_login(moderator)

    response = client.get(QUEUE)
    html = response.content.decode()

    assert response.status_code == 200
    assert "First waiting comment." in html and "Second waiting comment." in html
    assert "Already approved comment." not in html
    assert "Already spam comment." not in html
    assert "Already approved comment." in client.get(f"{QUEUE}?status=all").content.decode()


def test_moderator_bulk_approves(client, moderator, article, waiting):
    client.force_login(moderator)
    response = client.post(
        QUEUE, {"action": "approve", "_selected_action": [c.pk for c in waiting]}
    )

    assert response.status_code == 302
    assert "2 comments approved." in client.get(response["Location"]).content.decode()
    for comment in waiting:
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED
        assert comment.moderated_by == moderator
        assert comment.moderated_at is not None
    html = client.get(article.get_absolute_url()).content.decode()
    assert "2 Comments" in html
    assert "First waiting comment." in html and "Second waiting comment." in html

    entries = LogEntry.objects.filter(object_id__in=[str(c.pk) for c in waiting])
    assert entries.count() == 2
    assert {(e.user, e.action_flag) for e in entries} == {(moderator, CHANGE)}
    assert all("Approved" in e.get_change_message() for e in entries)


@pytest.mark.parametrize(
    ("action", "status", "label"),
    [("reject", Comment.Status.REJECTED, "Rejected"), ("mark_spam", Comment.Status.SPAM, "Spam")],
)
def test_moderator_rejects_or_marks_spam(
    client, moderator, article, waiting, action, status, label
):
    client.force_login(moderator)
    first = waiting[0]
    response = client.post(QUEUE, {"action": action, "_selected_action": [first.pk]})

    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.moderated_by) == (status, moderator)
    assert waiting[1].status == Comment.Status.PENDING  # not selected, not touched
    html = client.get(article.get_absolute_url()).content.decode()
    assert "No comments yet" in html
    assert "First waiting comment." not in html
    entry = LogEntry.objects.get(object_id=str(first.pk))
    assert entry.user == moderator and label in entry.get_change_message()
    assert "First waiting comment." not in client.get(QUEUE).content.decode()


def test_spam_can_be_undone(client, moderator, article, make_comment):
    mistaken = make_comment(article, body="Not spam after all.", status=Comment.Status.SPAM)
    client.force_login(moderator)
    client.post(f"{QUEUE}?status=spam", {"action": "approve", "_selected_action": [mistaken.pk]})
    mistaken.refresh_from_db()
    assert mistaken.status == Comment.Status.APPROVED
    assert "Not spam after all." in client.get(article.get_absolute_url()).content.decode()


def test_only_superusers_get_bulk_delete(client, moderator, admin_user, waiting):
    client.force_login(moderator)
    offered = action_options(client.get(QUEUE).content.decode())
    assert {"approve", "reject", "mark_spam"} <= offered
    assert "delete_selected" not in offered

    client.force_login(admin_user)
    assert "delete_selected" in action_options(client.get(QUEUE).content.decode())


def test_moderator_cannot_delete_by_posting_the_action(client, moderator, waiting):
    client.force_login(moderator)
    client.post(QUEUE, {"action": "delete_selected", "_selected_action": [waiting[0].pk]})
    client.post(
        QUEUE, {"action": "delete_selected", "_selected_action": [waiting[0].pk], "post": "yes"}
    )
    assert Comment.objects.filter(pk=waiting[0].pk).exists()


def test_moderator_cannot_touch_articles_or_add_comments(client, moderator, article):
    client.force_login(moderator)
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert client.get(change).status_code == 403
    assert client.get(ARTICLES).status_code == 403
    assert (
        client.post(
            ARTICLES, {"action": "unpublish", "_selected_action": [article.pk]}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:comments_comment_add")).status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_moderator_admin_index_lists_comments_only(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse("admin:index")).content.decode()
    assert QUEUE in html
    assert ARTICLES not in html


def test_editor_edits_and_publishes_articles(client, editor, article, ready_draft):
    draft_article = ready_draft  # signed off, with a described cover: the checklist allows it
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert client.get(change).status_code == 200
    assert 'name="title"' in client.get(change).content.decode()
    assert "publish" in action_options(client.get(ARTICLES).content.decode())

    response = client.post(ARTICLES, {"action": "publish", "_selected_action": [draft_article.pk]})

    assert response.status_code == 302
    assert "1 article published." in client.get(response["Location"]).content.decode()
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.PUBLISHED
    assert draft_article.published_at is not None
    assert client.get(draft_article.get_absolute_url()).status_code == 200


def test_editor_cannot_moderate_comments(client, editor, waiting):
    client.force_login(editor)
    assert client.get(QUEUE).status_code == 403
    response = client.post(QUEUE, {"action": "approve", "_selected_action": [waiting[0].pk]})
    assert response.status_code == 403
    waiting[0].refresh_from_db()
    assert waiting[0].status == Comment.Status.PENDING
    assert QUEUE not in client.get(reverse("admin:index")).content.decode()


def test_anonymous_reader_is_sent_to_login(client, waiting):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]

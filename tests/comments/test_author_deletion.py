"""A comment its author deleted is gone for good from every public place, is recorded as
the author's deletion (not a moderator's rejection, never credited to whoever approved
it), and comes back only when a moderator deliberately restores it in the admin."""

import json
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments import services
from comments.models import Comment
from tests.helpers import email_link, post_comment

QUEUE = reverse("admin:comments_comment_changelist")
WORDS = "I regret sharing my lab results here."


@pytest.fixture
def deleted_comment(client, article, human_post, moderator, django_capture_on_commit_callbacks):
    """An approved comment its author then deleted; the moderators' email about it, sent
    while it was held, is still in the outbox."""
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, human_post | {"body": WORDS})
    comment = Comment.objects.get()
    services.moderate(Comment.objects.all(), Comment.Status.APPROVED, moderator=moderator)
    client.post(reverse("comments:delete", args=[comment.pk]))
    comment.refresh_from_db()
    return comment


def public_places(article):
    reader = Client()
    page = reader.get(article.get_absolute_url()).content.decode()
    feed = reader.get(reverse("comments:feed", kwargs={"slug": article.slug})).content.decode()
    graphs = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return {"page": page, "feed": feed, "json_ld": json.dumps([json.loads(g) for g in graphs])}


def test_it_is_gone_from_every_public_place(article, deleted_comment):
    places = public_places(article)
    for name, text in places.items():
        assert "I regret sharing" not in text, name
    assert "No comments yet" in places["page"]
    assert '"commentCount"' not in places["json_ld"]


def test_it_is_recorded_as_the_authors_deletion(client, moderator, deleted_comment):
    assert deleted_comment.status == Comment.Status.DELETED
    assert deleted_comment.moderated_by is None
    assert deleted_comment.moderation_reason == "author_deleted"
    client.force_login(moderator)
    html = client.get(f"{QUEUE}?status=deleted").content.decode()
    assert "I regret sharing" in html
    assert "Deleted by its author" in html


@pytest.mark.parametrize("action", ["approve", "reject", "mark_spam", "block_email"])
def test_no_bulk_action_brings_it_back(client, article, moderator, deleted_comment, action):
    client.force_login(moderator)
    client.post(
        f"{QUEUE}?status=all", {"action": action, "_selected_action": [deleted_comment.pk]}
    )
    deleted_comment.refresh_from_db()
    assert deleted_comment.status == Comment.Status.DELETED
    assert "I regret sharing" not in Client().get(article.get_absolute_url()).content.decode()


def test_no_email_link_brings_it_back(client, moderator, deleted_comment):
    client.force_login(moderator)
    url = email_link(mail.outbox[0], "Approve")
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert "The author deleted this comment" in response.content.decode()
    deleted_comment.refresh_from_db()
    assert deleted_comment.status == Comment.Status.DELETED


def test_reports_and_edits_cannot_touch_it(client, deleted_comment):
    assert client.get(reverse("comments:report", args=[deleted_comment.pk])).status_code == 404
    client.post(reverse("comments:edit", args=[deleted_comment.pk]), {"body": "Back again."})
    deleted_comment.refresh_from_db()
    assert deleted_comment.body == WORDS


def test_a_moderator_may_restore_it_deliberately(client, article, moderator, deleted_comment):
    client.force_login(moderator)
    response = client.post(
        f"{QUEUE}?status=deleted",
        {"action": "restore_deleted", "_selected_action": [deleted_comment.pk]},
        follow=True,
    )
    assert "1 comment restored to the queue." in response.content.decode()
    deleted_comment.refresh_from_db()
    assert deleted_comment.status == Comment.Status.PENDING
    client.post(QUEUE, {"action": "approve", "_selected_action": [deleted_comment.pk]})
    assert "I regret sharing" in Client().get(article.get_absolute_url()).content.decode()


def test_no_moderator_can_claim_an_author_deleted_a_comment(
    client, article, admin_user, make_comment
):
    comment = make_comment(article, status=Comment.Status.PENDING)
    client.force_login(admin_user)
    form = client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    assert '<option value="pending" selected>' in form.content.decode()
    assert 'value="deleted"' not in form.content.decode()
    with pytest.raises(ValueError):
        services.moderate(Comment.objects.all(), Comment.Status.DELETED, moderator=admin_user)


def test_changing_its_status_on_its_own_admin_page_is_the_deliberate_restore(
    client, article, admin_user, deleted_comment
):
    client.force_login(admin_user)  # moderators see the page read-only; an admin may change it
    change = reverse("admin:comments_comment_change", args=[deleted_comment.pk])
    assert '<option value="deleted" selected>' in client.get(change).content.decode()
    client.post(change, {
        "status": Comment.Status.APPROVED, "body": deleted_comment.body, "why": "",
        "reports-TOTAL_FORMS": "0", "reports-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
    })  # fmt: skip
    deleted_comment.refresh_from_db()
    assert (deleted_comment.status, deleted_comment.moderated_by) == (
        Comment.Status.APPROVED,
        admin_user,
    )
    assert "I regret sharing" in Client().get(article.get_absolute_url()).content.decode()

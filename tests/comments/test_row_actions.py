"""The queue's per-row Approve / Spam / Reject and Undo, as plain POST forms (no
JavaScript: back to the same page and filter, at the next row) and as the queue's script
posts them (JSON); every decision in the admin log with its reason code; bad ids and bad
posts are messages, never error pages."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from comments.models import Comment
from tests.helpers import QUEUE, fill_queue

JSON = {"HTTP_ACCEPT": "application/json"}
UNDO = reverse("admin:comments_comment_undo")


def decide(pk):
    return reverse("admin:comments_comment_decide", args=[pk])


@pytest.mark.parametrize(
    ("decision", "status", "reason", "sentence"),
    [
        ("approve", Comment.Status.APPROVED, "approved", "The comment by Bob is approved."),
        ("spam", Comment.Status.SPAM, "spam", "The comment by Bob is marked as spam."),
        ("reject", Comment.Status.REJECTED, "rejected", "The comment by Bob is rejected."),
    ],
)
def test_a_decision_without_javascript_returns_to_the_same_place(
    client, moderator, waiting_three, decision, status, reason, sentence
):
    ann, bob, _cy = waiting_three
    client.force_login(moderator)
    here = f"{QUEUE}?status=pending&q=example&p=1"
    response = client.post(
        decide(bob.pk), {"decision": decision, "next": f"{here}#queue-row-{ann.pk}"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{here}#queue-row-{ann.pk}"
    bob.refresh_from_db()
    assert (bob.status, bob.moderation_reason, bob.moderated_by) == (status, reason, moderator)
    entry = LogEntry.objects.get(object_id=str(bob.pk))
    assert entry.user == moderator and f"(reason: {reason})" in entry.get_change_message()
    page = client.get(response["Location"]).content.decode()
    assert sentence in page
    assert "You can undo your last decision, on the comment by Bob." in page


def test_the_queue_tells_each_row_where_to_come_back_to(client, moderator, waiting_three):
    ann, bob, _cy = waiting_three  # shown newest first: Cy, Bob, Ann
    client.force_login(moderator)
    html = client.get(QUEUE + "?status=pending").content.decode()
    assert f'value="/admin/comments/comment/?status=pending#queue-row-{bob.pk}"' in html
    assert f'value="/admin/comments/comment/?status=pending#queue-row-{ann.pk}"' in html
    # The last row comes back to the one before it.
    assert html.count(f"#queue-row-{bob.pk}") == 4  # Cy's two forms and Ann's two


def test_a_decision_from_the_script_answers_json(client, moderator, waiting_three):
    bob = waiting_three[1]
    client.force_login(moderator)
    response = client.post(decide(bob.pk), {"decision": "spam", "next": QUEUE}, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "message": "The comment by Bob is marked as spam.", "changed": True,
        "status_code": "spam", "undo_url": UNDO,
    }  # fmt: skip
    # No message is left waiting for the next page: the script showed it.
    assert "The comment by Bob is marked as spam." not in client.get(QUEUE).content.decode()


def test_undo_puts_the_comment_back_as_it_was(client, moderator, article, make_comment):
    urgent = make_comment(article, author_name="Kim", status=Comment.Status.PENDING, urgent=True)
    client.force_login(moderator)
    client.post(decide(urgent.pk), {"decision": "reject"}, **JSON)
    urgent.refresh_from_db()
    assert (urgent.status, urgent.urgent) == (Comment.Status.REJECTED, False)

    response = client.post(UNDO, {}, **JSON)
    assert response.status_code == 200
    assert response.json()["message"] == "Undone. The comment by Kim is back in the queue."
    urgent.refresh_from_db()
    assert (urgent.status, urgent.urgent, urgent.moderated_by, urgent.moderation_reason) == (
        Comment.Status.PENDING, True, None, "",
    )  # fmt: skip
    log = [e.get_change_message() for e in LogEntry.objects.order_by("pk")]
    assert log == [
        "Status set to Rejected (reason: rejected).",
        "Status set to Pending (reason: undo).",
    ]
    # Only once: there is nothing left to undo.
    again = client.post(UNDO, {}, **JSON)
    assert (again.status_code, again.json()["message"]) == (409, "There is nothing to undo.")


def test_undo_without_javascript(client, moderator, waiting_three):
    bob = waiting_three[1]
    client.force_login(moderator)
    client.post(decide(bob.pk), {"decision": "approve", "next": QUEUE})
    response = client.post(UNDO, {"next": f"{QUEUE}?status=pending"})
    assert response["Location"] == f"{QUEUE}?status=pending"
    bob.refresh_from_db()
    assert bob.status == Comment.Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "Undone. The comment by Bob is back in the queue." in page
    assert "You can undo your last decision" not in page


def test_undo_does_not_overwrite_someone_elses_later_decision(
    client, moderator, second_moderator, waiting_three
):
    bob = waiting_three[1]
    client.force_login(moderator)
    client.post(decide(bob.pk), {"decision": "spam"}, **JSON)
    other = type(client)()
    other.force_login(second_moderator)
    other.post(decide(bob.pk), {"decision": "approve"}, **JSON)
    response = client.post(UNDO, {}, **JSON)
    assert response.status_code == 409
    assert "was changed since; nothing was undone" in response.json()["message"]
    bob.refresh_from_db()
    assert bob.status == Comment.Status.APPROVED


def test_undo_expires(client, moderator, waiting_three, monkeypatch):
    from datetime import timedelta

    from comments.admin import row_actions

    client.force_login(moderator)
    client.post(decide(waiting_three[0].pk), {"decision": "approve"}, **JSON)
    monkeypatch.setattr(row_actions, "UNDO_WINDOW", timedelta(seconds=-1))
    assert client.post(UNDO, {}, **JSON).status_code == 409
    waiting_three[0].refresh_from_db()
    assert waiting_three[0].status == Comment.Status.APPROVED


def test_deciding_twice_changes_nothing_the_second_time(client, moderator, waiting_three):
    ann = waiting_three[0]
    client.force_login(moderator)
    client.post(decide(ann.pk), {"decision": "approve"}, **JSON)
    response = client.post(decide(ann.pk), {"decision": "approve"}, **JSON)
    assert response.json()["changed"] is False
    assert (
        response.json()["message"] == "The comment by Ann was already approved; nothing changed."
    )
    assert LogEntry.objects.filter(object_id=str(ann.pk)).count() == 1


@pytest.mark.parametrize("pk", ["999999", "abc", "99999999999999999999999", "-1", "1%00"])
def test_a_bad_comment_id_is_a_message_not_an_error(client, moderator, pk):
    client.force_login(moderator)
    url = f"/admin/comments/comment/{pk}/decide/"
    response = client.post(url, {"decision": "approve", "next": QUEUE})
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert "That comment no longer exists; nothing changed." in client.get(QUEUE).content.decode()
    assert client.post(url, {"decision": "approve"}, **JSON).status_code == 404


@pytest.mark.parametrize("data", [{}, {"decision": "delete"}, {"decision": ["approve", "x"]}])
def test_a_bad_decision_is_refused(client, moderator, waiting_three, data):
    ann = waiting_three[0]
    client.force_login(moderator)
    response = client.post(decide(ann.pk), data, **JSON)
    assert response.status_code in (200, 400)
    ann.refresh_from_db()
    if response.status_code == 400:
        assert response.json()["message"] == "Choose Approve, Spam or Reject."
        assert ann.status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/admin/comments/comment/",
        "//evil.example/",
        "/admin/",
        "",
        "javascript:x",
    ],
)
def test_next_only_goes_back_to_the_queue(client, moderator, waiting_three, next_url):
    client.force_login(moderator)
    response = client.post(decide(waiting_three[0].pk), {"decision": "reject", "next": next_url})
    assert response["Location"] == QUEUE


def test_a_get_changes_nothing(client, moderator, waiting_three):
    client.force_login(moderator)
    assert client.get(decide(waiting_three[0].pk) + "?decision=approve").status_code == 405
    assert client.get(UNDO).status_code == 405
    waiting_three[0].refresh_from_db()
    assert waiting_three[0].status == Comment.Status.PENDING


def test_only_moderators_decide(client, editor, waiting_three):
    client.force_login(editor)
    assert client.post(decide(waiting_three[0].pk), {"decision": "approve"}).status_code == 403
    assert client.post(UNDO, {}).status_code == 403
    waiting_three[0].refresh_from_db()
    assert waiting_three[0].status == Comment.Status.PENDING


def test_readers_are_sent_to_sign_in(client, waiting_three):
    response = client.post(decide(waiting_three[0].pk), {"decision": "approve"})
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_bulk_actions_stay(client, moderator, article, make_comment):
    comments = fill_queue(make_comment, article, 3)
    client.force_login(moderator)
    response = client.post(
        QUEUE, {"action": "mark_spam", "_selected_action": [c.pk for c in comments[:1]]}
    )
    assert "1 comment marked as spam." in client.get(response["Location"]).content.decode()
    response = client.post(
        QUEUE, {"action": "approve", "_selected_action": [c.pk for c in comments[1:]]}
    )
    assert "2 comments approved." in client.get(response["Location"]).content.decode()


def test_a_page_emptied_by_decisions_shows_the_last_page_there_is(
    client, moderator, article, make_comment
):
    comments = fill_queue(make_comment, article, 101)  # three pages of 50
    client.force_login(moderator)
    last_page = f"{QUEUE}?status=pending&p=3"
    assert client.get(last_page).status_code == 200
    client.post(decide(comments[0].pk), {"decision": "approve"})  # the oldest: on page 3
    response = client.get(last_page)
    assert response.status_code == 200  # not the admin's "?e=1" redirect, losing the filter
    assert response.context["cl"].page_num == 2
    assert len(response.context["cl"].result_list) == 50

"""The moderators' queue: counts on the admin index, urgent and reported first, what each
row tells them, reason codes on every action, blocking senders, and a fixed query budget."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment, DiscussionSettings

QUEUE = reverse("admin:comments_comment_changelist")
INDEX = reverse("admin:index")


def summary(html):
    """The moderation summary on the admin index as {label: count}."""
    return {
        label: int(count) for label, count in re.findall(r">(\w+)</a></th><td>(\d+)</td>", html)
    }


def rows_in_order(html, excerpts):
    """``excerpts`` sorted by where they appear in the changelist."""
    return sorted(excerpts, key=html.index)


@pytest.fixture
def queue(article, make_comment):
    """A queue with one of everything: plain, reported and urgent pending comments, spam,
    and a published comment with one report below the hiding threshold."""
    pending = Comment.Status.PENDING
    return {
        "urgent": make_comment(article, body="Urgent one.", status=pending, urgent=True),
        "reported": make_comment(article, body="Reported one.", status=pending, report_count=3),
        "plain": make_comment(article, body="Plain one.", status=pending),
        "spam": make_comment(article, body="Spam one.", status=Comment.Status.SPAM),
        "approved": make_comment(article, body="Approved one.", report_count=1),
    }


def test_moderator_sees_the_counts_on_the_admin_index(client, moderator, queue):
    client.force_login(moderator)
    html = client.get(INDEX).content.decode()
    assert "Comments to moderate" in html
    counts = summary(html)
    assert (counts["Urgent"], counts["Pending"], counts["Spam"]) == (1, 3, 1)
    assert f'href="{QUEUE}?status=urgent"' in html


def test_reported_count_matches_the_reported_list(client, moderator, queue):
    client.force_login(moderator)
    shown = summary(client.get(INDEX).content.decode())["Reported"]
    listed = client.get(f"{QUEUE}?status=reported").context["cl"].result_count
    assert shown == listed


def test_editor_does_not_see_the_counts(client, editor, queue):
    client.force_login(editor)
    assert "Comments to moderate" not in client.get(INDEX).content.decode()


def test_urgent_then_reported_then_newest(client, moderator, queue):
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert rows_in_order(html, ["Plain one.", "Reported one.", "Urgent one."]) == [
        "Urgent one.",
        "Reported one.",
        "Plain one.",
    ]
    assert "Spam one." not in html


def test_row_shows_reasons_score_history_and_parent(client, moderator, article, make_comment):
    parent = make_comment(article, author_name="Pat", body="Has anyone tried tapering slowly?")
    make_comment(article, author_email="sam@example.com", body="Old approved one.")
    make_comment(article, author_email="SAM@example.com", body="Old spam.", status="spam")
    make_comment(
        article,
        parent=parent,
        author_email="sam@example.com",
        body="Call me on 07700 900123.",
        status=Comment.Status.PENDING,
        score=7,
        reasons=[{"code": "personal_data", "message": "Contains personal data.", "score": 7}],
    )
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert "<code>personal_data</code> Contains personal data." in html
    assert "Score 7" in html
    assert "1 ✓ · 1 ✗" in html
    assert "Pat: Has anyone tried tapering slowly?" in html
    assert article.title in html


@pytest.mark.parametrize(
    ("action", "status", "reason"),
    [
        ("approve", Comment.Status.APPROVED, "approved"),
        ("reject", Comment.Status.REJECTED, "rejected"),
        ("reject_misinformation", Comment.Status.REJECTED, "misinformation"),
        ("reject_abuse", Comment.Status.REJECTED, "abuse"),
        ("mark_spam", Comment.Status.SPAM, "spam"),
    ],
)
def test_actions_record_a_reason_code(client, moderator, queue, action, status, reason):
    client.force_login(moderator)
    target = queue["plain"]
    client.post(QUEUE, {"action": action, "_selected_action": [target.pk]})
    target.refresh_from_db()
    assert (target.status, target.moderation_reason, target.moderated_by) == (
        status,
        reason,
        moderator,
    )
    entry = LogEntry.objects.get(object_id=str(target.pk))
    assert f"(reason: {reason})" in entry.get_change_message()


def test_moderating_clears_the_urgent_flag(client, moderator, queue):
    client.force_login(moderator)
    client.post(QUEUE, {"action": "reject", "_selected_action": [queue["urgent"].pk]})
    queue["urgent"].refresh_from_db()
    assert not queue["urgent"].urgent


@pytest.mark.parametrize(
    ("action", "field", "value", "posted"),
    [
        ("block_email", "blocked_email_list", "troll@example.com", {"REMOTE_ADDR": "192.0.2.77"}),
        ("block_ip", "blocked_ip_list", "203.0.113.9", {"REMOTE_ADDR": "203.0.113.9"}),
    ],
)
@pytest.mark.parametrize(
    ("blocklist_action", "later_status"), [("hold", "pending"), ("reject", "rejected")]
)
def test_blocking_a_sender(
    client, moderator, article, make_comment, human_post,
    action, field, value, posted, blocklist_action, later_status,
):  # fmt: skip
    offender = make_comment(
        article, author_email="Troll@Example.com", ip_address="203.0.113.9",
        body="Nasty.", status=Comment.Status.PENDING,
    )  # fmt: skip
    client.force_login(moderator)
    client.post(QUEUE, {"action": action, "_selected_action": [offender.pk]})
    offender.refresh_from_db()
    assert (offender.status, offender.moderation_reason) == (Comment.Status.SPAM, "blocked")
    discussion = DiscussionSettings.load()
    assert value in getattr(discussion, field)
    discussion.blocklist_action = blocklist_action
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.save()

    client.logout()
    human_post.update(author_email="troll@example.com", body="I am back.")
    client.post(reverse("comments:post", kwargs={"slug": article.slug}), human_post, **posted)
    assert Comment.objects.get(body="I am back.").status == later_status
    assert "I am back." not in Client().get(article.get_absolute_url()).content.decode()


def test_blocking_twice_does_not_repeat_the_entry(client, moderator, article, make_comment):
    first = make_comment(article, author_email="x@example.com", status="pending", body="A")
    second = make_comment(article, author_email="X@example.com", status="pending", body="B")
    client.force_login(moderator)
    client.post(QUEUE, {"action": "block_email", "_selected_action": [first.pk]})
    client.post(QUEUE + "?status=all", {"action": "block_email", "_selected_action": [second.pk]})
    assert DiscussionSettings.load().blocked_email_list == ["x@example.com"]


def test_moderators_cannot_delete_comments(client, moderator, queue):
    client.force_login(moderator)
    target = queue["plain"]
    assert (
        client.get(reverse("admin:comments_comment_delete", args=[target.pk])).status_code == 403
    )
    assert client.post(reverse("admin:comments_comment_delete", args=[target.pk]),
                       {"post": "yes"}).status_code == 403  # fmt: skip
    assert Comment.objects.filter(pk=target.pk).exists()


def fill_queue(article, make_comment, n):
    parent = make_comment(article, body="Parent.")
    for i in range(n):
        make_comment(
            article, parent=parent if i % 2 else None, author_email=f"c{i}@example.com",
            body=f"Queued {i}.", status=Comment.Status.PENDING, report_count=i % 3,
            reasons=[{"code": "links", "message": "Links.", "score": 1}],
        )  # fmt: skip


def queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE).status_code == 200
    return len(queries)


def test_queue_costs_the_same_queries_for_5_or_40_rows(client, moderator, article, make_comment):
    client.force_login(moderator)
    fill_queue(article, make_comment, 5)
    few = queue_queries(client)
    fill_queue(article, make_comment, 35)
    assert queue_queries(client) == few


def test_an_approval_reaches_readers_with_a_cached_page(client, moderator, article, queue):
    reader = Client()
    assert "Plain one." not in reader.get(article.get_absolute_url()).content.decode()
    client.force_login(moderator)
    client.post(QUEUE, {"action": "approve", "_selected_action": [queue["plain"].pk]})
    assert "Plain one." in reader.get(article.get_absolute_url()).content.decode()

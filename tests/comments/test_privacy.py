"""Commenters' personal data: IP addresses and browsers purged after the retention period,
and a commenter's comments exported or erased by email address from the admin."""

import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.models import Comment, DiscussionSettings

PRIVACY = reverse("admin:comments_comment_privacy")


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def tracked(article, make_comment):
    """Two comments with an IP address and browser: one 40 days old, one 10 days old."""
    meta = {"ip_address": "203.0.113.5", "user_agent": "Firefox/140"}
    return {
        "old": make_comment(article, body="Old.", created_at=days_ago(40), **meta),
        "new": make_comment(article, body="New.", created_at=days_ago(10), **meta),
    }


def purge(*args):
    out = io.StringIO()
    call_command("purge_comment_metadata", *args, stdout=out)
    return out.getvalue()


def metadata(comment):
    comment.refresh_from_db()
    return comment.ip_address, comment.user_agent


def test_purge_clears_only_what_is_older_than_the_retention(tracked):
    output = purge()
    assert "1 comments older than 30 days" in output
    assert metadata(tracked["old"]) == (None, "")
    assert metadata(tracked["new"]) == ("203.0.113.5", "Firefox/140")
    assert tracked["old"].body == "Old."  # the comment itself stays


def test_purge_follows_the_discussion_setting(tracked):
    discussion = DiscussionSettings.load()
    discussion.retention_days = 5
    discussion.save()
    purge()
    assert metadata(tracked["new"]) == (None, "")


@pytest.mark.parametrize(
    ("days", "old_kept", "new_kept"), [("50", True, True), ("7", False, False)]
)
def test_purge_days_option_overrides(tracked, days, old_kept, new_kept):
    purge("--days", days)
    assert (metadata(tracked["old"])[0] is not None) is old_kept
    assert (metadata(tracked["new"])[0] is not None) is new_kept


@pytest.fixture
def privacy_officer(django_user_model):
    """A staff member allowed to export and erase commenters' data."""
    user = django_user_model.objects.create_user("dpo", "dpo@example.com", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="erase_commenter_data"))
    return user


@pytest.fixture
def jamies_thread(article, make_comment, django_user_model):
    """Jamie's two comments (one signed in) with a reply from someone else, and a stranger's."""
    account = django_user_model.objects.create_user("jamie", "jamie@example.com", "pw")
    first = make_comment(
        article, author_name="Jamie Reader", author_email="jamie@example.com",
        author_website="https://jamie.example", body="My sister's story with lithium.",
        ip_address="198.51.100.23", user_agent="Safari/18", user=account,
    )  # fmt: skip
    second = make_comment(
        article, author_name="Jamie R", author_email="Jamie@Example.com", body="Jamie again."
    )
    reply = make_comment(article, parent=first, author_name="Robin", body="Thank you, Jamie.")
    stranger = make_comment(article, author_name="Stranger", author_email="s@example.com")
    return {"first": first, "second": second, "reply": reply, "stranger": stranger}


def test_export_returns_that_commenters_comments_only(client, privacy_officer, jamies_thread):
    client.force_login(privacy_officer)
    response = client.post(PRIVACY, {"email": "JAMIE@example.com", "action": "export"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    exported = json.loads(response.content)
    assert [c["body"] for c in exported["comments"]] == [
        "My sister's story with lithium.",
        "Jamie again.",
    ]
    assert exported["comments"][0]["ip_address"] == "198.51.100.23"
    assert "Stranger" not in response.content.decode()
    assert "Robin" not in response.content.decode()


def erase(client, officer, email, capture):
    client.force_login(officer)
    with capture(execute=True):  # the erasure refreshes cached pages once it commits
        return client.post(PRIVACY, {"email": email, "action": "erase"}, follow=True)


def test_erase_removes_the_commenter_and_keeps_the_thread(
    client, article, privacy_officer, jamies_thread, django_capture_on_commit_callbacks
):
    reader = Client()
    assert "Jamie Reader" in reader.get(article.get_absolute_url()).content.decode()
    response = erase(
        client, privacy_officer, "jamie@example.com", django_capture_on_commit_callbacks
    )
    assert "Erased 2 comments" in response.content.decode()

    first = Comment.objects.get(pk=jamies_thread["first"].pk)
    assert first.author_name != "Jamie Reader"
    assert "jamie" not in first.author_email.casefold()
    assert (first.author_website, first.ip_address, first.user_agent) == ("", None, "")
    assert "lithium" not in first.body
    reply = Comment.objects.get(pk=jamies_thread["reply"].pk)
    assert (reply.parent_id, reply.body) == (first.pk, "Thank you, Jamie.")

    for viewer in (client, reader):  # signed in, and an anonymous reader's cached page
        page = viewer.get(article.get_absolute_url())
        html = page.content.decode()
        assert page.status_code == 200
        assert "Jamie Reader" not in html and "lithium" not in html and "jamie.example" not in html
        assert "Thank you, Jamie." in html and "Stranger" in html
        assert "4 Comments" in html


def test_erase_unlinks_the_commenters_account(
    client, privacy_officer, jamies_thread, django_capture_on_commit_callbacks
):
    erase(client, privacy_officer, "jamie@example.com", django_capture_on_commit_callbacks)
    assert Comment.objects.get(pk=jamies_thread["first"].pk).user is None


def test_erase_leaves_nothing_in_the_moderation_history(
    client, admin_user, privacy_officer, jamies_thread
):
    services.moderate(
        Comment.objects.filter(pk=jamies_thread["second"].pk), Comment.Status.REJECTED,
        moderator=admin_user,
    )  # fmt: skip
    client.force_login(privacy_officer)
    client.post(PRIVACY, {"email": "jamie@example.com", "action": "erase"})
    client.force_login(admin_user)
    history = reverse("admin:comments_comment_history", args=[jamies_thread["second"].pk])
    for page in (history, reverse("admin:index")):  # the index lists "Recent actions"
        html = client.get(page).content.decode()
        assert "Jamie R" not in html and "Jamie again." not in html, page


def test_a_moderator_without_the_permission_is_refused(client, moderator, jamies_thread):
    client.force_login(moderator)
    assert client.get(PRIVACY).status_code == 403
    response = client.post(PRIVACY, {"email": "jamie@example.com", "action": "erase"})
    assert response.status_code == 403
    assert Comment.objects.filter(author_name="Jamie Reader").exists()


def test_the_privacy_page_needs_a_staff_login(client, jamies_thread):
    response = client.get(PRIVACY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_bad_email_is_a_form_error(client, privacy_officer):
    client.force_login(privacy_officer)
    response = client.post(PRIVACY, {"email": "not-an-email", "action": "erase"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()

"""A double-clicked form makes one comment; readers' reports reach the moderators and,
past the threshold, take a comment off the page."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentReport
from tests.helpers import post_comment, report_comment

AWAITING = "Your comment is awaiting moderation"
THANKS = "Thank you. A moderator will look at this comment."


def test_identical_posts_store_one_comment(client, article, human_post):
    first = post_comment(client, article, human_post, follow=True)
    second = post_comment(client, article, human_post, follow=True)
    assert Comment.objects.count() == 1
    assert AWAITING in first.content.decode()
    assert AWAITING in second.content.decode()
    assert second.redirect_chain[0][1] == 302


def test_same_words_with_other_spacing_and_case_are_a_duplicate(client, article, human_post):
    post_comment(client, article, human_post)
    human_post["body"] = "  THIS helped me understand\n my brother's   treatment. "
    post_comment(client, article, human_post)
    assert Comment.objects.count() == 1


def test_same_body_from_the_same_address_under_another_email(client, article, human_post):
    post_comment(client, article, human_post, REMOTE_ADDR="198.51.100.7")
    human_post["author_email"] = "someone.else@example.com"
    post_comment(client, article, human_post, REMOTE_ADDR="198.51.100.7")
    assert Comment.objects.count() == 1


def test_same_words_elsewhere_or_from_someone_else_are_kept(
    client, article, make_article, human_post
):
    post_comment(client, article, human_post, REMOTE_ADDR="198.51.100.7")
    post_comment(
        client, make_article(title="Other", slug="other"), human_post, REMOTE_ADDR="198.51.100.7"
    )
    human_post["author_email"] = "friend@example.com"
    post_comment(client, article, human_post, REMOTE_ADDR="198.51.100.8")
    assert Comment.objects.count() == 3


@pytest.fixture
def published_comment(article, make_comment):
    """An approved comment readers can see and report."""
    return make_comment(article, author_name="Pat Poster", body="Vitamin C cures cancer.")


def test_report_page_offers_the_reasons(client, published_comment):
    response = client.get(reverse("comments:report", args=[published_comment.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vitamin C cures cancer." in html
    for label in ("Spam or advertising", "Abusive or hateful", "Medical misinformation"):
        assert label in html


def test_report_is_recorded_and_thanked(client, article, published_comment):
    response = report_comment(client, published_comment, "misinformation", follow=True)
    assert THANKS in response.content.decode()
    saved = CommentReport.objects.get()
    assert (saved.comment, saved.reason) == (published_comment, "misinformation")
    published_comment.refresh_from_db()
    assert published_comment.report_count == 1
    assert published_comment.status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("reason", "error"), [("bogus", "Select a valid choice"), ("", "Choose a reason.")]
)
def test_bad_reason_is_a_form_error(client, published_comment, reason, error):
    response = report_comment(client, published_comment, reason)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not CommentReport.objects.exists()


def test_same_address_reporting_twice_counts_once(client, published_comment):
    report_comment(client, published_comment, REMOTE_ADDR="192.0.2.5")
    report_comment(client, published_comment, "abuse", REMOTE_ADDR="192.0.2.5")
    published_comment.refresh_from_db()
    assert published_comment.report_count == 1
    assert CommentReport.objects.count() == 1


def test_enough_reports_hide_the_comment_for_review(client, article, published_comment, moderator):
    reader = Client()  # an anonymous reader whose copy of the page is cached
    assert "Vitamin C cures cancer." in reader.get(article.get_absolute_url()).content.decode()
    for n in range(3):  # three readers, each in their own browser
        report_comment(Client(), published_comment, REMOTE_ADDR=f"192.0.2.{n + 1}")
    published_comment.refresh_from_db()
    assert published_comment.status == Comment.Status.PENDING
    assert "reported" in [r["code"] for r in published_comment.reasons]
    for viewer in (client, reader):
        html = viewer.get(article.get_absolute_url()).content.decode()
        assert "Vitamin C cures cancer." not in html

    client.force_login(moderator)
    queue = client.get(reverse("admin:comments_comment_changelist") + "?status=reported")
    assert "Vitamin C cures cancer." in queue.content.decode()
    assert "Reported ×3" in queue.content.decode()


def test_reports_below_the_threshold_leave_it_up(client, article, published_comment):
    for n in range(2):
        report_comment(Client(), published_comment, REMOTE_ADDR=f"192.0.2.{n + 1}")
    assert "Vitamin C cures cancer." in client.get(article.get_absolute_url()).content.decode()


def test_a_flood_of_reports_is_asked_to_wait(client, article, make_comment):
    comments = [make_comment(article, body=f"Comment {n}") for n in range(6)]
    statuses = [report_comment(client, c).status_code for c in comments]
    assert statuses == [302] * 5 + [429]
    assert CommentReport.objects.count() == 5


@pytest.mark.parametrize(
    "status", [Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM]
)
def test_reporting_a_comment_readers_cannot_see_is_404(client, article, make_comment, status):
    hidden = make_comment(article, status=status)
    assert client.get(reverse("comments:report", args=[hidden.pk])).status_code == 404
    assert report_comment(client, hidden).status_code == 404
    assert not CommentReport.objects.exists()


def test_reporting_on_a_draft_is_404(client, draft_article, make_comment):
    comment = make_comment(draft_article)
    assert report_comment(client, comment).status_code == 404


def test_reporting_a_missing_comment_is_404(client, db):
    assert client.get(reverse("comments:report", args=[999999])).status_code == 404

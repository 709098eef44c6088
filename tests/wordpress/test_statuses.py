"""What is public in WordPress is public here, and nothing else: drafts, posts in review,
private and password-protected posts stay hidden; scheduled posts wait for their date."""

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.helpers import import_file, import_wordpress_export, write_wxr, wxr_comment, wxr_post


def test_the_theme_units_statuses(db, client):
    report = import_wordpress_export("themeunittestdata.wordpress.xml")
    scheduled = Article.objects.get(wordpress_id=1153)
    assert scheduled.is_scheduled
    assert scheduled.published_at.isoformat() == "2030-01-01T19:00:18+00:00"
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert Article.objects.get(wordpress_id=1164).status == Article.Status.DRAFT
    protected = Article.objects.get(wordpress_id=1168)
    assert protected.status == Article.Status.DRAFT
    assert client.get(protected.get_absolute_url()).status_code == 404
    assert "password-protected in WordPress: imported as a draft, not public" in report
    assert Article.objects.get(wordpress_id=1241).featured  # sticky


def test_private_posts_never_become_public(db):
    report = import_wordpress_export("importer-tests/small-export.xml")
    private = Article.objects.get(wordpress_id=13)
    assert private.status == Article.Status.DRAFT
    assert not Article.objects.published().filter(pk=private.pk).exists()
    assert "private in WordPress: imported as a draft, never public" in report


def test_pending_future_and_trashed_posts(db, tmp_path):
    report = import_file(write_wxr(
        tmp_path / "statuses.xml",
        wxr_post(1, status="pending"),
        wxr_post(2, status="future", date="2099-01-01 08:00:00"),
        wxr_post(3, status="future", date="2001-01-01 08:00:00"),
        wxr_post(4, status="trash"),
        wxr_post(5, status="publish"),
    ))  # fmt: skip
    statuses = dict(Article.objects.values_list("wordpress_id", "status"))
    assert statuses == {1: "review", 2: "published", 3: "published", 5: "published"}
    assert Article.objects.get(wordpress_id=2).published_at > timezone.now()
    assert Article.objects.get(wordpress_id=3).is_public
    assert "scheduled in WordPress for a date that has passed: published at that date" in report
    assert "skipped 1: in WordPress's trash" in report


@pytest.mark.parametrize(
    ("approved", "status"),
    [("1", "approved"), ("0", "pending"), ("", "pending"), ("spam", "spam"),
     ("trash", "rejected"), ("post-trashed", "rejected")],
)  # fmt: skip
def test_comment_statuses(db, tmp_path, approved, status):
    import_file(
        write_wxr(tmp_path / "c.xml", wxr_post(1, comments=wxr_comment(7, approved=approved)))
    )
    comment = Comment.objects.get(wordpress_id=7)
    assert comment.status == status
    assert (comment.ip_address, comment.user_agent) == ("192.0.2.7", "Mozilla/5.0")
    assert comment.author_email == "r7@example.org"


def test_a_comment_without_a_status_waits_for_a_moderator(db):
    report = import_wordpress_export("importer-tests/wxr-with-sub-data.xml")
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "comments: 1 imported" in report

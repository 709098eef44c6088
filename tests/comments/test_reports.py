"""Readers' reports: a moderator's approval resolves them, and only reports made after the
last moderation count towards hiding the comment again.  A person counts once (browser
key and address, IPv6 by /64), and reports are rate-limited like posts."""

import pytest
from django.test import Client
from django.urls import reverse

from comments import services
from comments.models import Comment, CommentReport
from tests.helpers import SAME_ORIGIN

WORDS = "Vitamin C cures cancer."


@pytest.fixture
def published(article, make_comment):
    """An approved comment readers can see and report (three reports hide it)."""
    return make_comment(article, author_name="Pat Poster", body=WORDS)


def report(comment, browser=None, **extra):
    browser = browser or Client()
    url = reverse("comments:report", args=[comment.pk])
    return browser.post(url, {"reason": "spam"}, **SAME_ORIGIN, **extra)


def visible(article):
    return WORDS in Client().get(article.get_absolute_url()).content.decode()


def test_approval_resolves_reports_and_only_later_ones_count(article, published, moderator):
    for n in range(3):
        report(published, REMOTE_ADDR=f"192.0.2.{n + 1}")
    assert not visible(article)
    services.moderate(Comment.objects.all(), Comment.Status.APPROVED, moderator=moderator)
    assert visible(article)
    published.refresh_from_db()
    assert published.report_count == 0
    assert not CommentReport.objects.filter(resolved_at=None).exists()

    for n in range(2):  # two new reports after the approval: below the threshold again
        report(published, REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert visible(article)
    report(published, REMOTE_ADDR="198.51.100.9")
    assert not visible(article)


def test_one_browser_counts_once_whatever_its_address(article, published):
    browser = Client()
    for n in range(3):
        report(published, browser, REMOTE_ADDR=f"192.0.2.{n + 1}")
    published.refresh_from_db()
    assert published.report_count == 1
    assert visible(article)


def test_one_ipv6_network_counts_once_whatever_the_browser(article, published):
    for n in range(3):
        report(published, REMOTE_ADDR=f"2001:db8:7:1::{n + 1:x}")
    published.refresh_from_db()
    assert published.report_count == 1
    report(published, REMOTE_ADDR="2001:db8:7:2::1")  # another /64: another person
    published.refresh_from_db()
    assert published.report_count == 2


def test_reports_are_rate_limited_across_an_ipv6_network(article, make_comment):
    comments = [make_comment(article, body=f"Comment {n}.") for n in range(6)]
    statuses = [
        report(comment, REMOTE_ADDR=f"2001:db8:9:9::{n + 1:x}").status_code
        for n, comment in enumerate(comments)
    ]
    assert statuses == [302] * 5 + [429]

"""The dashboard's figures, checked against a small, hand-built history: the queue now, the
comments per day by outcome, the waits' median and 90th percentile, the reasons and the
decisions per moderator; in a fixed number of queries."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from comments import dashboard
from comments.models import Comment

HOUR = timedelta(hours=1)


def local(days_ago, hour, minute=0):
    """A moment ``days_ago`` days before today, at a local time of day."""
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def history(article, make_comment, moderator, second_moderator):
    """Who decided what, and when (waits in hours):

    3 days ago, posted 09:00: A ✓ 1 (mod), B ✓ 2 (mod), C ✓ 3 (Ben), D spam 10 (Ben),
                              E rejected 4 (mod)
    2 days ago, 12:00: F spam by the checks (no moderator); G ✓ by mod a day later (24)
    5 days ago, 08:00: K ✓ 0.5 (Ben), reported twice
    40 days ago: H ✓ (outside the window), I still pending (the oldest pending comment)
    an hour ago: J pending and urgent
    """

    def decided(name, posted, wait, status, by, **fields):
        return make_comment(
            article, author_name=name, body=f"Comment {name}.", status=status, created_at=posted,
            moderated_at=posted + wait, moderated_by=by, moderation_reason=status, **fields,
        )  # fmt: skip

    links = {"code": "links", "message": "More links than allowed.", "score": 1}
    personal = {"code": "personal_data", "message": "Contains a phone number.", "score": 5}
    pharmacy = {"code": "pharmacy", "message": "Looks like a pharmacy advert.", "score": 8}
    approved, spam, rejected = (
        Comment.Status.APPROVED, Comment.Status.SPAM, Comment.Status.REJECTED
    )  # fmt: skip
    posted = local(3, 9)
    decided("A", posted, 1 * HOUR, approved, moderator, reasons=[links])
    decided("B", posted, 2 * HOUR, approved, moderator, reasons=[links, personal])
    decided("C", posted, 3 * HOUR, approved, second_moderator)
    decided("D", posted, 10 * HOUR, spam, second_moderator)
    decided("E", posted, 4 * HOUR, rejected, moderator)
    make_comment(article, author_name="F", body="Comment F.", status=spam,
                 created_at=local(2, 12), reasons=[pharmacy, links])  # fmt: skip
    decided("G", local(2, 12), 24 * HOUR, approved, moderator)
    decided("K", local(5, 8), HOUR / 2, approved, second_moderator, report_count=2)
    decided("H", local(40, 8), HOUR, approved, moderator, reasons=[pharmacy, pharmacy])
    oldest = make_comment(article, author_name="I", body="Comment I.",
                          status=Comment.Status.PENDING, created_at=local(40, 8))  # fmt: skip
    urgent = make_comment(article, author_name="J", body="Comment J.",
                          status=Comment.Status.PENDING, urgent=True,
                          created_at=timezone.now() - HOUR)  # fmt: skip
    return {"oldest_pending": oldest, "urgent": urgent}


def test_the_queue_now(history):
    now = dashboard.figures().now
    assert (now.pending, now.urgent, now.reported) == (2, 1, 1)
    assert (now.approved, now.rejected, now.spam) == (6, 1, 2)
    assert now.oldest_pending_at == history["oldest_pending"].created_at
    assert timedelta(days=39) < now.oldest_pending_age < timedelta(days=41)
    assert [c.author_name for c in now.urgent_comments] == ["J"]


def test_comments_per_day_by_outcome(history):
    figures = dashboard.figures()
    assert len(figures.days) == 30
    assert figures.days[-1].day == timezone.localdate()
    by_day = {d.day: (d.approved, d.rejected, d.spam, d.pending) for d in figures.days if d.total}
    today = timezone.localdate()
    assert by_day == {
        today - timedelta(days=5): (1, 0, 0, 0),
        today - timedelta(days=3): (3, 1, 1, 0),
        today - timedelta(days=2): (1, 0, 1, 0),
        timezone.localtime(history["urgent"].created_at).date(): (0, 0, 0, 1),  # J
    }
    assert figures.posted == sum(d.total for d in figures.days)
    three_days_ago = figures.days[-4]
    assert three_days_ago.spam_share == pytest.approx(1 / 5)


def test_waits_median_and_90th_percentile(history):
    figures = dashboard.figures()
    # Seven decisions in the window: 0.5, 1, 2, 3, 4, 10 and 24 hours.  Nearest rank:
    # the median is the 4th (⌈3.5⌉), the 90th percentile the 7th (⌈6.3⌉).
    assert figures.decisions == 7
    assert figures.median_wait == 3 * HOUR
    assert figures.p90_wait == 24 * HOUR
    day = figures.days[-4]  # three days ago: 1, 2, 3, 4, 10 → 3rd and 5th
    assert (day.decisions, day.median_wait, day.p90_wait) == (5, 3 * HOUR, 10 * HOUR)
    yesterday = figures.days[-2]  # G, decided the day after it was posted
    assert (yesterday.decisions, yesterday.median_wait) == (1, 24 * HOUR)
    assert figures.days[-3].decisions == 0 and figures.days[-3].median_wait is None


def test_the_checks_reasons_most_given_first(history):
    reasons = dashboard.figures().reasons
    assert [(r.code, r.count) for r in reasons] == [
        ("links", 3),
        ("personal_data", 1),
        ("pharmacy", 1),  # H's two are older than the window
    ]
    assert reasons[0].example == "More links than allowed."


def test_decisions_per_moderator(history):
    people = dashboard.figures().moderators
    assert [(p.name, p.approved, p.rejected, p.spam, p.total) for p in people] == [
        ("mod", 3, 1, 0, 4),
        ("Ben", 2, 0, 1, 3),
    ]


def test_a_decision_by_nobody_is_not_a_moderators_decision(article, make_comment, moderator):
    """A comment its author withdrew has a moderation time but no moderator."""
    make_comment(article, status=Comment.Status.REJECTED, created_at=local(1, 9),
                 moderated_at=local(1, 10), moderation_reason="author_deleted")  # fmt: skip
    figures = dashboard.figures()
    assert (figures.decisions, figures.moderators) == (0, [])
    assert figures.days[-2].rejected == 1


@pytest.mark.parametrize("zone", ["Asia/Kolkata", "America/Los_Angeles"])
def test_days_are_the_sites_local_days(settings, article, make_comment, moderator, zone):
    settings.TIME_ZONE = zone
    just_after_midnight = local(2, 0, 20)
    make_comment(article, created_at=just_after_midnight, moderated_at=local(2, 23, 50),
                 moderated_by=moderator)  # fmt: skip
    figures = dashboard.figures()
    day = figures.days[-3]
    assert day.day == timezone.localdate() - timedelta(days=2)
    assert (day.approved, day.decisions) == (1, 1)
    assert day.median_wait == timedelta(hours=23, minutes=30)


def test_an_empty_site_has_figures_too(db):
    figures = dashboard.figures()
    assert figures.posted == 0 and figures.decisions == 0
    assert figures.median_wait is None and figures.reasons == [] and figures.moderators == []
    assert figures.now.oldest_pending_age is None


def test_reasons_that_are_not_a_list_are_skipped(article, make_comment):
    make_comment(article, reasons={"code": "odd"})
    make_comment(article, reasons=[{"code": "links", "message": "Links.", "score": 1}])
    assert [(r.code, r.count) for r in dashboard.figures().reasons] == [("links", 1)]


def test_a_fixed_number_of_queries_whatever_the_volume(
    history, article, make_comment, moderator, django_assert_num_queries
):
    with django_assert_num_queries(6):
        dashboard.figures()
    for n in range(40):
        make_comment(article, body=f"More {n}.", created_at=local(n % 20, 10),
                     moderated_at=local(n % 20, 11), moderated_by=moderator,
                     reasons=[{"code": f"code{n % 9}", "message": "m", "score": 1}])  # fmt: skip
    with django_assert_num_queries(6):
        dashboard.figures()


@pytest.mark.parametrize(
    ("values", "share", "expected"),
    [([1], 0.5, 1), ([1, 2], 0.5, 1), ([1, 2, 3], 0.5, 2), ([1, 2, 3, 4], 0.9, 4),
     (list(range(1, 71)), 0.9, 63), (list(range(1, 11)), 0.9, 9), ([], 0.5, None)],
)  # fmt: skip
def test_nearest_rank(values, share, expected):
    assert dashboard.nearest_rank(values, share) == expected

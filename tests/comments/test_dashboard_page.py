"""The dashboard page: the queue now (urgent first), then five SVG charts drawn on the
server, each with a title, a description and its numbers as a table; no inline style (the
CSP forbids it); the same number of queries whatever the volume."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.helpers import DASHBOARD, QUEUE

CHARTS = ["comments-per-day", "wait-times", "spam-share", "top-reasons", "moderators"]


@pytest.fixture
def busy_month(article, make_comment, moderator):
    """A month of comments: one a day approved an hour after posting (today's, at the
    latest now), every third one spam with reasons; one urgent comment waiting.  Each is
    posted a little before this time of day, never so early that the oldest falls out of
    the 30 calendar days the dashboard counts (as 2 hours before would, just after
    midnight)."""
    now = timezone.now()
    since_midnight = now - timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    earlier = min(timedelta(hours=2), since_midnight / 2)
    for n in range(30):
        posted = now - timedelta(days=n) - earlier
        spam = n % 3 == 0
        make_comment(
            article, body=f"Day {n}.", created_at=posted, moderated_by=moderator,
            moderated_at=min(posted + timedelta(hours=1), now),
            status=Comment.Status.SPAM if spam else Comment.Status.APPROVED,
            reasons=[{"code": "pharmacy", "message": "Pharmacy <advert>.", "score": 9}] if spam
            else [],
        )  # fmt: skip
    make_comment(article, author_name="Robin <i>", body="I can't go on.", urgent=True,
                 status=Comment.Status.PENDING)  # fmt: skip


def test_the_dashboard_shows_the_queue_and_the_charts(client, moderator, busy_month):
    client.force_login(moderator)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Moderation dashboard</h1>" in html
    assert f'href="{QUEUE}?status=urgent"><span class="dash-n">1</span>' in html
    assert "Urgent: review these first" in html and "Robin &lt;i&gt;" in html
    for slug in CHARTS:
        assert f'id="chart-{slug}"' in html
        svg = re.search(rf'<svg class="dash-svg"[^>]*aria-labelledby="chart-{slug}-svg-title"',
                        html)  # fmt: skip
        assert svg and 'role="img"' in svg.group(0)
        assert f'<caption id="chart-{slug}-caption">' in html
    assert ("31 comments posted in the last 30 days: 20 approved, 0 rejected, 10 spam and 1 "
            "still pending.") in html  # fmt: skip
    assert "half of the 30 decisions came within 60 min of posting" in html
    assert "Pharmacy &lt;advert&gt;." in html  # the reasons' example, escaped


def test_no_inline_style_anywhere(client, moderator, busy_month):
    client.force_login(moderator)
    html = client.get(DASHBOARD).content.decode()
    assert "style=" not in html and "<style" not in html
    assert re.search(r'<rect class="approved" x="[\d.]+%" y="[\d.]+" width="[\d.]+%"', html)


def test_numbers_are_never_written_with_a_decimal_comma(client, moderator, busy_month, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    settings.DECIMAL_SEPARATOR = ","
    client.force_login(moderator)
    html = client.get(DASHBOARD).content.decode()
    charts = "".join(re.findall(r'<svg class="dash-svg".*?</svg>', html, re.S))
    values = re.findall(r' (?:x|y|width|height|x1|x2|y1|y2|cx|cy)="([^"]+)"', charts)
    assert len(values) > 100
    for value in values:
        assert re.fullmatch(r"-?[\d.]+%?", value), value


def test_an_empty_site(client, moderator):
    client.force_login(moderator)
    html = client.get(DASHBOARD).content.decode()
    assert "Nothing to draw yet." in html
    assert "No moderator made a decision in the last 30 days." in html


def test_the_same_queries_whatever_the_volume(
    client, moderator, article, make_comment, busy_month, django_assert_num_queries
):
    client.force_login(moderator)
    # Session, user, permissions (the user's, their groups'), then the dashboard's six.
    with django_assert_num_queries(10):
        assert client.get(DASHBOARD).status_code == 200
    for n in range(60):
        make_comment(article, body=f"N {n}.", status=Comment.Status.PENDING, urgent=n < 8,
                     created_at=timezone.now() - timedelta(days=n % 40),
                     moderated_at=timezone.now(), moderated_by=moderator,
                     reasons=[{"code": f"c{n % 12}", "message": "m", "score": 1}])  # fmt: skip
    with django_assert_num_queries(10):
        assert client.get(DASHBOARD).status_code == 200


def test_only_moderators(client, editor, django_user_model):
    client.force_login(editor)
    assert client.get(DASHBOARD).status_code == 403
    client.logout()
    assert client.get(DASHBOARD).status_code == 302

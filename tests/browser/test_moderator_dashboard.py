"""A moderator opens the dashboard on a phone and on a desktop: the queue now and the last
30 days' charts fit the width (no sideways scrolling), their tables open, axe finds no
serious violation and the Content-Security-Policy blocks nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from tests.helpers import DASHBOARD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture
def a_month_of_moderation(article, make_comment, moderator, django_user_model):
    """Thirty days of comments decided by two moderators, some spam with reasons, and a
    few waiting, one of them urgent."""
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user(
        "sam", "sam@example.com", "pw", is_staff=True, first_name="Samira", last_name="Long-Name"
    )
    other.groups.add(Group.objects.get(name="Moderators"))
    now = timezone.now()
    codes = ["links", "personal_data", "pharmacy", "link_praise", "medicine_link"]
    for n in range(120):
        posted = now - timedelta(days=n % 30, hours=n % 7 + 1)
        status = [Comment.Status.APPROVED, Comment.Status.APPROVED, Comment.Status.SPAM,
                  Comment.Status.REJECTED][n % 4]  # fmt: skip
        make_comment(
            article, body=f"Comment {n}.", status=status, created_at=posted,
            moderated_at=posted + timedelta(minutes=20 + 37 * (n % 11)),
            moderated_by=moderator if n % 3 else other,
            reasons=[{"code": codes[n % 5], "message": f"Reason {codes[n % 5]}.", "score": 3}]
            if n % 2 else [],
        )  # fmt: skip
    for n in range(4):
        make_comment(article, body=f"Waiting {n}.", status=Comment.Status.PENDING,
                     urgent=n == 0, created_at=now - timedelta(hours=5 * n + 1))  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS)
def test_the_dashboard_fits_and_passes_axe(
    page, live_server, moderator, sign_in, a_month_of_moderation, serious_violations,
    screenshot_dir, csp_violations, width,
):  # fmt: skip
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    sign_in(page.context, moderator)
    page.goto(live_server.url + DASHBOARD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation dashboard")
    expect(page.locator("svg.dash-svg")).to_have_count(5)
    expect(page.locator(".dash-tile.urgent .dash-n")).to_have_text("1")
    page.screenshot(path=screenshot_dir / f"moderator-dashboard-{WIDTHS[width]}.png",
                    full_page=True)  # fmt: skip
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for summary in page.locator(".dash-table summary").all():
        summary.click()
    expect(page.locator("#chart-moderators table tbody tr")).to_have_count(2)
    page.screenshot(path=screenshot_dir / f"moderator-dashboard-tables-{WIDTHS[width]}.png",
                    full_page=True)  # fmt: skip
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert csp_violations == []  # before axe-core, which applies inline styles as it runs
    assert serious_violations(page) == []


def test_the_dashboard_is_reached_from_the_admin_index(
    page, live_server, moderator, sign_in, a_month_of_moderation, screenshot_dir
):
    sign_in(page.context, moderator)
    page.goto(live_server.url + "/admin/")
    page.screenshot(path=screenshot_dir / "moderator-admin-index.png")
    page.locator("#content-main").get_by_role("link", name="Moderation dashboard").first.click()
    expect(page).to_have_url(live_server.url + DASHBOARD)
    page.get_by_role("link", name="Open the queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comments to moderate")

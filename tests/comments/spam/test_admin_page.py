"""The admin's "Spam filter" page: figures on the last 200 decisions, the model's version
and date, and a retrain button, for moderators only."""

import pytest
from django.urls import reverse

from comments.models import Comment
from comments.spam.models import SpamFilterModel

PAGE = "admin:comments_spamfiltermodel_changelist"
RETRAIN = "admin:comments_spamfiltermodel_retrain"


def test_moderators_see_version_date_and_figures(client, moderator, decide, campaign):
    decide(campaign[:4], Comment.Status.SPAM)
    decide(["Thank you, this helped."] * 16, Comment.Status.APPROVED)
    row = SpamFilterModel.objects.latest_version()
    client.force_login(moderator)
    html = client.get(reverse(PAGE)).content.decode()
    assert f"Version {row.version}, trained" in html
    assert "Accuracy on the last 200 moderator decisions" in html
    figures = row.evaluation
    assert f'<td class="caught">{figures["caught"]} / 4</td>' in html
    assert f'<td class="missed">{figures["missed"]}</td>' in html
    assert f'<td class="false-alarms">{figures["false_alarms"]} / 16</td>' in html
    assert "Retrain now" in html


def test_the_page_is_listed_for_moderators(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse(PAGE) in html
    assert "Spam filter" in html


def test_before_any_decision_the_page_says_so(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse(PAGE)).content.decode()
    assert "No model is stored yet" in html
    assert "No moderator decisions yet" in html


def test_get_on_retrain_asks_and_changes_nothing(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse(RETRAIN)).content.decode()
    assert "Yes, retrain now" in html
    assert not SpamFilterModel.objects.exists()


def test_post_retrains(client, moderator):
    client.force_login(moderator)
    response = client.post(reverse(RETRAIN), follow=True)
    assert response.redirect_chain[-1][0] == reverse(PAGE)
    row = SpamFilterModel.objects.get()
    assert row.trigger == SpamFilterModel.Trigger.ADMIN
    assert f"retrained: version {row.version}" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", [PAGE, RETRAIN])
def test_people_without_the_moderation_permission_are_refused(client, editor, method, name):
    client.force_login(editor)
    assert getattr(client, method)(reverse(name)).status_code == 403
    assert not SpamFilterModel.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse(PAGE))
    assert response.status_code == 302
    assert "login" in response["Location"]

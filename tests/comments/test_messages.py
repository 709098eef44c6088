"""What moderators read after an action: sentences, singular and plural as English has
them ("1 comment marked as spam", never "1 comments"), and never the admin's "The
discussion settings “Discussion settings” was changed successfully."."""

import pytest
from django.urls import reverse

from comments.models import DiscussionSettings
from tests.helpers import QUEUE, fill_queue, form_fields


def messages_after(client, response):
    import re

    html = client.get(response["Location"]).content.decode()
    return re.findall(r'<li class="\w+">(.*?)</li>', html.split('class="messagelist"')[1])[:3]


@pytest.mark.parametrize(
    ("action", "one", "two"),
    [
        ("mark_spam", "1 comment marked as spam.", "2 comments marked as spam."),
        ("approve", "1 comment approved.", "2 comments approved."),
        ("reject", "1 comment rejected.", "2 comments rejected."),
        ("block_email", "Email addresses blocked; 1 comment marked as spam.",
         "Email addresses blocked; 2 comments marked as spam."),
        ("block_ip", "IP addresses blocked; 1 comment marked as spam.",
         "IP addresses blocked; 2 comments marked as spam."),
    ],
)  # fmt: skip
def test_bulk_messages_count_in_words(client, moderator, article, make_comment, action, one, two):
    comments = fill_queue(make_comment, article, 3, ip_address="203.0.113.4")
    client.force_login(moderator)
    response = client.post(QUEUE, {"action": action, "_selected_action": [comments[0].pk]})
    assert messages_after(client, response) == [one]
    response = client.post(
        QUEUE + "?status=all",
        {"action": action, "_selected_action": [c.pk for c in comments[1:]]},
    )
    assert messages_after(client, response) == [two]


def test_the_discussion_settings_are_saved_in_a_sentence(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:comments_discussionsettings_change", args=[DiscussionSettings.load().pk])
    data = form_fields(client.get(url).content.decode(), "discussionsettings_form")
    data["max_links"] = "4"
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assert messages_after(client, response) == ["The discussion settings are saved."]
    assert DiscussionSettings.load().max_links == 4
    page = client.get(url).content.decode()
    assert "“Discussion settings” was changed" not in page


def test_the_discussion_settings_keep_their_errors(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:comments_discussionsettings_change", args=[DiscussionSettings.load().pk])
    data = form_fields(client.get(url).content.decode(), "discussionsettings_form")
    data["max_depth"] = "99"
    response = client.post(url, data)
    assert response.status_code == 200 and "errornote" in response.content.decode()

"""Each discussion setting, changed as an editor would in the admin, changes what a reader
sees when they post through the real form."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.links import comment_url
from comments.models import Comment, DiscussionSettings
from tests.helpers import SAME_ORIGIN, parse, post_comment

CLOSED = "Comments are closed on this article."
AWAITING = "Your comment is awaiting moderation"
PUBLISHED = "Your comment is published"


def page_table(client, article, query=""):
    """The thread on the page as (name, depth) rows, in reading order."""
    html = client.get(f"{article.get_absolute_url()}{query}").content.decode()
    names = dict(Comment.objects.values_list("pk", "author_name"))
    return [(names[pk], depth) for pk, depth in parse(html).comments]


def test_comments_closed_site_wide(client, article, human_post, discussion):
    assert CLOSED not in client.get(article.get_absolute_url()).content.decode()  # now cached
    discussion.comments_enabled = False
    discussion.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert CLOSED in html and 'id="comment-form"' not in html

    response = post_comment(client, article, human_post, follow=True)
    assert CLOSED in response.content.decode()
    assert AWAITING not in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("site_days", "article_days", "age_days", "open_"),
    [
        (7, None, 10, False),
        (7, None, 2, True),
        (7, 0, 400, True),  # the article keeps comments open for good
        (0, 3, 5, False),  # the article closes sooner than the site would
        (0, None, 4000, True),
    ],
)
def test_close_after_days_and_article_override(
    client, make_article, human_post, discussion, site_days, article_days, age_days, open_
):
    discussion.close_after_days = site_days
    discussion.save()
    article = make_article(
        published_at=timezone.now() - timedelta(days=age_days),
        comments_close_after_days=article_days,
    )
    assert (CLOSED in client.get(article.get_absolute_url()).content.decode()) is not open_
    post_comment(client, article, human_post)
    assert Comment.objects.exists() is open_


def test_signed_in_users_only(client, article, human_post, discussion, django_user_model):
    discussion.who_can_comment = DiscussionSettings.Who.USERS
    discussion.save()
    assert "Please sign in to comment." in client.get(article.get_absolute_url()).content.decode()
    response = post_comment(client, article, human_post)
    assert response.status_code == 200
    assert "Please sign in to comment." in response.content.decode()
    assert not Comment.objects.exists()

    user = django_user_model.objects.create_user("jamie", "jamie@example.com", "pw")
    client.force_login(user)
    assert 'id="comment-form"' in client.get(article.get_absolute_url()).content.decode()
    assert post_comment(client, article, human_post).status_code == 302
    assert Comment.objects.get().user == user


def test_hold_all_is_the_default(client, article, human_post):
    response = post_comment(client, article, human_post, follow=True)
    assert AWAITING in response.content.decode()
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_known_commenters_are_published_at_once(
    client, article, human_post, discussion, moderator
):
    discussion.moderation = DiscussionSettings.Moderation.KNOWN_COMMENTERS
    discussion.save()
    post_comment(client, article, human_post)
    first = Comment.objects.get()
    assert first.status == Comment.Status.PENDING

    # Known: an approved comment under this email, posted from this same browser.
    services.moderate(Comment.objects.all(), Comment.Status.APPROVED, moderator=moderator)
    human_post.update(author_email="JAMIE@example.com", body="Back again with a question.")
    response = post_comment(client, article, human_post, follow=True)
    assert PUBLISHED in response.content.decode()
    assert "Back again with a question." in response.content.decode()
    assert Comment.objects.get(body__startswith="Back again").status == Comment.Status.APPROVED


def test_publish_unless_flagged(client, article, human_post, discussion):
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.save()
    response = post_comment(client, article, human_post)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    assert response["Location"] == comment_url(comment)

    human_post["body"] = "Ring me on 07700 900123 to talk."
    post_comment(client, article, human_post)
    flagged = Comment.objects.get(body__startswith="Ring me")
    assert flagged.status == Comment.Status.PENDING
    assert [r["code"] for r in flagged.reasons] == ["personal_data"]


def test_max_links(client, article, human_post, discussion):
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.max_links = 0
    discussion.save()
    human_post["body"] = "The trial results are here: https://example.org/trial-results"
    post_comment(client, article, human_post)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "links" in [r["code"] for r in comment.reasons]


def test_max_depth(client, article, thread, human_post, discussion):
    discussion.max_depth = 2
    discussion.save()
    human_post["parent"] = thread["bob"].pk  # Bob is already at depth 2
    post_comment(client, article, human_post)
    reply = Comment.objects.get(author_email="jamie@example.com")
    assert (reply.parent, reply.depth) == (thread["alice"], 2)


def test_pages_keep_each_subtree_whole(client, article, thread, discussion):
    discussion.comments_per_page = 1
    discussion.save()
    first = [("Alice Ames", 1), ("Bob Bell", 2), ("Carol Cho", 3), ("Dan Diaz", 2)]
    assert page_table(client, article) == first
    assert page_table(client, article, "?cpage=2") == [("Erin Eze", 1), ("Fay Fox", 2)]
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comment page 1 of 2" in html and "?cpage=2#comments" in html


def test_newest_first(client, article, thread, discussion):
    discussion.comments_per_page = 1
    discussion.order = DiscussionSettings.Order.NEWEST
    discussion.save()
    assert page_table(client, article) == [("Erin Eze", 1), ("Fay Fox", 2)]
    assert page_table(client, article, "?cpage=2")[0] == ("Alice Ames", 1)


@pytest.mark.parametrize("cpage", ["99", "0", "-1", "abc", "²", "9" * 30, ""])
def test_odd_page_numbers_still_show_a_page(client, article, thread, discussion, cpage):
    discussion.comments_per_page = 1
    discussion.save()
    response = client.get(f"{article.get_absolute_url()}?cpage={cpage}")
    assert response.status_code == 200
    assert len(parse(response.content.decode()).comments) in (2, 4)


def test_flood_control_asks_to_wait_and_keeps_the_text(client, article, human_post):
    for n in range(5):
        human_post["body"] = f"Comment number {n}."
        assert post_comment(client, article, human_post).status_code == 302
    human_post["body"] = "My sixth & carefully typed thought."
    response = post_comment(client, article, human_post)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Please wait" in html
    assert "My sixth &amp; carefully typed thought.</textarea>" in html
    assert Comment.objects.count() == 5


def test_flood_control_counts_per_email_across_addresses(client, article, human_post):
    for n in range(5):
        human_post["body"] = f"Comment number {n}."
        post_comment(client, article, human_post, REMOTE_ADDR=f"198.51.100.{n + 1}")
    human_post["body"] = "From yet another address."
    assert (
        post_comment(client, article, human_post, REMOTE_ADDR="198.51.100.99").status_code == 429
    )


def test_rate_limit_from_settings_and_operator_override(client, article, human_post, settings):
    discussion = DiscussionSettings.load()
    discussion.rate_limit_count = 1
    discussion.save()
    human_post["body"] = "One."
    assert post_comment(client, article, human_post).status_code == 302
    human_post["body"] = "Two."
    assert post_comment(client, article, human_post).status_code == 429

    settings.PULSE_COMMENT_RATE_LIMIT = (3, 60)
    human_post.update(author_email="other@example.com")
    statuses = []
    for n in range(4):
        human_post["body"] = f"Override {n}."
        statuses.append(
            post_comment(client, article, human_post, REMOTE_ADDR="192.0.2.9").status_code
        )
    assert statuses == [302, 302, 302, 429]


def test_reports_to_hide(client, article, make_comment, discussion):
    discussion.reports_to_hide = 2
    discussion.save()
    comment = make_comment(article, body="A claim that vaccines cause autism.")
    url = reverse("comments:report", args=[comment.pk])
    client.post(url, {"reason": "misinformation"}, REMOTE_ADDR="192.0.2.1")
    assert comment.body in client.get(article.get_absolute_url()).content.decode()
    # a second reader, in their own browser
    Client().post(url, {"reason": "misinformation"}, REMOTE_ADDR="192.0.2.2", **SAME_ORIGIN)
    assert comment.body not in client.get(article.get_absolute_url()).content.decode()


def test_crisis_message_is_shown_after_an_urgent_post(client, article, human_post, discussion):
    discussion.crisis_message = "Call the Pulse test crisis line on 0800 000 000."
    discussion.save()
    human_post["body"] = "I don't want to live any more."
    html = post_comment(client, article, human_post, follow=True).content.decode()
    assert 'class="alert alert-warning crisis-resources"' in html
    assert "Call the Pulse test crisis line on 0800 000 000." in html
    comment = Comment.objects.get()
    assert (comment.status, comment.urgent) == (Comment.Status.PENDING, True)


def test_no_crisis_message_for_an_ordinary_post(client, article, human_post):
    assert (
        "crisis-resources"
        not in post_comment(client, article, human_post, follow=True).content.decode()
    )


def test_load_is_cached_and_refreshed_on_save(django_assert_num_queries, db):
    DiscussionSettings.load()
    with django_assert_num_queries(0):
        assert DiscussionSettings.load().max_links == 2
    discussion = DiscussionSettings.load()
    discussion.max_links = 7
    discussion.save()
    assert DiscussionSettings.load().max_links == 7


def test_admin_list_goes_straight_to_the_single_form(admin_client, db):
    response = admin_client.get(reverse("admin:comments_discussionsettings_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:comments_discussionsettings_change", args=[DiscussionSettings.load().pk]
    )
    assert admin_client.get(response["Location"]).status_code == 200

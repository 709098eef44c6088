"""Posting the words of a comment already stored answers exactly as a new post does: the
same redirect, the same message, the same cookies, and no way into the stored comment.
Whether a typed email matches a stored comment is never revealed.  A double click still
stores one comment."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from comments import tokens
from comments.models import Comment, DiscussionSettings
from tests.helpers import comment_messages, post_comment

VICTIM = {"author_name": "Vic Tim", "author_email": "vic@example.com"}
WORDS = "My daughter's diagnosis came after two years of tests."


@pytest.fixture
def victims_comment(article, human_post):
    """A comment the victim posted from their own browser."""
    post_comment(Client(), article, human_post | VICTIM | {"body": WORDS})
    return Comment.objects.get(body=WORDS)


def answer(client, article, data, **extra):
    """What a poster can observe: status, redirect with ids masked, cookie names, the
    messages on the page the redirect leads to, and whether the browser now owns anything."""
    response = post_comment(client, article, data, **extra)
    page = client.get(response["Location"]).content.decode()
    return {
        "status": response.status_code,
        "location": re.sub(r"\d+", "N", response["Location"]),
        "cookies": sorted(response.cookies),
        "messages": comment_messages(page),
        "owns": sorted(tokens.owned_comment_ids(client.get("/").wsgi_request)),
    }


MODES = [
    DiscussionSettings.Moderation.HOLD_ALL,
    DiscussionSettings.Moderation.KNOWN_COMMENTERS,
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("address", ["127.0.0.1", "198.51.100.40"])
def test_reposting_someone_elses_words_answers_like_a_new_post(
    article, human_post, victims_comment, discussion, mode, address
):
    discussion.moderation = mode
    discussion.save()
    repost = answer(Client(), article, human_post | VICTIM | {"body": WORDS}, REMOTE_ADDR=address)
    brand_new = answer(
        Client(), article, human_post | VICTIM | {"body": "Words never posted before."},
        REMOTE_ADDR=address,
    )  # fmt: skip
    # From another address the words make a comment of the reposter's own; from the same
    # address without a key they may be a double click of the first post: stored once.
    # Either way the victim's comment is never the reposter's.
    assert victims_comment.pk not in repost.pop("owns")
    brand_new.pop("owns")
    assert repost == brand_new
    assert repost["messages"] == ["Thank you, Vic Tim. Your comment is awaiting moderation."]
    assert "comment-" not in repost["location"]


@pytest.mark.parametrize("mode", DiscussionSettings.Moderation.values)
def test_the_answer_never_depends_on_the_email_typed(
    article, human_post, victims_comment, discussion, mode
):
    discussion.moderation = mode
    discussion.save()
    same_email = answer(Client(), article, human_post | VICTIM | {"body": WORDS})
    other_email = answer(
        Client(), article, human_post | VICTIM | {"body": WORDS, "author_email": "x@example.com"}
    )
    assert same_email == other_email
    assert same_email["owns"] == []


def test_a_reposting_browser_gets_no_hold_on_the_stored_comment(
    client, article, human_post, victims_comment, discussion
):
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.save()
    stolen = human_post | VICTIM | {"author_name": "Mallory", "body": WORDS}
    response = post_comment(client, article, stolen)
    assert str(victims_comment.pk) not in response["Location"]
    assert victims_comment.author_name not in client.get(response["Location"]).content.decode()
    for name in ("edit", "delete"):
        attempt = client.post(reverse(f"comments:{name}", args=[victims_comment.pk]),
                              {"body": "Hijacked."}, follow=True)  # fmt: skip
        assert "This comment can no longer be changed from this browser." in (
            attempt.content.decode()
        )
    victims_comment.refresh_from_db()
    assert (victims_comment.body, victims_comment.status) == (WORDS, Comment.Status.PENDING)


def test_the_typed_name_is_thanked_never_the_stored_one(
    client, article, human_post, victims_comment
):
    response = post_comment(client, article, human_post | {"body": WORDS}, follow=True)
    html = response.content.decode()
    assert "Thank you, Jamie Reader." in html
    assert "Vic Tim" not in html


def test_a_double_click_stores_one_comment_and_its_browser_owns_it(client, article, human_post):
    first = post_comment(client, article, human_post)
    second = post_comment(client, article, human_post)
    comment = Comment.objects.get()
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    assert comment.pk in tokens.owned_comment_ids(client.get("/").wsgi_request)
    assert client.get(reverse("comments:edit", args=[comment.pk])).status_code == 200


def test_only_the_owning_browser_is_sent_to_its_published_comment(
    client, article, human_post, discussion
):
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.save()
    post_comment(client, article, human_post)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    again = post_comment(client, article, human_post)  # the owner: "already posted" is fine
    assert again["Location"].endswith(f"#comment-{comment.pk}")
    stranger = post_comment(Client(), article, human_post)  # same address, no key
    assert stranger["Location"] == f"{article.get_absolute_url()}#write-comment"
    assert Comment.objects.count() == 1


def test_the_browser_key_cookie_names_no_comment(client, article, human_post):
    response = post_comment(client, article, human_post)
    comment = Comment.objects.get()
    key = response.cookies[tokens.OWNER_COOKIE].value.split(":")[0]
    assert len(key) >= 40 and key != str(comment.pk)  # a random key, not a list of ids
    assert comment.owner_key == tokens.key_hash(tokens.browser_key(client.get("/").wsgi_request))
    assert settings.SESSION_COOKIE_NAME not in response.cookies

"""Posting a comment: POST/redirect/GET, errors re-shown as typed, replies checked, depth cap."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments import services
from comments.models import Comment, DiscussionSettings
from tests.helpers import field_block

AWAITING = "Your comment is awaiting moderation"
NOT_POSTED = "Your comment was not posted"


def error_summary(html):
    """The messages listed in the error summary above the form, as text."""
    start = html.index('class="alert alert-danger error-summary"')
    items = re.findall(r"<li>(.*?)</li>", html[start : html.index("</div>", start)], re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in items]


def parent_input(html):
    return re.search(r'<input type="hidden" name="parent"[^>]*>', html).group(0)


def test_valid_post_waits_for_moderation(client, article, post_url, comment_data):
    comment_data["body"] = "Kept out of sight until approved."
    response = client.post(
        post_url, comment_data, HTTP_USER_AGENT="PulseTest/1.0", REMOTE_ADDR="203.0.113.7"
    )

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#write-comment"
    html = client.get(response["Location"]).content.decode()
    form_section = html[html.index('id="write-comment"') :]
    assert f"Thank you, Jamie Reader. {AWAITING}" in form_section
    # Its author sees it in place, marked; no other reader sees it, nor counts it.
    assert "Kept out of sight until approved." in html
    assert "Awaiting moderation" in html
    assert "No comments yet" in html
    other_reader = Client().get(article.get_absolute_url()).content.decode()
    assert "Kept out of sight until approved." not in other_reader

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert (comment.article, comment.parent) == (article, None)
    assert (comment.author_name, comment.author_email) == ("Jamie Reader", "jamie@example.com")
    assert comment.ip_address == "203.0.113.7"
    assert comment.user_agent == "PulseTest/1.0"


def test_message_is_shown_once(client, post_url, comment_data, article):
    client.post(post_url, comment_data)
    assert AWAITING in client.get(article.get_absolute_url()).content.decode()
    assert AWAITING not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("author_name", "", "Enter your name."),
        ("author_email", "not-an-email", "Enter an email address like name@example.com."),
        ("author_website", "not a web address", "Enter a web address starting with https://."),
        ("body", "   ", "Write your comment."),
    ],
)
def test_invalid_post_shows_error_beside_field(
    client, post_url, comment_data, field, value, error
):
    comment_data[field] = value
    response = client.post(post_url, comment_data)
    html = response.content.decode()

    assert response.status_code == 200
    assert NOT_POSTED in html
    assert any(error in message for message in error_summary(html))
    assert error in field_block(html, field)
    assert 'aria-invalid="true"' in field_block(html, field)
    assert not Comment.objects.exists()


def test_invalid_post_keeps_everything_typed(client, post_url):
    typed = {
        "author_name": "Sam O'Neil",
        "author_email": "sam@",
        "author_website": "example.org/my page",
        "body": "Line one\n\nLine two & more",
    }
    html = client.post(post_url, typed).content.decode()

    assert NOT_POSTED in html
    assert 'value="Sam O&#x27;Neil"' in field_block(html, "author_name")
    assert 'value="sam@"' in field_block(html, "author_email")
    assert 'value="example.org/my page"' in field_block(html, "author_website")
    assert "Line one\n\nLine two &amp; more</textarea>" in field_block(html, "body")


def test_valid_reply_is_stored_with_its_parent(client, article, post_url, comment_data, thread):
    comment_data["parent"] = str(thread["bob"].pk)
    response = client.post(post_url, comment_data)
    assert response.status_code == 302
    reply = Comment.objects.get(author_email="jamie@example.com")
    assert reply.parent == thread["bob"]
    assert reply.depth == 3
    assert reply.status == Comment.Status.PENDING


@pytest.fixture(
    params=["other article", "missing", "pending", "rejected", "abc", "-1", "0", "1.5", "9" * 20]
)
def bad_parent(request, article, make_article, make_comment):
    """A value for the hidden parent input that must not become a reply."""
    if request.param == "other article":
        other = make_article(title="Elsewhere", slug="elsewhere")
        return str(make_comment(other).pk)
    if request.param == "missing":
        return "424242"
    if request.param in ("pending", "rejected"):
        return str(make_comment(article, status=request.param).pk)
    return request.param


def test_bad_reply_target_is_a_clear_form_error(client, post_url, comment_data, bad_parent):
    before = Comment.objects.count()
    comment_data["parent"] = bad_parent
    response = client.post(post_url, comment_data)
    html = response.content.decode()

    assert response.status_code == 200
    assert NOT_POSTED in html
    # The parent input is hidden, so the message has to say what went wrong in words.
    messages = error_summary(html)
    assert any(m.startswith("The comment you are replying to") for m in messages), messages
    assert Comment.objects.count() == before
    assert 'value="Jamie Reader"' in html  # the rest is kept as typed


def test_invalid_reply_keeps_replying(client, post_url, comment_data, thread):
    comment_data.update(parent=str(thread["alice"].pk), author_email="nope")
    html = client.post(post_url, comment_data).content.decode()
    assert '<div class="reply-context" data-reply-context>' in html
    assert "Replying to <strong data-reply-name>Alice Ames</strong>" in html
    assert f'value="{thread["alice"].pk}"' in parent_input(html)


def test_closed_comments_say_so_and_store_nothing(client, article, post_url, comment_data):
    article.comments_open = False
    article.save()

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed on this article." in html
    assert 'id="comment-form"' not in html

    response = client.post(post_url, comment_data, follow=True)
    assert response.status_code == 200
    assert "Comments are closed on this article." in response.content.decode()
    assert AWAITING not in response.content.decode()
    assert not Comment.objects.exists()


def test_get_on_post_url_goes_back_to_the_article(client, article, post_url):
    response = client.get(post_url)
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize("slug_of", ["unknown", "draft", "scheduled"])
def test_post_to_unknown_or_hidden_article_is_404(
    client, comment_data, draft_article, scheduled_article, slug_of
):
    slug = {"unknown": "no-such-article", "draft": draft_article.slug}.get(
        slug_of, scheduled_article.slug
    )
    response = client.post(reverse("comments:post", kwargs={"slug": slug}), comment_data)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert not Comment.objects.exists()


def test_replyto_link_sets_the_form_to_reply(client, article, thread):
    bob = thread["bob"]
    html = client.get(f"{article.get_absolute_url()}?replyto={bob.pk}").content.decode()
    assert '<div class="reply-context" data-reply-context>' in html
    assert "Replying to <strong data-reply-name>Bob Bell</strong>" in html
    assert '<blockquote class="reply-quote small">A thoughtful comment.</blockquote>' in html
    assert f'value="{bob.pk}"' in parent_input(html)


@pytest.mark.parametrize(
    "replyto", ["garbage", "", "-1", "1.0", "²", "9" * 20, "pending", "other article"]
)
def test_replyto_garbage_is_ignored(client, article, thread, make_comment, make_article, replyto):
    if replyto == "pending":
        replyto = make_comment(article, status=Comment.Status.PENDING).pk
    elif replyto == "other article":
        replyto = make_comment(make_article(title="Elsewhere", slug="elsewhere")).pk
    response = client.get(f"{article.get_absolute_url()}?replyto={replyto}")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="reply-context d-none" data-reply-context>' in html
    assert "reply-quote" not in html
    assert "value=" not in parent_input(html)


@pytest.fixture
def chain(article, make_comment):
    """Approved comments each replying to the last, as deep as replies may nest (5)."""
    comments = [make_comment(article, author_name="Level 1")]
    for level in range(2, DiscussionSettings.load().max_depth + 1):
        comments.append(make_comment(article, parent=comments[-1], author_name=f"Level {level}"))
    return comments


def test_reply_below_the_cap_nests(client, post_url, comment_data, chain):
    comment_data["parent"] = str(chain[-2].pk)
    client.post(post_url, comment_data)
    reply = Comment.objects.get(author_email="jamie@example.com")
    assert (reply.parent, reply.depth) == (chain[-2], 5)


def test_reply_at_max_depth_attaches_to_deepest_allowed_ancestor(
    client, post_url, comment_data, chain
):
    assert chain[-1].depth == 5
    comment_data["parent"] = str(chain[-1].pk)
    assert client.post(post_url, comment_data).status_code == 302
    reply = Comment.objects.get(author_email="jamie@example.com")
    assert reply.parent == chain[-2]
    assert reply.depth == 5


def test_lower_depth_cap_from_settings(article, make_comment):
    discussion = DiscussionSettings.load()
    discussion.max_depth = 3
    discussion.save()
    top = make_comment(article)
    second = make_comment(article, parent=top)
    third = make_comment(article, parent=second)
    reply = services.post_comment(
        article=article, parent=third, name=" Kim ", email="kim@example.com", body="Deep."
    ).comment
    assert (reply.parent, reply.depth, reply.author_name) == (second, 3, "Kim")
    assert reply.status == Comment.Status.PENDING

"""A commenter's own comment: edit or delete it for 15 minutes from the same browser, have
the form remember them only when asked, and the article's author marked as such."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.links import comment_url
from comments.models import Comment, DiscussionSettings
from comments.tokens import REMEMBER_COOKIE
from tests.helpers import post_comment

NO_LONGER = "This comment can no longer be changed from this browser."


@pytest.fixture
def open_discussion(discussion):
    """Settings that publish a clean comment at once, so it shows on the page."""
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.save()
    return discussion


@pytest.fixture
def my_comment(client, article, human_post, open_discussion):
    """A comment this test's client posted a moment ago and that is now published."""
    post_comment(client, article, human_post)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    return comment


def edit_url(comment):
    return reverse("comments:edit", args=[comment.pk])


def delete_url(comment):
    return reverse("comments:delete", args=[comment.pk])


def test_the_same_browser_sees_edit_and_delete(client, article, my_comment):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{edit_url(my_comment)}"' in html
    assert f'href="{delete_url(my_comment)}"' in html
    assert client.get(edit_url(my_comment)).status_code == 200
    assert client.get(delete_url(my_comment)).status_code == 200


def test_another_browser_cannot(article, my_comment):
    stranger = Client()
    assert edit_url(my_comment) not in stranger.get(article.get_absolute_url()).content.decode()
    for url in (edit_url(my_comment), delete_url(my_comment)):
        response = stranger.get(url, follow=True)
        assert response.redirect_chain[0][1] == 302
        assert NO_LONGER in response.content.decode()
    response = stranger.post(edit_url(my_comment), {"body": "Hijacked."})
    assert response.status_code == 302
    my_comment.refresh_from_db()
    assert my_comment.body != "Hijacked."


def test_after_fifteen_minutes_it_is_too_late(client, article, my_comment):
    Comment.objects.filter(pk=my_comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=16)
    )
    assert edit_url(my_comment) not in client.get(article.get_absolute_url()).content.decode()
    response = client.post(edit_url(my_comment), {"body": "Too late."}, follow=True)
    assert NO_LONGER in response.content.decode()
    my_comment.refresh_from_db()
    assert my_comment.body != "Too late."


def test_a_clean_edit_stays_published(client, article, my_comment):
    response = client.post(edit_url(my_comment), {"body": "Corrected: my nephew's treatment."})
    assert response["Location"] == comment_url(my_comment)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Your changes are saved." in html
    assert "Corrected: my nephew" in html
    my_comment.refresh_from_db()
    assert my_comment.edited_at is not None


def test_an_edit_goes_back_through_the_checks(client, article, my_comment):
    client.post(edit_url(my_comment), {"body": "Call me on 07700 900123 for help."})
    my_comment.refresh_from_db()
    # Held beside the published text, which readers keep seeing.
    assert (my_comment.status, my_comment.pending_body) == (
        Comment.Status.APPROVED,
        "Call me on 07700 900123 for help.",
    )
    assert [r["code"] for r in my_comment.reasons] == ["personal_data"]
    html = client.get(article.get_absolute_url()).content.decode()
    assert "once a moderator approves them" in html
    assert "07700 900123" not in html
    assert "This helped me understand" in html


def test_an_empty_edit_is_refused(client, my_comment):
    response = client.post(edit_url(my_comment), {"body": "  "})
    assert response.status_code == 200
    assert "Write your comment." in response.content.decode()
    my_comment.refresh_from_db()
    assert my_comment.body == "This helped me understand my brother's treatment."


def test_delete_hides_it_and_keeps_the_record(client, article, my_comment):
    response = client.post(delete_url(my_comment), follow=True)
    html = response.content.decode()
    assert "Your comment was removed." in html
    assert "This helped me understand" not in html
    my_comment.refresh_from_db()
    assert (my_comment.status, my_comment.moderation_reason) == (
        Comment.Status.DELETED,
        "author_deleted",
    )


def test_a_deleted_comment_cannot_be_edited_back(client, my_comment):
    client.post(delete_url(my_comment))
    response = client.post(edit_url(my_comment), {"body": "Back from the dead."}, follow=True)
    assert NO_LONGER in response.content.decode()
    my_comment.refresh_from_db()
    assert my_comment.status == Comment.Status.DELETED


def test_remember_me_prefills_the_next_form(client, article, human_post):
    human_post.update(author_website="https://jamie.example", remember="on")
    post_comment(client, article, human_post)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'value="Jamie Reader"' in html
    assert 'value="jamie@example.com"' in html
    assert 'value="https://jamie.example"' in html


def test_without_consent_nothing_is_remembered(client, article, human_post):
    response = post_comment(client, article, human_post)
    assert (
        not response.cookies.get(REMEMBER_COOKIE, None)
        or not response.cookies[REMEMBER_COOKIE].value
    )
    assert 'value="Jamie Reader"' not in client.get(article.get_absolute_url()).content.decode()


def test_unticking_forgets_a_remembered_commenter(client, article, human_post):
    post_comment(client, article, human_post | {"remember": "on"})
    post_comment(client, article, human_post | {"body": "A second, different comment."})
    assert client.cookies[REMEMBER_COOKIE].value == ""
    assert 'value="Jamie Reader"' not in client.get(article.get_absolute_url()).content.decode()


def test_a_forged_remember_cookie_is_ignored(client, article):
    client.cookies[REMEMBER_COOKIE] = "Mallory:forged"
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Mallory" not in response.content.decode()


def test_the_article_author_is_marked(
    client, article, author, human_post, open_discussion, django_user_model
):
    writer = django_user_model.objects.create_user("ada", "ada@example.com", "pw")
    author.user = writer
    author.save()
    client.force_login(writer)
    post_comment(
        client, article, human_post | {"author_name": "Ada Okafor", "body": "Thanks, all."}
    )
    comment = Comment.objects.get()
    assert comment.by_article_author
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="comment by-author"' in html
    assert '<span class="badge author-badge">Author</span>' in html


def test_using_the_authors_name_is_not_enough(
    client, article, author, human_post, open_discussion
):
    post_comment(client, article, human_post | {"author_name": "Ada Okafor"})
    assert not Comment.objects.get().by_article_author
    assert "author-badge" not in client.get(article.get_absolute_url()).content.decode()


def test_another_signed_in_user_is_not_the_author(
    client, article, author, human_post, open_discussion, django_user_model
):
    author.user = django_user_model.objects.create_user("ada", "ada@example.com", "pw")
    author.save()
    client.force_login(django_user_model.objects.create_user("sam", "sam@example.com", "pw"))
    post_comment(client, article, human_post)
    assert not Comment.objects.get().by_article_author

"""Readers see published articles and approved comments, and nothing else."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment

HIDDEN = ["draft_article", "scheduled_article"]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def shelf(article, draft_article, scheduled_article):
    """One article readers may see and two they may not, same category and author."""
    return article, draft_article, scheduled_article


@pytest.mark.parametrize(
    "url_of",
    [
        lambda article: reverse("articles:home"),
        lambda article: article.category.get_absolute_url(),
        lambda article: article.author.get_absolute_url(),
    ],
    ids=["home", "category", "author"],
)
def test_listings_show_only_published_articles(client, shelf, url_of):
    published, draft, scheduled = shelf
    html = page(client, url_of(published))
    assert published.title in html
    assert draft.title not in html
    assert scheduled.title not in html
    assert draft.get_absolute_url() not in html
    assert scheduled.get_absolute_url() not in html


def test_more_articles_shows_only_published(client, shelf, make_article):
    published, draft, scheduled = shelf
    neighbour = make_article(title="Sleep basics", slug="sleep-basics")
    html = page(client, published.get_absolute_url())
    related = html[html.index("More Articles") :]
    assert neighbour.title in related
    assert draft.title not in related
    assert scheduled.title not in related


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_article_url_is_a_404(client, request, hidden):
    article = request.getfixturevalue(hidden)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert article.title not in response.content.decode()


def test_scheduled_article_appears_when_its_time_comes(client, scheduled_article):
    assert client.get(scheduled_article.get_absolute_url()).status_code == 404
    scheduled_article.published_at = timezone.now() - timedelta(minutes=1)
    scheduled_article.save()
    assert scheduled_article.title in page(client, scheduled_article.get_absolute_url())
    assert scheduled_article.title in page(client, reverse("articles:home"))


def test_published_article_on_every_listing(client, article):
    for url in (
        reverse("articles:home"),
        article.category.get_absolute_url(),
        article.author.get_absolute_url(),
    ):
        assert article.get_absolute_url() in page(client, url)
    assert "<h1" in page(client, article.get_absolute_url())


def test_only_approved_comments_are_shown_and_counted(client, article, make_comment):
    make_comment(article, body="Approved one.")
    make_comment(article, body="Approved two.")
    make_comment(article, body="Still waiting.", status=Comment.Status.PENDING)
    make_comment(article, body="Turned down.", status=Comment.Status.REJECTED)
    make_comment(article, body="Buy pills now.", status=Comment.Status.SPAM)

    html = page(client, article.get_absolute_url())

    assert "2 Comments" in html
    assert "Approved one." in html and "Approved two." in html
    for hidden in ("Still waiting.", "Turned down.", "Buy pills now."):
        assert hidden not in html
    assert html.count('class="comment"') == 2


@pytest.mark.parametrize(
    "status", [Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM]
)
def test_only_unapproved_comments_means_no_comments_yet(client, article, make_comment, status):
    make_comment(article, body="Not for readers.", status=status)
    html = page(client, article.get_absolute_url())
    assert "No comments yet" in html
    assert "Not for readers." not in html


@pytest.mark.parametrize(
    "parent_status", [Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM]
)
def test_approved_reply_to_hidden_parent_is_not_shown(
    client, article, make_comment, parent_status
):
    make_comment(article, body="A visible comment.")
    parent = make_comment(article, body="Hidden parent.", status=parent_status)
    reply = make_comment(article, parent=parent, body="Orphaned reply.")
    make_comment(article, parent=reply, body="Orphaned grandchild.")

    html = page(client, article.get_absolute_url())

    assert "1 Comment" in html
    assert "A visible comment." in html
    for hidden in ("Hidden parent.", "Orphaned reply.", "Orphaned grandchild."):
        assert hidden not in html
    assert f'id="comment-{reply.pk}"' not in html


def test_approving_the_parent_reveals_its_reply(client, article, make_comment):
    parent = make_comment(article, body="Waiting parent.", status=Comment.Status.PENDING)
    make_comment(article, parent=parent, body="Waiting reply.")
    assert "Waiting reply." not in page(client, article.get_absolute_url())

    parent.status = Comment.Status.APPROVED
    parent.save()

    html = page(client, article.get_absolute_url())
    assert "2 Comments" in html
    assert html.index("Waiting parent.") < html.index("Waiting reply.")


def test_comments_of_other_articles_are_not_shown(client, article, make_article, make_comment):
    other = make_article(title="Other piece", slug="other-piece")
    make_comment(other, body="Belongs elsewhere.")
    html = page(client, article.get_absolute_url())
    assert "No comments yet" in html
    assert "Belongs elsewhere." not in html

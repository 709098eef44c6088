"""Editors' workflow: draft → in review → published, scheduling, staff preview, unpublish."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

HOME = reverse("articles:home")


@pytest.mark.parametrize(
    ("status", "visible"),
    [
        (Article.Status.DRAFT, False),
        (Article.Status.REVIEW, False),
        (Article.Status.PUBLISHED, True),
    ],
)
def test_each_status_is_visible_only_when_published(client, make_article, status, visible):
    article = make_article(status=status)
    assert client.get(article.get_absolute_url()).status_code == (200 if visible else 404)
    assert (article.title in client.get(HOME).content.decode()) is visible
    assert list(Article.objects.published()) == ([article] if visible else [])


def test_scheduled_article_at_the_boundary(client, make_article):
    """Visible from the very second of its publication date, not a second before."""
    now = timezone.now()
    soon = make_article(slug="soon", published_at=now + timedelta(seconds=2))
    just = make_article(slug="just", title="Just out", published_at=now - timedelta(seconds=1))
    published = set(Article.objects.published())
    assert just in published and soon not in published
    assert client.get(soon.get_absolute_url()).status_code == 404

    soon.published_at = timezone.now()  # its time comes: no cron job involved
    soon.save()
    assert soon in Article.objects.published()
    assert client.get(soon.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("hidden", ["draft_article", "review_article", "scheduled_article"])
def test_staff_preview_shows_hidden_articles_marked_and_never_cached(
    client, editor, request, hidden
):
    article = request.getfixturevalue(hidden)
    client.force_login(editor)
    response = client.get(article.get_preview_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert article.title in html
    assert "<strong>Preview</strong>" in html
    assert 'content="noindex, nofollow"' in html
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert "Write a comment" not in html  # nobody comments on a preview


@pytest.mark.parametrize("who", ["anonymous", "reader", "moderator"])
def test_preview_is_a_404_for_anyone_but_editors(client, draft_article, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(draft_article.get_preview_url())
    assert response.status_code == 404
    assert draft_article.title not in response.content.decode()


def test_preview_of_unknown_article_is_a_404(client, editor, db):
    client.force_login(editor)
    assert client.get(reverse("articles:preview", kwargs={"pk": 999})).status_code == 404


def test_admin_links_to_the_preview(client, editor, draft_article):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[draft_article.pk])
    html = client.get(url).content.decode()
    assert f'href="{draft_article.get_preview_url()}"' in html


def admin_action(client, action, *articles):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


def test_draft_goes_to_review_then_published_then_unpublished(client, editor, ready_draft):
    draft_article = ready_draft
    client.force_login(editor)
    url = draft_article.get_absolute_url()

    assert (
        "1 article sent to review."
        in admin_action(client, "send_to_review", draft_article).content.decode()
    )
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.REVIEW
    client.logout()
    assert client.get(url).status_code == 404

    client.force_login(editor)
    assert (
        "1 article published." in admin_action(client, "publish", draft_article).content.decode()
    )
    client.logout()
    assert client.get(url).status_code == 200

    client.force_login(editor)
    response = admin_action(client, "unpublish", draft_article)
    assert "1 article unpublished." in response.content.decode()
    client.logout()
    assert client.get(url).status_code == 404
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT


def test_status_actions_are_versions_with_the_editors_name(client, editor, article):
    client.force_login(editor)
    admin_action(client, "unpublish", article)
    latest = article.history.first()
    assert (latest.status, latest.history_user) == (Article.Status.DRAFT, editor)
    admin_action(client, "send_to_review", article)
    assert article.history.first().status == Article.Status.REVIEW

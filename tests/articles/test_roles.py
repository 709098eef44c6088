"""Roles by permissions: a writer writes and edits their own drafts and sends them to review,
and cannot publish by any route; an editor publishes when the checklist allows it; a
category can require a medical sign-off."""

import pytest
from django.urls import reverse

from articles import publishing
from articles.models import Article, SiteSettings
from tests.helpers import edit_in_admin

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def action(client, name, *articles, **extra):
    return client.post(
        CHANGELIST, {"action": name, "_selected_action": [a.pk for a in articles], **extra}
    )


@pytest.fixture
def own_draft(make_article, writer):
    """A draft the writer started."""
    return make_article(
        title="My own draft", slug="my-own-draft", status=Article.Status.DRAFT,
        published_at=None, created_by=writer,
    )  # fmt: skip


@pytest.fixture
def others_draft(make_article, editor):
    """A draft somebody else started."""
    return make_article(
        title="Someone else's draft", slug="someone-elses-draft", status=Article.Status.DRAFT,
        published_at=None, created_by=editor,
    )  # fmt: skip


def new_article(category, author, **changes):
    return {
        "title": "Written by a writer", "slug": "written-by-a-writer",
        "category": category.pk, "author": author.pk, "summary": "A summary.",
        "body": "Some words.", "tags": "", "cover_alt": "", "status": "draft",
        "published_at_0": "", "published_at_1": "", "comments_open": "on",
        "comments_close_after_days": "",
        "references-TOTAL_FORMS": "0", "references-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
        **changes,
    }  # fmt: skip


def test_writer_writes_a_draft_and_sends_it_to_review(client, writer, category, author):
    client.force_login(writer)
    form = client.get(ADD).content.decode()
    assert '<option value="review">' in form
    assert 'value="published"' not in form  # not even offered
    assert client.post(ADD, new_article(category, author)).status_code == 302
    article = Article.objects.get(slug="written-by-a-writer")
    assert (article.created_by, article.status) == (writer, Article.Status.DRAFT)

    action(client, "send_to_review", article)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_writer_restoring_an_autosave_is_still_not_offered_published(client, writer, own_draft):
    client.force_login(writer)
    autosave = reverse("admin:articles_article_autosave", args=[own_draft.pk])
    client.post(autosave, {"title": own_draft.title, "body": "Typed, not saved."})
    form = client.get(change_url(own_draft), {"restore-autosave": "1"}).content.decode()
    assert "Typed, not saved." in form
    assert '<option value="review">' in form
    assert 'value="published"' not in form


def test_writer_cannot_publish_through_the_status_field(client, writer, own_draft):
    client.force_login(writer)
    response = edit_in_admin(
        client, change_url(own_draft), own_draft, status="published",
        published_at_0="", published_at_1="",
    )  # fmt: skip
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.DRAFT


def test_writer_cannot_create_an_article_published(client, writer, category, author):
    client.force_login(writer)
    response = client.post(ADD, new_article(category, author, status="published"))
    assert response.status_code == 200
    assert not Article.objects.filter(slug="written-by-a-writer").exists()


def test_writer_cannot_publish_through_the_action(client, writer, own_draft):
    client.force_login(writer)
    html = client.get(CHANGELIST).content.decode()
    assert 'value="send_to_review"' in html
    assert 'value="publish"' not in html
    response = action(client, "publish", own_draft)  # a forged POST of the action
    assert response.status_code in (200, 302)
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.DRAFT


def test_writer_cannot_publish_by_restoring_a_published_version(client, writer, make_article):
    article = make_article(title="Once out", slug="once-out", created_by=writer)
    article.status, article.published_at = Article.Status.DRAFT, None
    article.save()  # unpublished by an editor; the first version was published
    published = article.history.earliest()
    client.force_login(writer)
    revert = reverse("admin:articles_article_simple_history", args=[article.pk, published.pk])
    response = edit_in_admin(client, revert, published.instance, status="published")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_writer_sees_and_edits_only_their_own_articles(client, writer, own_draft, others_draft):
    client.force_login(writer)
    html = client.get(CHANGELIST).content.decode()
    assert "My own draft" in html
    assert "Someone else" not in html
    assert client.get(change_url(others_draft)).status_code == 302  # "doesn't exist"
    edit_in_admin(client, change_url(others_draft), others_draft, title="Hijacked")
    others_draft.refresh_from_db()
    assert others_draft.title == "Someone else's draft"
    assert client.get(others_draft.get_preview_url()).status_code == 404

    response = edit_in_admin(
        client, change_url(own_draft), own_draft, title="My better draft",
        published_at_0="", published_at_1="",
    )  # fmt: skip
    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.title == "My better draft"


def test_writer_sees_articles_under_their_byline(client, writer, make_article, author):
    author.user = writer
    author.save()
    make_article(title="Bylined", slug="bylined", status=Article.Status.DRAFT, published_at=None)
    client.force_login(writer)
    assert "Bylined" in client.get(CHANGELIST).content.decode()


def test_writer_cannot_edit_their_article_once_published(client, writer, make_article):
    article = make_article(title="Out now", slug="out-now", created_by=writer)
    client.force_login(writer)
    response = client.get(change_url(article))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()  # shown read-only
    assert edit_in_admin(client, change_url(article), article, title="X").status_code == 403
    article.refresh_from_db()
    assert article.title == "Out now"


def test_editor_publishes_through_the_status_field(client, editor, ready_draft):
    client.force_login(editor)
    response = edit_in_admin(
        client, change_url(ready_draft), ready_draft, status="published",
        published_at_0="", published_at_1="", cover_alt="A blue sky",
    )  # fmt: skip
    assert response.status_code == 302
    ready_draft.refresh_from_db()
    assert ready_draft.is_public


def test_a_blocking_item_stops_publishing_with_its_name(client, editor, draft_article):
    client.force_login(editor)
    response = edit_in_admin(
        client, change_url(draft_article), draft_article, status="published",
        published_at_0="", published_at_1="",
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Medical review signed off and current: No medical reviewer" in html
    assert "Cover image with a description: Add a cover image" in html
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT

    action(client, "publish", draft_article)
    html = client.get(CHANGELIST).content.decode()
    assert "was not changed:" in html and "Medical review signed off and current" in html
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT


def test_a_category_can_require_a_medical_sign_off(client, editor, draft_article, category):
    site = SiteSettings.load()
    site.blocking_checks = []  # nothing blocks site-wide
    site.save()
    client.force_login(editor)
    action(client, "publish", draft_article)
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.PUBLISHED
    action(client, "unpublish", draft_article)

    category.requires_medical_signoff = True
    category.save()
    action(client, "publish", draft_article)
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT
    assert "Medical review signed off" in client.get(CHANGELIST).content.decode()


def test_no_service_publishes_for_a_writer(writer, own_draft, ready_draft):
    for article in (own_draft, ready_draft):
        with pytest.raises(publishing.Refused, match="permission to publish"):
            publishing.change_status(writer, article, Article.Status.PUBLISHED)
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT


def test_publishing_service_runs_the_checklist_for_editors_too(editor, draft_article):
    with pytest.raises(publishing.Refused, match="Medical review signed off and current"):
        publishing.change_status(editor, draft_article, Article.Status.PUBLISHED)


def test_writer_cannot_edit_their_article_once_sent_to_review(client, writer, own_draft):
    client.force_login(writer)
    action(client, "send_to_review", own_draft)
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.REVIEW
    assert 'name="_save"' not in client.get(change_url(own_draft)).content.decode()
    assert edit_in_admin(client, change_url(own_draft), own_draft, title="X").status_code == 403

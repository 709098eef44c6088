"""Autosave: the article form's text is kept on the server as the editor's own autosave (not
a revision, never the article); reopening the form offers it back, restoring fills the form,
discarding deletes it, saving the article deletes it, and only people who may change the
article may autosave it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles.autosave import ArticleAutosave
from articles.models import Article
from tests.helpers import form_fields

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


TYPED = {"title": "Sleep, trauma and recovery", "summary": "Typed, not saved.",
         "body": "A new first paragraph [1].", "tags": "sleep", "slug": "trauma-and-recovery",
         "cover_alt": ""}  # fmt: skip


def test_the_form_s_text_is_kept_without_touching_the_article(client, editor, article):
    client.force_login(editor)
    response = client.post(autosave_url(article), {**TYPED, "status": "draft", "extra": "x"})

    assert response.status_code == 200
    assert "savedAt" in response.json()
    kept = ArticleAutosave.objects.get(user=editor, article=article)
    assert kept.data == TYPED  # the typed text fields, nothing else
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.body, stored.status) == (article.title, article.body, "published")
    assert article.history.count() == stored.history.count()  # not a revision either


def test_reopening_the_form_offers_the_unsaved_changes(client, editor, article):
    client.force_login(editor)
    client.post(autosave_url(article), TYPED)

    html = client.get(change_url(article)).content.decode()

    assert "You left unsaved changes in this form at" in html
    assert f"Restore your unsaved changes from {timezone.localtime():%H:%M}" in html
    assert 'href="?restore-autosave=1"' in html
    discard = reverse("admin:articles_article_autosave_discard", args=[article.pk])
    assert f'action="{discard}"' in html


def test_an_autosave_older_than_the_article_is_not_offered(client, editor, article):
    client.force_login(editor)
    client.post(autosave_url(article), TYPED)
    ArticleAutosave.objects.update(saved_at=timezone.now() - timedelta(days=1))

    assert "Restore your unsaved changes" not in client.get(change_url(article)).content.decode()


def test_restore_fills_the_form_from_the_autosave(client, editor, article):
    client.force_login(editor)
    client.post(autosave_url(article), TYPED)

    html = client.get(change_url(article), {"restore-autosave": "1"}).content.decode()

    fields = form_fields(html, "article_form")
    assert fields["title"] == "Sleep, trauma and recovery"
    assert fields["body"] == "A new first paragraph [1]."
    assert fields["summary"] == "Typed, not saved."
    assert "Your unsaved changes are back in the form." in html
    assert Article.objects.get(pk=article.pk).title == article.title  # only the form


def test_discard_deletes_the_autosave(client, editor, article):
    client.force_login(editor)
    client.post(autosave_url(article), TYPED)
    discard = reverse("admin:articles_article_autosave_discard", args=[article.pk])

    assert client.get(discard).status_code == 302  # a GET changes nothing
    assert ArticleAutosave.objects.count() == 1
    response = client.post(discard, follow=True)

    assert ArticleAutosave.objects.count() == 0
    assert "Your unsaved changes were discarded." in response.content.decode()
    assert "Restore your unsaved changes" not in response.content.decode()


def test_saving_the_article_deletes_the_editor_s_autosave(client, editor, second_editor, article):
    client.force_login(second_editor)
    client.post(autosave_url(article), TYPED)
    client.force_login(editor)
    client.post(autosave_url(article), TYPED)
    fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")

    response = client.post(change_url(article), {**fields, "title": "Saved title", "_save": "1"})

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Saved title"
    assert list(ArticleAutosave.objects.values_list("user__username", flat=True)) == ["dana"]


def test_a_new_article_has_one_autosave_slot_per_editor(client, editor, category, author):
    client.force_login(editor)
    new_slot = reverse("admin:articles_article_autosave_new")
    client.post(new_slot, {"title": "First try", "body": "Draft one."})
    client.post(new_slot, {"title": "Second try", "body": "Draft two."})

    kept = ArticleAutosave.objects.get(user=editor)
    assert kept.article is None and kept.data["title"] == "Second try"
    add = reverse("admin:articles_article_add")
    assert "Restore your unsaved changes" in client.get(add).content.decode()
    restored = form_fields(
        client.get(add, {"restore-autosave": "1"}).content.decode(), "article_form"
    )
    assert restored["body"] == "Draft two."

    fields = {**restored, "title": "Sleep", "slug": "sleep", "category": category.pk,
              "author": author.pk, "summary": "About sleep.", "status": "draft",
              "_save": "1"}  # fmt: skip
    assert client.post(add, fields).status_code == 302
    assert not ArticleAutosave.objects.exists()  # the new article's slot is emptied


def test_only_people_who_may_change_the_article_autosave_it(
    client, moderator, article, django_user_model
):
    assert client.post(autosave_url(article), TYPED).status_code == 302  # to the login page
    client.force_login(moderator)
    assert client.post(autosave_url(article), TYPED).status_code == 403
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    assert client.post(autosave_url(article), TYPED).status_code == 403
    assert client.post(reverse("admin:articles_article_autosave_new"), TYPED).status_code == 403
    assert not ArticleAutosave.objects.exists()


def test_autosave_needs_a_post_with_the_csrf_token(editor, article):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True, HTTP_SEC_FETCH_SITE="same-origin")
    browser.force_login(editor)
    assert browser.get(autosave_url(article)).status_code == 405
    assert browser.post(autosave_url(article), TYPED).status_code == 403  # no token
    assert not ArticleAutosave.objects.exists()


def test_an_unknown_article_is_not_found(client, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_autosave", args=["999"])
    assert client.post(url, TYPED).status_code == 404
    assert client.post(url.replace("999", "abc"), TYPED).status_code == 404


def test_each_field_is_kept_within_its_limit(client, editor, article):
    client.force_login(editor)
    client.post(autosave_url(article), {"title": "x" * 10_000, "body": "y" * 300_000})

    kept = ArticleAutosave.objects.get()
    assert len(kept.data["title"]) == 2_000
    assert len(kept.data["body"]) == 200_000


def test_a_nul_character_is_dropped_not_a_server_error(client, editor, article):
    client.force_login(editor)
    response = client.post(autosave_url(article), {"title": "Sle\x00ep", "body": "\x00Rest"})

    assert response.status_code == 200  # PostgreSQL refuses NUL in JSON: never reaches it
    assert ArticleAutosave.objects.get().data == {"title": "Sleep", "body": "Rest"}


def test_an_autosave_costs_the_same_few_queries_every_time(
    client, editor, article, django_assert_num_queries
):
    """Every open form sends one every 15 seconds: session, user, article, permissions,
    the autosave's row and the lock's, each in a savepoint."""
    client.force_login(editor)
    client.post(autosave_url(article), TYPED)
    with django_assert_num_queries(13):
        assert client.post(autosave_url(article), TYPED).status_code == 200

"""Saving never silently overwrites someone else's newer save: the form carries the version
it was opened from, and a save from an older version is refused with the typed text kept in
the form and a link to compare it with the newer version.  Without JavaScript the form
saves as it always did."""

import pytest
from django.urls import reverse

from articles.autosave import ArticleAutosave
from articles.models import Article
from tests.helpers import form_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("patient_markdown")]

REFUSED = "saved this article at"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def opened_form(client, article):
    """What a browser would send for the change form as it is now."""
    return form_fields(client.get(change_url(article)).content.decode(), "article_form")


def test_the_form_as_served_saves_without_javascript(client, editor, article):
    client.force_login(editor)
    fields = opened_form(client, article)
    assert fields["base_version"]  # the version it was opened from travels with it

    response = client.post(
        change_url(article), {**fields, "body": "Plain textarea.\n\n## A section", "_save": "1"}
    )

    assert response.status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert saved.body == "Plain textarea.\n\n## A section"
    assert '<h2 id="a-section">A section</h2>' in saved.body_html


def test_a_save_from_an_older_version_is_refused_and_nothing_typed_is_lost(
    client, editor, second_editor, article
):
    client.force_login(editor)
    mine = opened_form(client, article)
    client.force_login(second_editor)
    theirs = opened_form(client, article)
    client.post(change_url(article), {**theirs, "body": "Dana's newer body.", "_continue": "1"})

    client.force_login(editor)
    response = client.post(
        change_url(article), {**mine, "title": "My title", "body": "My body.", "_continue": "1"}
    )

    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    assert "Please correct the error below." in html
    assert f"Dana Editor {REFUSED}" in html
    assert "your changes are not saved yet" in html
    again = form_fields(html, "article_form")
    assert (again["title"], again["body"]) == ("My title", "My body.")  # kept in the form
    assert Article.objects.get(pk=article.pk).body == "Dana's newer body."
    compare = reverse("admin:articles_article_autosave_compare", args=[article.pk])
    assert f'href="{compare}"' in html
    # The typed text is on the server too, for the comparison.
    assert ArticleAutosave.objects.get(user=editor, article=article).data["body"] == "My body."


def test_the_comparison_shows_the_saved_version_beside_the_typed_text(
    client, editor, second_editor, article
):
    client.force_login(editor)
    mine = opened_form(client, article)
    client.force_login(second_editor)
    theirs = opened_form(client, article)
    client.post(change_url(article), {**theirs, "body": "Line one.\nDana's line.", "_save": "1"})
    client.force_login(editor)
    client.post(change_url(article), {**mine, "body": "Line one.\nMy <b>line</b>.", "_save": "1"})

    html = client.get(reverse("admin:articles_article_autosave_compare", args=[article.pk]))
    html = html.content.decode()

    assert "<del>Dana&#x27;s line.</del>" in html
    assert "<ins>My &lt;b&gt;line&lt;/b&gt;.</ins>" in html  # escaped, never markup
    assert "Line one." in html
    assert "Title · the same" in html


def test_saving_again_after_the_refusal_is_deliberate_and_goes_through(
    client, editor, second_editor, article
):
    client.force_login(editor)
    mine = opened_form(client, article)
    client.force_login(second_editor)
    client.post(change_url(article), {**opened_form(client, article), "_continue": "1"})
    client.force_login(editor)
    refused = client.post(change_url(article), {**mine, "body": "Mine, after all."})
    assert REFUSED in refused.content.decode()

    again = form_fields(refused.content.decode(), "article_form")
    response = client.post(change_url(article), {**again, "_save": "1"})

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).body == "Mine, after all."
    assert not ArticleAutosave.objects.exists()


def test_the_comparison_without_anything_to_compare_goes_back_to_the_form(client, editor, article):
    client.force_login(editor)
    url = reverse("admin:articles_article_autosave_compare", args=[article.pk])
    response = client.get(url, follow=True)
    assert "You have no unsaved changes to compare." in response.content.decode()

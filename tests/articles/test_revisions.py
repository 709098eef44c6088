"""Revisions: every save keeps a version; an editor compares versions and restores one."""

from django.urls import reverse

from tests.helpers import edit_in_admin


def test_every_save_keeps_a_version(article):
    article.title = "Second title"
    article.save()
    article.title = "Third title"
    article.save()
    assert [v.title for v in article.history.all()] == [
        "Third title",
        "Second title",
        "Trauma and recovery",
    ]


def test_admin_history_shows_who_changed_what(client, editor, article):
    client.force_login(editor)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    response = edit_in_admin(client, change_url, article, title="Trauma, recovery and hope")
    assert response.status_code == 302
    assert article.history.count() == 2  # one version per admin save, not two

    html = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = " ".join(html.content.decode().split())
    compared = (
        "<strong>Title:</strong> Trauma and recovery &nbsp;&rarr;&nbsp;&nbsp;Trauma, recovery"
    )
    assert compared in html
    assert ">ed<" in html  # the editor who made the change


def test_editor_restores_an_earlier_version(client, editor, article):
    client.force_login(editor)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    edit_in_admin(client, change_url, article, title="A worse title", body="Shorter body.")
    assert "A worse title" in client.get(article.get_absolute_url()).content.decode()

    first = article.history.earliest()
    revert_url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
    form = client.get(revert_url).content.decode()
    assert 'value="Trauma and recovery"' in form

    response = edit_in_admin(client, revert_url, first.instance)
    assert response.status_code == 302
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h1 id="article-title" class="article-title">Trauma and recovery</h1>' in html
    assert '<h2 id="first-section">First section</h2>' in html  # rendered again on restore
    assert article.history.count() == 3

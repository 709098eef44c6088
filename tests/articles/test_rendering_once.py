"""An article's Markdown is rendered when its body changes, once per admin save, and not
for saves that leave the body alone (a status change, a scheduled publication)."""

import pytest
from django.urls import reverse

from articles import models
from tests.helpers import edit_in_admin


@pytest.fixture
def renders(monkeypatch):
    """How many times Markdown is rendered."""
    calls = []
    real = models.render_markdown

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(models, "render_markdown", counting)
    return calls


def test_a_save_that_leaves_the_body_alone_renders_nothing(article, renders):
    article.title = "Another title"
    article.save()
    article.status = models.Article.Status.DRAFT
    article.save(update_fields=["status"])
    assert renders == []


def test_an_admin_save_renders_a_changed_body_once(client, editor, article, renders):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = edit_in_admin(client, url, article, body="A new body.\n\n## With a section")
    assert response.status_code == 302
    assert renders == ["A new body.\n\n## With a section"]
    article.refresh_from_db()
    assert '<h2 id="with-a-section">With a section</h2>' in article.body_html


def test_an_admin_save_without_changes_renders_nothing(client, editor, article, renders):
    article.body = article.body.strip()  # as the admin's form stores it
    article.save()
    renders.clear()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert edit_in_admin(client, url, article).status_code == 302
    assert renders == []

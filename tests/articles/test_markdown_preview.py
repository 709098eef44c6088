"""Admin helpers for editors: the body's Markdown previewed before saving (rendered and
sanitised as on save) and suggestions of existing tags."""

from django.urls import reverse

PREVIEW = reverse("admin:articles_article_markdown_preview")


def test_editor_gets_the_rendered_sanitised_body(client, editor):
    client.force_login(editor)
    body = "## Doses\n\n| Drug | Dose |\n| --- | --- |\n| A | 5 mg |\n\n<script>alert(1)</script>"
    response = client.post(PREVIEW, {"body": body})
    assert response.status_code == 200
    html = response.json()["html"]
    assert '<h2 id="doses">Doses</h2>' in html
    assert "<table>" in html and "<td>5 mg</td>" in html
    assert "<script>" not in html


def test_moderators_and_readers_cannot_use_it(client, moderator):
    assert client.post(PREVIEW, {"body": "x"}).status_code == 302  # to the admin login
    client.force_login(moderator)
    assert client.post(PREVIEW, {"body": "x"}).status_code == 403


def test_the_change_form_loads_the_preview_script(client, editor, article):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert b"js/admin-article.js" in html


def test_tag_suggestions_offer_existing_tags(client, editor, tagged_article):
    client.force_login(editor)
    url = reverse("admin:articles_article_tag_suggestions")
    assert client.get(url, {"q": "ins"}).json() == {"tags": ["insomnia"]}
    assert client.get(url, {"q": "S"}).json() == {"tags": ["sleep"]}
    assert client.get(url, {"q": "\x00" * 3}).json() == {"tags": []}

"""The article form's shape: the Markdown editor is loaded from our own static files (no
CDN), with its settings for the page; sections are grouped and collapsible; references are
stacked rows; the preview renders [n] as links when the form has that many references."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def change_form(client, editor, referenced_article):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[referenced_article.pk])
    return client.get(url).content.decode()


def test_the_editor_comes_from_our_static_files(change_form):
    assert '<script src="/static/vendor/easymde/easymde.min.js"></script>' in change_form
    assert '<script src="/static/articles/editor.js"></script>' in change_form
    assert 'href="/static/vendor/easymde/easymde.min.css"' in change_form
    loaded = re.findall(r'<(?:script|link)[^>]* (?:src|href)="([^"]+)"', change_form)
    assert loaded and all(url.startswith("/") and not url.startswith("//") for url in loaded)


def test_the_editor_s_settings_are_on_the_page(change_form, referenced_article):
    found = re.search(
        r'<script id="pulse-editor-config" type="application/json">(.*?)</script>', change_form
    )
    config = json.loads(found.group(1))
    assert config["previewUrl"] == reverse("admin:articles_article_markdown_preview")
    assert config["autosaveUrl"] == reverse(
        "admin:articles_article_autosave", args=[referenced_article.pk]
    )
    assert config["autosaveSeconds"] == 15
    # The preview is styled by the site's own stylesheets.
    assert config["previewStylesheets"] == [
        "/static/vendor/bootstrap/bootstrap.min.css",
        "/static/css/pulse.css",
    ]


def test_the_image_dialog_also_takes_a_typed_library_number(change_form):
    assert 'id="pulse-image-dialog"' in change_form
    assert 'id="pulse-image-id"' in change_form and 'id="pulse-citation-dialog"' in change_form
    dialogs = change_form[change_form.index('id="pulse-image-dialog"') :]
    assert not re.search(r"<input[^>]* name=", dialogs.split("</dialog>")[0])  # never sent


def test_sections_are_grouped_and_collapsible_in_writing_order(change_form):
    headings = re.findall(r'class="(?:fieldset|inline)-heading">\s*([^<]+?)\s*</h2>', change_form)
    assert headings == [
        "Content", "Cover image", "Medical review", "References", "Corrections", "Publishing",
        "SEO",
    ]  # fmt: skip
    collapsible = re.findall(r"<details><summary>\s*<h2[^>]*>\s*([^<]+?)\s*</h2>", change_form)
    assert collapsible == ["Cover image", "Medical review", "References", "Corrections", "SEO"]
    assert 'data-inline-type="stacked"' in change_form  # references as stacked rows


def test_the_preview_links_citations_to_the_form_s_references(client, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_markdown_preview")
    body = "Trauma matters [2]. Not [3]."

    html = client.post(url, {"body": body, "references": "2"}).json()["html"]
    assert 'href="#ref-2"' in html and 'href="#ref-3"' not in html
    assert 'href="#ref-' not in client.post(url, {"body": body}).json()["html"]
    assert client.post(url, {"body": body, "references": "-1"}).status_code == 200


def test_the_change_form_s_query_budget(
    client, editor, referenced_article, django_assert_num_queries
):
    """Eighteen queries, five of them the desk's (the lock taken or refreshed: a savepoint, a
    row read for update and written; the editor's autosave looked up) and three the
    pre-publish checklist's (the site's settings, the stored references, the category's
    sign-off rule); none grows with the number of references, tags or categories."""
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[referenced_article.pk])
    client.get(url)
    with django_assert_num_queries(18):
        assert client.get(url).status_code == 200


def test_the_image_dialog_points_at_the_media_library_s_chooser_when_there_is_one(
    client, editor, article
):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    chooser = reverse("admin:articles_image_chooser")
    assert f'data-chooser-url="{chooser}"'.encode() in html
    assert b'id="pulse-image-search"' in html

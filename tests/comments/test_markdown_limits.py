"""An editor's Markdown (the admin's preview and the body field) has a size cap and a time
bound: pathological input answers within a second with a clear error and never ties up a
worker.  Raw HTML in a body keeps no id that could collide with the page's own."""

import re
import time

import pytest
from django.urls import reverse

from articles.models import Article
from articles.rendering import MAX_SOURCE_CHARS, render_markdown

PREVIEW = reverse("admin:articles_article_markdown_preview")


@pytest.fixture(autouse=True)
def production_time_limit(settings):
    """The limit production runs with (the test settings allow a busy machine more)."""
    settings.PULSE_MARKDOWN_RENDER_SECONDS = 0.8


@pytest.fixture
def editor_client(client, editor):
    """A browser signed in as an editor."""
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("[" * 10_000, "takes too long"),
        ("![" * 5_000, "takes too long"),
        ("- " * 5_000 + "deep", "Please simplify it"),
        ("x" * (MAX_SOURCE_CHARS + 1), "The body is too long"),
    ],
    ids=["unclosed-brackets", "unclosed-images", "nested-lists", "too-long"],
)
def test_pathological_markdown_answers_within_a_second(editor_client, body, error):
    started = time.monotonic()
    response = editor_client.post(PREVIEW, {"body": body})
    assert time.monotonic() - started < 1.0
    assert response.status_code == 422
    assert error in response.json()["error"]


def test_an_ordinary_body_still_previews(editor_client):
    response = editor_client.post(PREVIEW, {"body": "## Doses\n\nTake [1] with water."})
    assert response.status_code == 200
    assert '<h2 id="doses">Doses</h2>' in response.json()["html"]


def test_the_body_field_refuses_what_cannot_render_in_time(editor_client, category, author):
    started = time.monotonic()
    response = editor_client.post(reverse("admin:articles_article_add"), {
        "title": "Brackets", "slug": "brackets", "category": category.pk, "author": author.pk,
        "summary": "S.", "body": "[" * 10_000, "status": "draft", "comments_open": "on",
        "published_at_0": "", "published_at_1": "", "comments_close_after_days": "",
        "references-TOTAL_FORMS": "0", "references-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert time.monotonic() - started < 3.0
    assert response.status_code == 200
    assert "takes too long to turn into a page" in response.content.decode()
    assert not Article.objects.filter(slug="brackets").exists()


PAGE_IDS = ["comments", "write-comment", "comment-form", "main", "comment-12", "toc-title",
            "id_body", "ref-1", "cite-1", "references"]  # fmt: skip


def test_raw_html_ids_never_reach_the_page(client, make_article):
    raw = "\n\n".join(f'<h2 id="{name}">Raw {name}</h2>' for name in PAGE_IDS)
    body = (
        f"## Real heading\n\n{raw}\n\n<h3 ID='real-heading'>A copy of its id</h3>\n\n"
        'Inline <sup id="main">x</sup> and <a id=comments>y</a>.'
    )
    article = make_article(body=body)
    assert re.findall(r'\bid="([^"]+)"', article.body_html) == ["real-heading"]
    page = client.get(article.get_absolute_url()).content.decode()
    for name in ("comments", "write-comment", "main", "real-heading"):
        assert page.count(f'id="{name}"') <= 1, name


def test_markdown_headings_keep_their_ids():
    rendered = render_markdown("## Comments\n\n### Dosing\n\nSee [1].", reference_count=1)
    assert 'id="comments-section"' in rendered.html  # moved aside from the page's own id
    assert 'id="dosing"' in rendered.html and 'id="cite-1"' in rendered.html

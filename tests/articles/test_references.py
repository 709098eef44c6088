"""References: [n] in the body links to the numbered references section, and back."""

import re

import pytest
from django.urls import reverse

from articles.rendering import render_markdown


def test_markers_link_to_numbered_references_and_back(client, referenced_article):
    html = client.get(referenced_article.get_absolute_url()).content.decode()
    body = html[html.index('class="article-body"') : html.index('id="references"')]
    assert '<sup id="cite-1"><a href="#ref-1"' in body
    assert '<sup id="cite-2"><a href="#ref-2"' in body
    assert '<sup id="cite-1-2"><a href="#ref-1"' in body  # the second citation of [1]
    assert "[7] is not a reference" in body  # no such reference: left as written

    section = html[html.index('id="references"') :]
    section = section[: section.index("</section>")]
    items = re.findall(r'<li id="ref-(\d+)">\s*([^<]+)', section)
    # Numbered by the editors' order, not by creation.
    assert [(n, text.strip()) for n, text in items] == [
        ("1", "Felitti VJ et al. Adverse childhood experiences."),
        ("2", "Volkow ND. Medications for opioid use disorder."),
    ]
    assert 'href="#cite-1"' in section and 'href="#cite-2"' in section
    assert 'href="https://doi.org/10.1016/S0749-3797(98)00017-8"' in section
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/30562212/"' in section
    assert 'href="https://example.org/ace-study"' in section


def test_uncited_reference_has_no_back_link(client, referenced_article):
    referenced_article.references.create(position=3, citation="Further reading only.")
    html = client.get(referenced_article.get_absolute_url()).content.decode()
    assert 'id="ref-3"' in html
    assert 'href="#cite-3"' not in html


def test_no_references_section_without_references(client, article):
    assert 'id="references"' not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "source",
    ["`[1]` in code", r"escaped \[1]", "[1](https://example.org) is a link", "[1]: https://x.y"],
)
def test_markers_in_code_links_and_definitions_are_not_citations(source):
    assert "<sup" not in render_markdown(source, reference_count=3).html


def test_editor_adds_references_in_the_admin(client, editor, article):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category.pk,
        "author": article.author.pk,
        "summary": article.summary,
        "body": "Evidence [1].",
        "cover_alt": "",
        "status": "published",
        "published_at_0": article.published_at.strftime("%Y-%m-%d"),
        "published_at_1": article.published_at.strftime("%H:%M:%S"),
        "comments_open": "on",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-0-position": "1",
        "references-0-citation": "A trial of something.",
        "references-0-url": "",
        "references-0-doi": "not a doi",
        "references-0-pubmed_id": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A DOI looks like" in response.content.decode()

    data["references-0-doi"] = "10.1000/xyz123"
    assert client.post(url, data).status_code == 302
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<sup id="cite-1"><a href="#ref-1"' in html
    assert "A trial of something." in html

"""Canonical URL, social cards and JSON-LD: they parse and say what the page says."""

import json
import re
from datetime import date

import pytest

from tests.helpers import html_datetime


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def reviewed_article(referenced_article, reviewer):
    """A published article with references and a medical review."""
    referenced_article.reviewer = reviewer
    referenced_article.last_reviewed = date(2026, 4, 2)
    referenced_article.save()
    return referenced_article


def test_json_ld_matches_the_page(client, reviewed_article):
    html = client.get(reviewed_article.get_absolute_url()).content.decode()
    graph = json_ld(html)["@graph"]
    page, trail = graph
    url = f"http://testserver{reviewed_article.get_absolute_url()}"

    assert page["@type"] == "MedicalWebPage"
    assert page["headline"] == reviewed_article.title
    assert f">{page['headline']}</h1>" in html
    assert page["url"] == url
    assert page["description"] == reviewed_article.summary
    assert page["datePublished"] == reviewed_article.published_at.isoformat()
    assert page["dateModified"] == reviewed_article.updated_at.isoformat()
    assert page["author"]["name"] == "Ada Okafor"
    assert page["author"]["honorificSuffix"] == "PharmD, MPH"
    assert page["reviewedBy"]["name"] == "Dr Lena Marsh"
    assert page["lastReviewed"] == "2026-04-02"
    assert "Medically reviewed by" in html and "2 April 2026" in html
    assert [c["name"] for c in page["citation"]] == [
        "Felitti VJ et al. Adverse childhood experiences.",
        "Volkow ND. Medications for opioid use disorder.",
    ]
    assert page["citation"][1]["url"] == "https://pubmed.ncbi.nlm.nih.gov/30562212/"

    assert trail["@type"] == "BreadcrumbList"
    names = [item["name"] for item in trail["itemListElement"]]
    assert names == ["Pulse Health", "Mental Health", reviewed_article.title]
    assert trail["itemListElement"][-1]["item"] == url


def test_json_ld_cannot_be_broken_out_of(client, make_article):
    article = make_article(title="</script><script>alert(1)</script> & <!--")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["@graph"][0]["headline"] == article.title


def test_unreviewed_article_has_no_review_claims(client, article):
    page = json_ld(client.get(article.get_absolute_url()).content.decode())["@graph"][0]
    assert "reviewedBy" not in page and "lastReviewed" not in page and "citation" not in page


def test_canonical_description_and_social_cards(client, article):
    html = client.get(article.get_absolute_url() + "?utm_source=x").content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta name="description" content="{article.summary}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert f'content="{html_datetime(article.published_at)}"' in html


def test_listing_pages_have_a_canonical_url(client, article):
    html = client.get(article.category.get_absolute_url()).content.decode()
    canonical = f"http://testserver{article.category.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="website">' in html


def test_article_page_keeps_a_structured_data_block_for_other_apps():
    from pathlib import Path

    template = Path("templates/articles/article_detail.html").read_text()
    assert "{% block structured_data %}" in template

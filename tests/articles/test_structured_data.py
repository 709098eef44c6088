"""Canonical URL, social cards and JSON-LD: they parse, give one node per thing and say what
the page says (the breadcrumb's names, the headline, the dates, the images' shapes)."""

import json
import re
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from articles import images
from tests.helpers import html_datetime, json_ld_nodes, nodes_of_type, visible_breadcrumb


def one(nodes, schema_type):
    found = nodes_of_type(nodes, schema_type)
    assert len(found) == 1, f"{len(found)} {schema_type} nodes"
    return found[0]


@pytest.fixture
def reviewed_article(referenced_article, reviewer):
    """A published article with references and a medical review."""
    referenced_article.reviewer = reviewer
    referenced_article.last_reviewed = date(2026, 4, 2)
    referenced_article.save()
    return referenced_article


def test_json_ld_matches_the_page(client, reviewed_article):
    html = client.get(reviewed_article.get_absolute_url()).content.decode()
    nodes = json_ld_nodes(html)
    url = f"http://testserver{reviewed_article.get_absolute_url()}"
    page, article = one(nodes, "MedicalWebPage"), one(nodes, "Article")

    assert page["@id"] == page["url"] == url
    assert page["mainEntity"] == {"@id": article["@id"]}
    assert article["mainEntityOfPage"] == {"@id": url}
    assert article["headline"] == reviewed_article.title
    assert f">{article['headline']}</h1>" in html
    assert article["description"] == reviewed_article.summary
    assert article["datePublished"] == reviewed_article.published_at.isoformat()
    assert article["dateModified"] == reviewed_article.updated_at.isoformat()
    assert article["author"]["name"] == "Ada Okafor"
    assert article["author"]["honorificSuffix"] == "PharmD, MPH"
    assert article["articleSection"] == "Mental Health"
    assert "articleSection" not in page  # not a WebPage property
    assert page["reviewedBy"]["name"] == "Dr Lena Marsh"
    assert page["lastReviewed"] == "2026-04-02"
    assert "Medically reviewed by" in html and "2 April 2026" in html
    assert [c["name"] for c in article["citation"]] == [
        "Felitti VJ et al. Adverse childhood experiences.",
        "Volkow ND. Medications for opioid use disorder.",
    ]
    assert article["citation"][1]["url"] == "https://pubmed.ncbi.nlm.nih.gov/30562212/"

    publisher = nodes[article["publisher"]["@id"]]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Pulse Health"
    assert publisher["logo"]["url"].endswith(".png") and publisher["logo"]["width"] >= 112

    trail = nodes[page["breadcrumb"]["@id"]]
    assert trail["@type"] == "BreadcrumbList"
    names = [item["name"] for item in trail["itemListElement"]]
    assert names == visible_breadcrumb(html) == ["Home", "Mental Health", reviewed_article.title]
    assert trail["itemListElement"][-1]["item"] == url


def test_the_cover_is_offered_at_16_9_4_3_and_1_1(client, covered_article):
    html = client.get(covered_article.get_absolute_url()).content.decode()
    article = one(json_ld_nodes(html), "Article")
    shapes = []
    for url in article["image"]:
        path = url.removeprefix("http://testserver").removeprefix("/media/")
        with default_storage.open(path) as file, Image.open(file) as image:
            assert image.width * image.height >= 50_000
            shapes.append(round(image.width / image.height, 2))
    assert shapes == [round(16 / 9, 2), round(4 / 3, 2), 1.0]


def test_json_ld_cannot_be_broken_out_of(client, make_article):
    article = make_article(title="</script><script>alert(1)</script> & <!--")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert one(json_ld_nodes(html), "Article")["headline"] == article.title


def test_unreviewed_article_has_no_review_claims(client, article):
    nodes = json_ld_nodes(client.get(article.get_absolute_url()).content.decode())
    page, entry = one(nodes, "MedicalWebPage"), one(nodes, "Article")
    assert "reviewedBy" not in page and "lastReviewed" not in page and "citation" not in entry


def test_home_describes_the_site_and_its_search(client, article):
    nodes = json_ld_nodes(client.get(reverse("articles:home")).content.decode())
    site = one(nodes, "WebSite")
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert nodes[site["publisher"]["@id"]]["@type"] == "Organization"


def test_author_page_is_a_profile_of_a_person(client, article):
    author = article.author
    html = client.get(author.get_absolute_url()).content.decode()
    nodes = json_ld_nodes(html)
    profile = one(nodes, "ProfilePage")
    person = nodes[profile["mainEntity"]["@id"]]
    assert person["@type"] == "Person" and person["name"] == author.name
    names = [item["name"] for item in nodes[profile["breadcrumb"]["@id"]]["itemListElement"]]
    assert names == visible_breadcrumb(html)
    assert f'<meta property="og:title" content="{author.name}">' in html
    assert '<meta property="og:type" content="profile">' in html


def test_category_page_is_a_collection_with_its_own_card(client, covered_article):
    category = covered_article.category
    html = client.get(category.get_absolute_url()).content.decode()
    nodes = json_ld_nodes(html)
    page = one(nodes, "CollectionPage")
    assert page["name"] == category.name
    names = [item["name"] for item in nodes[page["breadcrumb"]["@id"]]["itemListElement"]]
    assert names == visible_breadcrumb(html) == ["Home", category.name]
    assert f'<meta property="og:title" content="{category.name}">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image == f"http://testserver{images.share_image_url(covered_article)}"
    assert f'<meta name="twitter:image" content="{image}">' in html


def test_canonical_description_and_social_cards(client, article):
    html = client.get(article.get_absolute_url() + "?utm_source=x").content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta name="description" content="{article.summary}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    # without a cover: the site's logo as a small card
    assert '<meta name="twitter:card" content="summary">' in html
    assert re.search(
        r'<meta name="twitter:image" content="http://testserver/static/logo[^"]*png">', html
    )
    assert f'content="{html_datetime(article.published_at)}"' in html


def test_listing_pages_have_a_canonical_url(client, article):
    html = client.get(article.category.get_absolute_url()).content.decode()
    canonical = f"http://testserver{article.category.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="website">' in html


def test_every_block_parses(client, article, make_comment):
    make_comment(article)
    html = client.get(article.get_absolute_url()).content.decode()
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert json.loads(block)["@context"] == "https://schema.org"


def test_article_page_keeps_a_structured_data_block_for_other_apps():
    from pathlib import Path

    template = Path("templates/articles/article_detail.html").read_text()
    assert "{% block structured_data %}" in template

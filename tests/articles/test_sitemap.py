"""sitemap.xml lists public articles, categories and authors with lastmod; robots.txt
points to it."""

import xml.etree.ElementTree as ET

from django.urls import reverse

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_only_public_content_with_lastmod(
    client, article, draft_article, review_article, scheduled_article, other_category
):
    entries = sitemap_entries(client)
    base = "http://testserver"
    assert entries[base + article.get_absolute_url()] == article.updated_at.date().isoformat()
    for hidden in (draft_article, review_article, scheduled_article):
        assert base + hidden.get_absolute_url() not in entries
    # A category's and an author's lastmod come from their newest public article only.
    assert entries[base + article.category.get_absolute_url()] == (
        article.updated_at.date().isoformat()
    )
    assert entries[base + article.author.get_absolute_url()] == (
        article.updated_at.date().isoformat()
    )
    assert base + other_category.get_absolute_url() in entries
    assert entries[base + other_category.get_absolute_url()] is None


def test_sitemap_query_count_does_not_grow(client, make_article, django_assert_num_queries):
    for n in range(5):
        make_article(title=f"Piece {n}", slug=f"piece-{n}")
    # A count (for paging) and a list for each of articles, categories and authors.
    with django_assert_num_queries(6):
        client.get(reverse("sitemap"))


def test_robots_txt_points_to_the_sitemap(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines

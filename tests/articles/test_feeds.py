"""RSS and Atom feeds parse as XML and list only published articles."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(response):
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(response):
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def shelf(article, draft_article, review_article, scheduled_article):
    """One public article and three that are not."""
    return article


FEEDS = [
    ("site", lambda a: reverse("articles:feed_rss"), lambda a: reverse("articles:feed_atom")),
    (
        "category",
        lambda a: reverse("articles:category_feed_rss", kwargs={"slug": a.category.slug}),
        lambda a: reverse("articles:category_feed_atom", kwargs={"slug": a.category.slug}),
    ),
    (
        "author",
        lambda a: reverse("articles:author_feed_rss", kwargs={"slug": a.author.slug}),
        lambda a: reverse("articles:author_feed_atom", kwargs={"slug": a.author.slug}),
    ),
]


@pytest.mark.parametrize(("kind", "rss_url", "atom_url"), FEEDS, ids=[f[0] for f in FEEDS])
def test_feeds_list_only_published_articles(client, shelf, kind, rss_url, atom_url):
    rss = client.get(rss_url(shelf))
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(rss) == [shelf.title]

    atom = client.get(atom_url(shelf))
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert atom_titles(atom) == [shelf.title]


def test_rss_item_links_to_the_article_with_summary_and_author(client, article):
    root = ET.fromstring(client.get(reverse("articles:feed_rss")).content)
    item = next(root.iter("item"))
    assert item.findtext("link") == f"http://testserver{article.get_absolute_url()}"
    assert item.findtext("description") == article.summary
    assert "Ada Okafor" in item.findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert item.findtext("category") == "Mental Health"


def test_category_feed_leaves_out_other_categories(client, article, make_article, other_category):
    make_article(title="Fibre facts", slug="fibre-facts", category=other_category)
    url = reverse("articles:category_feed_rss", kwargs={"slug": other_category.slug})
    assert rss_titles(client.get(url)) == ["Fibre facts"]


@pytest.mark.parametrize("name", ["articles:category_feed_rss", "articles:author_feed_atom"])
def test_feed_of_unknown_slug_is_a_404(client, db, name):
    assert client.get(reverse(name, kwargs={"slug": "nobody"})).status_code == 404


def test_pages_advertise_their_feeds(client, article):
    home = client.get(reverse("articles:home")).content.decode()
    rss = reverse("articles:feed_rss")
    assert f'type="application/rss+xml" title="Pulse Health (RSS)" href="{rss}"' in home
    category = client.get(article.category.get_absolute_url()).content.decode()
    feed = reverse("articles:category_feed_atom", kwargs={"slug": article.category.slug})
    assert f'href="{feed}"' in category


def test_feed_query_count_does_not_grow(client, make_article, django_assert_num_queries):
    for n in range(5):
        make_article(title=f"Piece {n}", slug=f"piece-{n}")
    url = reverse("articles:category_feed_rss", kwargs={"slug": "mental-health"})
    with django_assert_num_queries(2):  # the category, its articles with their authors
        assert len(rss_titles(client.get(url))) == 5


def test_feed_links_come_from_the_site_address_not_the_host(client, article, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    xml = client.get(reverse("articles:feed_atom"), HTTP_HOST="evil.example").content.decode()
    assert "evil.example" not in xml
    assert f"http://testserver{article.get_absolute_url()}" in xml


@pytest.mark.parametrize("name", ["articles:feed_rss", "articles:feed_atom", "sitemap"])
def test_feeds_and_the_sitemap_carry_validators(client, article, name):
    url = reverse(name) if name != "sitemap" else "/sitemap.xml"
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"] and response["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

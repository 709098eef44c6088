"""The reader's pages: home, category and author listings, robots.txt and the 404 page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from authors.models import Author

HOME = reverse("articles:home")


def titles_in_order(html):
    """Card titles as they appear on a listing, top to bottom."""
    return re.findall(r'<a class="stretched-link-title" href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def many_articles(make_article):
    """Eleven published articles, "Article 01" the newest, one a day apart."""
    now = timezone.now()
    return [
        make_article(
            title=f"Article {n:02d}",
            slug=f"article-{n:02d}",
            published_at=now - timedelta(days=n, hours=1),
        )
        for n in range(1, 12)
    ]


def test_home_card_shows_title_category_author_date_summary(client, article):
    response = client.get(HOME)
    html = response.content.decode()
    assert response.status_code == 200
    card = html[html.index('<article class="card article-card') :]
    card = card[: card.index("</article>")]
    assert f'href="{article.get_absolute_url()}">Trauma and recovery</a>' in card
    assert f'href="{article.category.get_absolute_url()}">Mental Health</a>' in card
    assert f'href="{article.author.get_absolute_url()}">Ada Okafor</a>' in card
    shown_date = date_format(timezone.localtime(article.published_at), "j F Y")
    assert f">{shown_date}</time>" in card
    assert "How trauma and dependence are linked." in card


def test_home_lists_newest_first_and_paginates(client, many_articles):
    page_one = client.get(HOME).content.decode()
    assert titles_in_order(page_one) == [f"Article {n:02d}" for n in range(1, 10)]
    assert "Page 1 of 2" in page_one
    assert 'href="?page=2" rel="next"' in page_one

    response = client.get(f"{HOME}?page=2")
    page_two = response.content.decode()
    assert response.status_code == 200
    assert titles_in_order(page_two) == ["Article 10", "Article 11"]
    assert "Page 2 of 2" in page_two
    assert 'href="?page=1" rel="prev"' in page_two


def test_single_page_has_no_pagination(client, article):
    assert 'aria-label="Pages"' not in client.get(HOME).content.decode()


@pytest.mark.parametrize("page", ["999", "abc", "0", "-1", "1.5", "9" * 30])
def test_out_of_range_page_is_a_designed_404(client, many_articles, page):
    response = client.get(HOME, {"page": page})
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_empty_site_says_nothing_published(client, db):
    html = client.get(HOME).content.decode()
    assert "Nothing has been published here yet." in html


def test_header_lists_every_category(client, article, other_category):
    html = client.get(HOME).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    for category in (article.category, other_category):
        assert f'href="{category.get_absolute_url()}"' in header
        assert f">{category.name}</a>" in header


def test_header_marks_the_category_being_browsed(client, article, other_category):
    html = client.get(article.category.get_absolute_url()).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    current = re.search(
        rf'<a class="([^"]*)"\s+href="{article.category.get_absolute_url()}"([^>]*)>', header
    )
    other = re.search(
        rf'<a class="([^"]*)"\s+href="{other_category.get_absolute_url()}"([^>]*)>', header
    )
    assert "active" in current.group(1).split() and 'aria-current="page"' in current.group(2)
    assert "active" not in other.group(1).split() and "aria-current" not in other.group(2)


@pytest.mark.parametrize(
    "url_of",
    [lambda c, a: HOME, lambda c, a: c.get_absolute_url(), lambda c, a: a.get_absolute_url()],
    ids=["home", "category", "author"],
)
def test_listing_query_count_does_not_grow_with_articles(
    client, make_article, category, author, url_of, settings
):
    settings.PULSE_PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache
    make_article(title="First", slug="first")
    client.get(url_of(category, author))  # the menu and schedule, kept between pages
    with CaptureQueriesContext(connection) as few:
        assert client.get(url_of(category, author)).status_code == 200
    for n in range(8):
        make_article(title=f"More {n}", slug=f"more-{n}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url_of(category, author)).content.decode()
    assert len(titles_in_order(html)) == 9
    # the listing (home: the featured ones too), count, page of cards, their comment
    # counts (one query for the page, comments' {% comment_counts %})
    assert len(many) == len(few) <= 4


def test_category_page_lists_its_articles(client, article, make_article, other_category):
    other_category.description = "Food and how it helps."
    other_category.save()
    elsewhere = make_article(title="Fibre facts", slug="fibre-facts", category=other_category)

    response = client.get(other_category.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Nutrition</h1>" in html
    assert "Food and how it helps." in html
    assert titles_in_order(html) == [elsewhere.title]
    assert article.title not in html


def test_category_page_paginates(client, many_articles, category):
    url = category.get_absolute_url()
    assert len(titles_in_order(client.get(url).content.decode())) == 9
    assert titles_in_order(client.get(url, {"page": 2}).content.decode()) == [
        "Article 10",
        "Article 11",
    ]
    assert client.get(url, {"page": 3}).status_code == 404


def test_unknown_category_is_a_404(client, db):
    response = client.get(reverse("articles:category", kwargs={"slug": "nope"}))
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_author_page_shows_profile_and_only_their_articles(client, article, make_article):
    other = Author.objects.create(name="Bo Lindqvist", slug="bo-lindqvist")
    theirs = make_article(title="Nordic walking", slug="nordic-walking", author=other)

    response = client.get(article.author.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert '<h1 class="mb-1">Ada Okafor</h1>' in html
    assert "PharmD, MPH" in html
    assert "Writes on medicines." in html
    assert "Articles by Ada Okafor" in html
    assert titles_in_order(html) == [article.title]
    assert theirs.title not in html and "Bo Lindqvist" not in html


def test_author_page_paginates(client, many_articles, author):
    url = author.get_absolute_url()
    page_one = client.get(url).content.decode()
    assert len(titles_in_order(page_one)) == 9
    assert "Page 1 of 2" in page_one
    assert len(titles_in_order(client.get(url, {"page": 2}).content.decode())) == 2


def test_author_without_articles_has_a_profile_page(client, db):
    quiet = Author.objects.create(name="Quiet Writer", slug="quiet-writer", credentials="RN")
    html = client.get(quiet.get_absolute_url()).content.decode()
    assert "Quiet Writer" in html and "RN" in html
    assert "Nothing has been published here yet." in html


def test_unknown_author_is_a_404(client, db):
    response = client.get(reverse("articles:author", kwargs={"slug": "nobody"}))
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_robots_txt_is_plain_text_for_every_crawler(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    # The admin keeps out of search engines by its own robots meta tag, not by being named.
    assert reverse("admin:index") not in response.content.decode()


@pytest.mark.parametrize("url", ["/no/such/page/", "/articles/", "/category/", "/%E2%9C%93/"])
def test_unknown_urls_get_the_designed_404(client, db, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert f'href="{HOME}"' in html and "Go to the latest articles" in html

"""Discovery pages: tag pages, featured articles on the home page, archive by month."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

HOME = reverse("articles:home")


def tag_url(slug):
    return reverse("articles:tag", kwargs={"slug": slug})


def test_tag_page_lists_only_published_articles_with_the_tag(client, tagged_article, make_article):
    hidden = make_article(title="Draft on sleep", slug="draft-sleep", status="draft")
    hidden.tags.add("sleep")
    make_article(title="Untagged", slug="untagged")
    html = client.get(tag_url("sleep")).content.decode()
    assert "<h1>sleep</h1>" in html
    assert tagged_article.title in html
    assert "Draft on sleep" not in html and "Untagged" not in html


def test_article_page_links_its_tags(client, tagged_article):
    html = client.get(tagged_article.get_absolute_url()).content.decode()
    assert f'href="{tag_url("insomnia")}" rel="tag">insomnia</a>' in html


def test_unknown_tag_is_a_404(client, db):
    assert client.get(tag_url("nothing")).status_code == 404


def test_tag_page_query_count(client, tagged_article, django_assert_num_queries):
    # tag, count, page of cards, their comment counts, category menu
    with django_assert_num_queries(5):
        assert client.get(tag_url("sleep")).status_code == 200


def test_featured_articles_lead_the_first_page(client, article, make_article):
    make_article(title="Featured draft", slug="featured-draft", featured=True, status="draft")
    star = make_article(title="Editors pick", slug="editors-pick", featured=True)
    html = client.get(HOME).content.decode()
    featured = html[html.index('id="featured-title"') : html.index("More articles")]
    below = html[html.index("More articles") :]
    assert star.title in featured
    assert article.title not in featured
    assert star.title not in below  # not shown twice
    assert article.title in below
    assert "Featured draft" not in html


def test_cards_say_how_many_comments_an_article_has(client, article, make_comment):
    make_comment(article)
    make_comment(article)
    make_comment(article, status="pending")
    html = " ".join(client.get(HOME).content.decode().split())
    assert f'href="{article.get_absolute_url()}#comments">2 comments</a>' in html


def test_no_featured_section_without_featured_articles(client, article):
    assert 'id="featured-title"' not in client.get(HOME).content.decode()


@pytest.fixture
def months_apart(make_article):
    """Two articles in March 2026 and one in April 2026, one draft in March."""

    def at(day, month):
        return timezone.make_aware(datetime(2026, month, day, 12))

    make_article(title="March one", slug="march-one", published_at=at(3, 3))
    make_article(title="March two", slug="march-two", published_at=at(31, 3))
    make_article(title="April one", slug="april-one", published_at=at(1, 4))
    make_article(title="March draft", slug="march-draft", status=Article.Status.DRAFT)


def test_archive_lists_months_with_counts(client, months_apart):
    html = " ".join(client.get(reverse("articles:archive")).content.decode().split())
    march = reverse("articles:archive_month", kwargs={"year": 2026, "month": 3})
    march_card = html[html.index(f'<a href="{march}">March 2026</a>') :]
    assert march_card.index("2 articles") < march_card.index("March two")
    # the newest titles of each month, newest first; never a draft
    assert march_card.index("March two") < march_card.index("March one")
    assert "March draft" not in html
    assert html.index("April 2026") < html.index("March 2026")


def test_month_page_lists_that_months_published_articles(client, months_apart):
    url = reverse("articles:archive_month", kwargs={"year": 2026, "month": 3})
    html = client.get(url).content.decode()
    assert "<h1>March 2026</h1>" in html
    assert "March one" in html and "March two" in html
    assert "April one" not in html and "March draft" not in html


@pytest.mark.parametrize(("year", "month"), [(2026, 13), (2026, 0), (2025, 3), (99999, 1)])
def test_empty_or_impossible_month_is_a_404(client, months_apart, year, month):
    url = reverse("articles:archive_month", kwargs={"year": year, "month": month})
    assert client.get(url).status_code == 404


def test_scheduled_article_is_not_in_its_month_yet(client, make_article):
    soon = timezone.now() + timedelta(hours=1)
    make_article(title="Coming soon", slug="coming-soon", published_at=soon)
    local = timezone.localtime(soon)
    url = reverse("articles:archive_month", kwargs={"year": local.year, "month": local.month})
    assert client.get(url).status_code == 404


def test_archive_query_counts(client, months_apart, django_assert_num_queries):
    # months with counts, their newest titles, category menu
    with django_assert_num_queries(3):
        client.get(reverse("articles:archive"))
    # any at all (an empty month is a 404), the months before and after (links), count,
    # page of cards, their comment counts; the menu is cached now
    with django_assert_num_queries(6):
        client.get(reverse("articles:archive_month", kwargs={"year": 2026, "month": 3}))


def test_home_query_count_with_featured(client, make_article, django_assert_num_queries):
    for n in range(4):
        make_article(title=f"Star {n}", slug=f"star-{n}", featured=True)
    # featured cards, count, page of cards, comment counts, category menu
    with django_assert_num_queries(5):
        client.get(HOME)

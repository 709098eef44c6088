"""The article page shows every element of the reference page."""

import re

import pytest
from django.urls import reverse

from comments.templatetags.comments import LONG_THREAD
from tests.helpers import html_datetime


def test_article_page_has_every_reference_element(client, article, make_comment, make_article):
    make_comment(article, author_name="First Reader")
    related = make_article(title="Sleep basics", slug="sleep-basics")

    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    section = f'<a href="/category/{article.category.slug}/">'
    assert (
        f'class="site-section text-uppercase small mb-1">{section}' in html
    )  # the eyebrow is the article's section
    assert re.search(
        r'aria-label="Breadcrumb".*Home.*Mental Health.*Trauma and recovery', html, re.S
    )
    assert '<h1 id="article-title" class="article-title">Trauma and recovery</h1>' in html
    assert f'<time datetime="{html_datetime(article.published_at)}' in html
    assert f'href="{article.author.get_absolute_url()}"' in html
    assert "1 minute read" in html
    assert '<h2 id="first-section">First section</h2>' in html
    assert "<table>" in html and "<ol>" in html and "<ul>" in html
    assert 'href="#a-subsection"' in html  # table of contents
    assert "About the author" in html and "PharmD, MPH" in html
    assert "1 Comment" in html and "First Reader" in html
    assert "Write a comment" in html
    assert "More Articles" in html and related.title in html


def test_no_comments_heading(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "No comments yet" in html


def test_plural_comment_count(client, article, make_comment):
    for _ in range(3):
        make_comment(article)
    assert "3 Comments" in client.get(article.get_absolute_url()).content.decode()


def test_related_articles_same_category_first(client, article, make_article, other_category):
    newer_elsewhere = make_article(title="Elsewhere", slug="elsewhere", category=other_category)
    older_same = make_article(
        title="Same shelf", slug="same-shelf", published_at=article.published_at.replace(year=2020)
    )
    html = client.get(article.get_absolute_url()).content.decode()
    related = html[html.index("More Articles") :]
    assert related.index(older_same.title) < related.index(newer_elsewhere.title)


def test_unknown_article_is_a_designed_404(client, db):
    response = client.get(reverse("articles:detail", kwargs={"slug": "nope"}))
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize("n_comments", [0, 18, 300, 600])
def test_article_page_query_count_is_constant(
    client,
    article,
    make_comment,
    django_assert_num_queries,
    django_assert_max_num_queries,
    n_comments,
    settings,
):
    settings.PULSE_PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache
    top = [make_comment(article) for _ in range(n_comments // 3)]
    for i in range(n_comments - len(top) if top else 0):
        make_comment(article, parent=top[i % len(top)])
    client.get(article.get_absolute_url())  # warms the cached settings rows and menu
    # article, its references, corrections and tags, related articles, comment thread; a
    # thread longer than LONG_THREAD, once known to be, reads its outline and its page.
    thread = 1 if n_comments <= LONG_THREAD else 2
    with django_assert_num_queries(5 + thread):
        response = client.get(article.get_absolute_url())
    heading = f"{n_comments} Comments" if n_comments else "No comments yet"
    assert heading in response.content.decode()
    # A signed-in reader may add their session and user, and nothing per comment.
    client.force_login(article.author.user or make_user())
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(7 + thread):
        response = client.get(article.get_absolute_url())
    assert heading in response.content.decode()


def make_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("signed-in", "s@example.com", "pw")

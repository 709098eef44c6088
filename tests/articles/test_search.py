"""Search finds published articles by the words in their body, with highlighted excerpts,
and never shows drafts; bad queries get a message.  Runs on SQLite (FTS5) and PostgreSQL."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

SEARCH = reverse("articles:search")

BODY = """## Treatment

Buprenorphine reduces cravings and the risk of overdose.

<script>alert("x")</script> Naloxone reverses an opioid overdose in minutes.
"""


def results(client, q, **params):
    response = client.get(SEARCH, {"q": q, **params})
    assert response.status_code == 200
    html = response.content.decode()
    return html, re.findall(r'<h2 class="h5 mb-1"><a href="[^"]+">([^<]+)</a></h2>', html)


@pytest.fixture
def library(make_article):
    """Articles with distinct words: one public, one draft, one in review, one scheduled."""
    make_article(title="Opioid treatment", slug="opioid-treatment", body=BODY)
    make_article(title="Draft naloxone", slug="draft-naloxone", body=BODY, status="draft")
    make_article(title="Review naloxone", slug="review-naloxone", body=BODY, status="review")
    make_article(
        title="Future naloxone",
        slug="future-naloxone",
        body=BODY,
        published_at=timezone.now() + timedelta(hours=1),
    )
    make_article(title="Sleep hygiene", slug="sleep", body="Keep a regular bedtime.")


def test_finds_words_in_the_body_and_never_hidden_articles(client, library):
    html, titles = results(client, "naloxone")
    assert titles == ["Opioid treatment"]
    assert "1 article matches" in html


def test_stemmed_words_match(client, library):
    assert results(client, "cravings reduce")[1] == ["Opioid treatment"]


def test_every_word_must_match(client, library):
    assert results(client, "naloxone bedtime")[1] == []
    assert "0 articles match" in results(client, "naloxone bedtime")[0]


def test_excerpt_highlights_matches_and_is_escaped(client, library):
    html, _titles = results(client, "overdose")
    assert "<mark>overdose</mark>" in html
    assert '<script>alert("x")' not in html


def test_title_matches_rank_first(client, make_article):
    make_article(title="Living with asthma", slug="asthma", body="Inhalers help.")
    make_article(title="Inhaler basics", slug="inhalers", body="Mention of asthma once.")
    assert results(client, "asthma")[1] == ["Living with asthma", "Inhaler basics"]


def test_index_follows_edits_and_deletes(client, article):
    article.body = "Completely new wording about magnesium."
    article.save()
    assert results(client, "magnesium")[1] == [article.title]
    assert results(client, "subsection")[1] == []
    article.delete()
    assert results(client, "magnesium")[1] == []


def test_unpublishing_hides_from_search(client, article):
    assert results(client, "subsection")[1] == [article.title]
    type(article).objects.filter(pk=article.pk).update(status="draft")
    assert results(client, "subsection")[1] == []


def test_results_paginate_and_keep_the_query(client, make_article):
    for n in range(11):
        make_article(title=f"Zinc note {n:02d}", slug=f"zinc-{n}", body="Zinc and colds.")
    html, titles = results(client, "zinc")
    assert len(titles) == 9 and "11 articles match" in html
    assert 'href="?q=zinc&amp;page=2" rel="next"' in html
    assert len(results(client, "zinc", page=2)[1]) == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a" * 201, "Search for at most 200 characters."),
        ("naloxone\x00", "characters that cannot be searched"),
        ('"" *** -- ()', "Type at least one word to search for."),
    ],
)
def test_bad_queries_get_a_clear_message(client, library, query, message):
    html, titles = results(client, query)
    assert message in html
    assert titles == []


@pytest.mark.parametrize(
    "query",
    ['"naloxone', "naloxone AND (overdose", "{naloxone}:", "naloxone* overdose", "-naloxone ^"],
)
def test_query_syntax_is_never_an_error(client, library, query):
    """Operators, quotes and brackets are not syntax: only the words are searched."""
    assert results(client, query)[1] == ["Opioid treatment"]


def test_empty_search_shows_the_form(client, db):
    html, titles = results(client, "")
    assert 'id="search-q"' in html and titles == []


def test_search_box_on_every_page(client, article):
    for url in (reverse("articles:home"), article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert f'action="{SEARCH}"' in html and 'name="q"' in html


def test_search_query_count_is_constant(client, make_article, django_assert_num_queries):
    for n in range(6):
        make_article(title=f"Iron note {n}", slug=f"iron-{n}", body="Iron and anaemia.")
    # count, ranked page, article cards, category menu
    with django_assert_num_queries(4):
        assert len(results(client, "iron")[1]) == 6

"""Full-text search of published articles, one interface over two engines.

- SQLite: an FTS5 virtual table (``article_search``, created by migration 0008 on SQLite
  only) that holds each article's title, summary and plain-text body under the article's id,
  ranked with bm25 and excerpted with snippet().
- PostgreSQL: django.contrib.postgres SearchVector / SearchQuery / SearchRank /
  SearchHeadline over the same columns.

Either way the reader's words are reduced to plain terms that must all match (never passed to
an engine's query syntax, so quotes and operators cannot cause an error), results come only
from ``Article.objects.published()``, and excerpts are escaped before the matches are marked.

The FTS5 table is derived data, like a cache: ``index_article`` / ``unindex_article`` keep it
in step on every save and delete (connected in ``ArticlesConfig.ready``).
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Article

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
FTS_TABLE = "article_search"
SEARCH_CONFIG = "english"
# Markers that can never be in article text: the excerpt is escaped, then they become <mark>.
START, STOP = "\x02", "\x03"
# bm25 weights for title, summary, body: a word in the title counts most.
BM25_WEIGHTS = (10.0, 4.0, 1.0)


class SearchQueryError(ValueError):
    """A query that cannot be searched; its message is written for the reader."""


def search_terms(raw):
    """The words of a reader's query, or SearchQueryError with a reason they can act on."""
    if len(raw) > MAX_QUERY_LENGTH:
        raise SearchQueryError(
            _("Search for at most %(limit)d characters.") % {"limit": MAX_QUERY_LENGTH}
        )
    if any(ord(char) < 32 and char not in "\t\n\r" for char in raw):
        raise SearchQueryError(_("Your search contains characters that cannot be searched."))
    terms = re.findall(r"\w+", raw.casefold())
    if not terms:
        raise SearchQueryError(_("Type at least one word to search for."))
    return terms[:MAX_TERMS]


def is_sqlite():
    return connection.vendor == "sqlite"


def excerpt_html(fragment):
    """An engine's excerpt, with its START/STOP markers, as safe HTML."""
    text = escape(" ".join(fragment.split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))


@dataclass
class SearchHit:
    article: Article
    excerpt: str


class SearchResults:
    """What the search page paginates: ``count()`` and slicing, one page of hits at a time,
    each page in two queries (the ranked ids with excerpts, then the articles' cards)."""

    def __init__(self, terms):
        self.terms = terms
        self._count = None

    def count(self):
        if self._count is None:
            self._count = (_sqlite_count if is_sqlite() else _postgres_count)(self.terms)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("Search results are read a page at a time.")
        offset, limit = page.start or 0, page.stop - (page.start or 0)
        ranked = (_sqlite_page if is_sqlite() else _postgres_page)(self.terms, offset, limit)
        cards = Article.objects.for_cards().in_bulk([pk for pk, _excerpt in ranked])
        return [
            SearchHit(cards[pk], excerpt_html(excerpt)) for pk, excerpt in ranked if pk in cards
        ]


def search(raw_query):
    """Published articles matching every word of ``raw_query``, best first."""
    return SearchResults(search_terms(raw_query))


# SQLite FTS5 ----------------------------------------------------------------------------


def _fts_match(terms):
    # Each term quoted: FTS5 reads it as a plain word, never as an operator or column name.
    return " ".join('"{}"'.format(term.replace('"', "")) for term in terms)


def _published_ids():
    return Article.objects.published().values("pk").query.sql_with_params()


def _sqlite_count(terms):
    published_sql, params = _published_ids()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"AND rowid IN ({published_sql})",
            [_fts_match(terms), *params],
        )
        return cursor.fetchone()[0]


def _sqlite_page(terms, offset, limit):
    published_sql, params = _published_ids()
    weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet({FTS_TABLE}, 2, %s, %s, '…', 30) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({published_sql}) "
            f"ORDER BY bm25({FTS_TABLE}, {weights}), rowid DESC LIMIT %s OFFSET %s",
            [START, STOP, _fts_match(terms), *params, limit, offset],
        )
        return cursor.fetchall()


def index_article(article):
    """Put the article's current text in the FTS5 table (SQLite only)."""
    if not is_sqlite():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [article.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
            [article.pk, article.title, article.summary, article.body_text],
        )


def unindex_article(article):
    if is_sqlite():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [article.pk])


# PostgreSQL -----------------------------------------------------------------------------


def _postgres_matches(terms):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG)
    )
    query = SearchQuery(" ".join(terms), search_type="plain", config=SEARCH_CONFIG)
    return (
        Article.objects.published()
        .annotate(search_vector=vector)
        .filter(search_vector=query)
        .annotate(rank=SearchRank(vector, query)),
        query,
    )


def _postgres_count(terms):
    return _postgres_matches(terms)[0].count()


def _postgres_page(terms, offset, limit):
    from django.contrib.postgres.search import SearchHeadline

    matches, query = _postgres_matches(terms)
    headline = SearchHeadline(
        "body_text",
        query,
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
    )
    return list(
        matches.annotate(excerpt=headline)
        .order_by("-rank", "-pk")
        .values_list("pk", "excerpt")[offset : offset + limit]
    )

"""A large site is exported and imported as a stream: memory holds a few rows, never the
file (the peak Python allocation stays far below the file's size)."""

import io
import tracemalloc

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article, Category, HistoricalArticle
from authors.models import Author
from comments.models import Comment

WORDS = "Recovery takes time, and the evidence on what helps keeps changing. " * 36


@pytest.fixture
def large_site(article):
    """An article with 2,000 long comments: a file of about 10 MB."""
    Comment.objects.bulk_create(
        Comment(
            article=article, author_name=f"Reader {n}", author_email=f"r{n}@example.com",
            body=f"{n}: {WORDS}", body_html=f"<p>{n}: {WORDS}</p>", status="approved",
        )
        for n in range(2000)
    )  # fmt: skip
    return article


def peak_allocation(function):
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def empty_the_site():
    for model in (Comment, Article, HistoricalArticle, Author, Category):
        model._base_manager.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM article_search")


def test_export_and_import_memory_stays_far_below_the_file_size(large_site, tmp_path):
    path = tmp_path / "site.json"
    exported = peak_allocation(
        lambda: call_command("export_site", str(path), stdout=io.StringIO())
    )
    size = path.stat().st_size
    assert size > 8_000_000
    assert exported < size / 3, f"export peaked at {exported:,} bytes for {size:,}"

    empty_the_site()
    imported = peak_allocation(
        lambda: call_command("import_site", str(path), stdout=io.StringIO())
    )
    assert Comment.objects.count() == 2000
    assert imported < size / 3, f"import peaked at {imported:,} bytes for {size:,}"

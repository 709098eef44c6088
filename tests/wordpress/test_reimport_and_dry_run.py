"""Importing the same export again changes nothing, and a dry run writes nothing while
printing the report the real import prints."""

from django.db import connection
from taggit.models import Tag

from articles.models import Article, Category, LegacyAddress
from authors.models import Author
from comments.models import Comment
from tests.helpers import import_wordpress_export

MODELS = [Article, Author, Category, Comment, LegacyAddress, Tag]


def snapshot():
    rows = {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}
    rows["updated"] = sorted(Article.objects.values_list("pk", "updated_at"))
    return rows


def test_a_second_import_of_the_same_file_changes_nothing(db):
    first = import_wordpress_export("importer-tests/small-export.xml")
    before = snapshot()
    second = import_wordpress_export("importer-tests/small-export.xml")
    assert snapshot() == before
    assert "posts: 6 imported" in first
    assert "posts: 0 imported, 6 already imported" in second
    assert "authors: 0 imported, 3 already imported" in second
    assert "comments: 0 imported, 1 already imported" in second


def test_a_second_import_of_the_theme_unit_site_changes_nothing(db):
    import_wordpress_export("themeunittestdata.wordpress.xml")
    before = snapshot()
    import_wordpress_export("themeunittestdata.wordpress.xml")
    assert snapshot() == before


def test_a_dry_run_writes_nothing_and_reports_the_same(db):
    dry = import_wordpress_export("importer-tests/small-export.xml", dry_run=True)
    assert all(not model.objects.exists() for model in MODELS)
    real = import_wordpress_export("importer-tests/small-export.xml")
    assert dry.splitlines()[0] == "Dry run: nothing was written."
    assert dry.splitlines()[1:] == real.splitlines()[1:]
    assert connection.in_atomic_block  # the test's own transaction, nothing left open

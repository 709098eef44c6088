"""A file that is not a whole, well-formed WXR export is refused with a message that says
what is wrong and where, and nothing of it is imported."""

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag

from articles.models import Article, Category
from authors.models import Author
from tests.helpers import wordpress_export

REFUSED = [
    ("importer-tests/crazy-cdata.xml", "not well-formed (invalid token) at line 18, column 72"),
    ("importer-tests/malformed-simple.xml", "ends too early, at line 14: the export is truncated"),
    ("importer-tests/malformed.xml", "<notachanneltag> at line 27 where <channel> should be"),
    ("importer-tests/missing-version-tag.xml", "has no <wp:wxr_version>"),
    ("importer-tests/invalid-version-tag.xml", "has WXR version “abc”"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "message"), REFUSED)
def test_a_broken_export_is_refused_with_its_reason(db, name, message):
    with pytest.raises(CommandError) as refused:
        call_command("import_wordpress", str(wordpress_export(name)))
    assert message in str(refused.value)
    assert "Nothing was imported" in str(refused.value)
    assert not Author.objects.exists()
    assert not Article.objects.exists()


def test_a_file_that_breaks_after_its_authors_and_terms_leaves_none_of_them(db, tmp_path):
    whole = wordpress_export("importer-tests/small-export.xml").read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(whole[: whole.rindex("<item>") + 200], encoding="utf-8")
    with pytest.raises(CommandError, match=r"ends too early, at line \d+"):
        call_command("import_wordpress", str(cut))
    assert not Author.objects.exists()
    assert not Category.objects.exists()
    assert not Tag.objects.exists()
    assert not Article.objects.exists()


def test_html_or_plain_rss_is_not_a_wordpress_export(db, tmp_path):
    page = tmp_path / "page.xml"
    page.write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    with pytest.raises(CommandError, match=r"starts with <html> at line 1, not <rss>"):
        call_command("import_wordpress", str(page))
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><title>A feed</title><item><title>x</title>'
                    "</item></channel></rss>", encoding="utf-8")  # fmt: skip
    with pytest.raises(CommandError, match="has no <wp:wxr_version>"):
        call_command("import_wordpress", str(feed))

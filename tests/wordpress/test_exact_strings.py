"""Titles, bodies and names arrive exactly: UTF-8 byte for byte (combining marks, bidi
controls, emoji), backslashes and quotes, CDATA's "]]>", blank lines; titles with entities
or HTML decoded to plain text; non-ASCII slugs turned into readable ASCII."""

import pytest

from articles.models import Article
from authors.models import Author
from tests.helpers import import_wordpress_export


def imported(name):
    import_wordpress_export(name)
    return Article.objects.get()


def test_utf8_challenges_survive_byte_for_byte(db):
    article = imported("importer-tests/wxr-utf-8-challenges.xml")
    title = '"The Road \u202eNot\u202c Taken" by Rob\u202dert \u202eFrost \u202a🌲\u202c'
    assert article.title == title
    assert article.title.encode() == title.encode()
    assert "T̷̢̯̭̈w̴̰̜̾o̷͉̅" in article.body
    assert article.slug == "hello-world-utf8-test"
    author = Author.objects.get()
    assert author.name == "A̸̰̅d̴̰͝m̵͎̽i̵̱̋n̷̰̎ \u200b\u200d\u200c\u200e"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("importer-tests/backslashes.xml", r"C:\xampp\htdocs\wp-content"),
        ("importer-tests/crazy-cdata-escaped.xml", "Content with nested <![CDATA[ tags ]]> :)"),
        ("importer-tests/multiple-cdata.xml", "line oneline twoline three"),
        ("importer-tests/cdata-edge.xml", "ends with sequence ]] >"),
    ],
)
def test_what_readers_read_is_what_was_written(db, name, text):
    assert imported(name).body_text == text


def test_slashes_and_quotes_are_neither_stripped_nor_doubled(db):
    article = imported("importer-tests/slashes.xml")
    assert article.title == "Hello world!"
    assert 'Slashes aren\\\'t \\"cool\\"' in article.body_text


def test_blank_lines_separate_paragraphs(db):
    article = imported("importer-tests/blank-lines.xml")
    assert article.body_html == "<p>first paragraph</p>\n<p>second paragraph</p>"


def test_titles_with_markup_and_entities_become_plain_text(db):
    import_wordpress_export("themeunittestdata.wordpress.xml")
    titles = set(Article.objects.values_list("title", flat=True))
    assert "Markup: Title With Markup" in titles
    assert "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>" in titles
    greek = Article.objects.get(wordpress_id=1811)
    assert greek.title == "Επίπεδο 2 -Second Greek level"
    assert greek.slug == "epipedo-2"

"""WordPress's theme unit test site comes across whole: the numbers of authors, categories
(with their hierarchy), tags, posts, pages and comments are those of the XML."""

import xml.etree.ElementTree as ElementTree

import pytest
from taggit.models import Tag

from articles.models import Article, Category
from authors.models import Author
from comments.models import Comment
from core.wordpress.markup import comment_text
from tests.helpers import wordpress_export

WP = "{https://wordpress.org/export/1.2/}"
pytestmark = pytest.mark.usefixtures("theme_unit_site")


@pytest.fixture(scope="module")
def xml():
    return ElementTree.parse(wordpress_export("themeunittestdata.wordpress.xml")).getroot()


def items_of(xml, post_type):
    return [i for i in xml.iter("item") if i.findtext(f"{WP}post_type") == post_type]


def test_every_post_and_page_is_an_article(db, xml):
    posts = items_of(xml, "post")
    pages = items_of(xml, "page")
    assert Article.objects.filter(category__name="Pages").count() == len(pages) == 21
    assert Article.objects.exclude(category__name="Pages").count() == len(posts) == 58
    assert set(Article.objects.values_list("wordpress_id", flat=True)) == {
        int(i.findtext(f"{WP}post_id")) for i in posts + pages
    }


def test_authors_and_categories_with_their_hierarchy(db, xml):
    logins = {a.findtext(f"{WP}author_login") for a in xml.iter(f"{WP}author")}
    assert set(Author.objects.values_list("wordpress_login", flat=True)) == logins
    declared = {c.findtext(f"{WP}category_nicename") for c in xml.iter(f"{WP}category")}
    assert Category.objects.exclude(name="Pages").count() == len(declared) == 68
    with_parent = [c for c in xml.iter(f"{WP}category") if c.findtext(f"{WP}category_parent")]
    assert Category.objects.filter(parent__isnull=False).count() == len(with_parent) == 10
    grandchild = Category.objects.get(name="Grandchild Category")
    assert (grandchild.parent.name, grandchild.parent.parent.name) == (
        "Child Category 03", "Parent Category",
    )  # fmt: skip
    # Two categories may share a name under different parents.
    assert Category.objects.filter(name="Foo A").count() == 2


def test_tags_and_the_one_category_an_article_has(db, theme_unit_site, xml):
    declared = {t.findtext(f"{WP}tag_name") for t in xml.iter(f"{WP}tag")}
    assert declared <= set(Tag.objects.values_list("name", flat=True))
    many = Article.objects.get(title="Edge Case: Many Categories")
    item = next(i for i in xml.iter("item") if i.findtext("title") == many.title)
    named = [c.text for c in item.iter("category") if c.get("domain") == "category"]
    assert many.category.name == named[0]
    assert set(named[1:]) <= {tag.name for tag in many.tags.all()}
    assert "kept as tags (an article has one)" in theme_unit_site


def test_comments_are_all_there_but_pings(db, theme_unit_site, xml):
    comments = list(xml.iter(f"{WP}comment"))
    pings = [c for c in comments if c.findtext(f"{WP}comment_type") in {"pingback", "trackback"}]
    assert Comment.objects.count() == len(comments) - len(pings) == 29
    assert f"skipped {len(pings)}: pingbacks and trackbacks" in theme_unit_site
    pending = [c for c in comments if c.findtext(f"{WP}comment_approved") == "0"]
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == len(pending) == 3
    # Over 7,000 characters of HTML: kept whole, as the plain text comments are stored in.
    long_one = Comment.objects.get(wordpress_id=881)
    source = next(c for c in comments if c.findtext(f"{WP}comment_id") == "881")
    assert long_one.body == comment_text(source.findtext(f"{WP}comment_content"))
    assert long_one.body.endswith("which should lift the 2 up.")
    assert long_one.author_name == "John Γιάννης Doe Κάποιος"

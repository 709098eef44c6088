"""Authors become Author profiles (linked to staff accounts only when asked), posts whose
author the export never declared still get one, and --skip-pages leaves pages out."""

from articles.models import Article, Category
from authors.models import Author
from tests.helpers import import_file, import_wordpress_export, write_wxr, wxr_post


def test_authors_are_profiles_linked_to_staff_only_with_link_users(db, tmp_path,
                                                                   django_user_model):  # fmt: skip
    staff = django_user_model.objects.create_user("ward", email="NURSE@old.example",
                                                  is_staff=True)  # fmt: skip
    export = write_wxr(tmp_path / "a.xml", wxr_post(1))
    import_file(export)
    nurse = Author.objects.get(wordpress_login="nurse")
    assert (nurse.name, nurse.slug, nurse.user) == ("Nurse Ratched", "nurse-ratched", None)
    Article.objects.all().delete()
    Author.objects.all().delete()
    report = import_file(export, link_users=True)
    assert Author.objects.get(wordpress_login="nurse").user == staff
    assert "linked staff accounts: 1 imported" in report


def test_wxr_1_0_authors_come_from_the_posts(db):
    report = import_wordpress_export("importer-tests/valid-wxr-1.0.xml")
    assert list(Author.objects.values_list("wordpress_login", flat=True)) == ["admin"]
    assert "author “admin” is not declared in the export" in report
    assert Article.objects.filter(category__name="Pages").count() == 3


def test_a_post_without_author_slug_or_category(db):
    report = import_wordpress_export("importer-tests/missing-tags.xml")
    article = Article.objects.get()
    assert article.author.name == "WordPress import"
    assert article.category.name == "Uncategorized"
    assert article.slug
    assert "no author in the export" in report


def test_skip_pages_leaves_pages_out_and_says_so(db):
    report = import_wordpress_export("importer-tests/small-export.xml", skip_pages=True)
    assert not Category.objects.filter(name="Pages").exists()
    assert Article.objects.count() == 6
    assert "skipped 5: --skip-pages" in report

"""The theme unit test site, imported, is a site readers can use: every public article,
the home page, the archive and a parent category's page open."""

from articles.models import Article


def test_the_theme_unit_site_renders(db, client, theme_unit_site):
    for article in Article.objects.published():
        assert client.get(article.get_absolute_url()).status_code == 200, article.title
    for path in ["/", "/archive/", "/category/parent-category/"]:
        assert client.get(path).status_code == 200, path

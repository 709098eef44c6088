"""Every imported article that is public opens for a reader, from every shared export
that imports: the block test data, the theme unit test site, the hand-written preview."""

import pytest

from articles.models import Article
from tests.helpers import import_wordpress_export


@pytest.mark.parametrize(
    "name",
    [
        "64-block-test-data.xml",
        "theme-preview.xml",
        "importer-tests/a11y-unit-test-data.xml",
        "importer-tests/valid-wxr-1.0.xml",
        "importer-tests/valid-wxr-1.1.xml",
        "importer-tests/namespace-edge-cases.xml",
        "importer-tests/e2e-fixtures/wxr-comprehensive.xml",
    ],
)
def test_every_public_imported_article_renders(db, client, name):
    import_wordpress_export(name)
    public = list(Article.objects.published())
    assert public
    for article in public:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.title
        assert article.title in response.content.decode() or "&" in article.title

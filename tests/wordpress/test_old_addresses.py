"""Every address a WordPress post had answers a 301 to its new page, with the page cache
on: ?p= and ?page_id= (which the cache's key leaves out), the old permalink however it is
encoded, /YYYY/MM/slug/ and /slug/, under the sub-folder a blog lived in too."""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.helpers import import_file, wordpress_export, write_wxr, wxr_post

# The page cache's invalidation waits for commits: real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PULSE_PAGE_CACHE_SECONDS = 600


def moved(client, url):
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return response["Location"]


def test_query_ids_redirect_even_when_the_home_page_is_cached(client, tmp_path):
    import_file(write_wxr(
        tmp_path / "ids.xml",
        wxr_post(12, slug="sleep-hygiene"),
        wxr_post(7, slug="about", post_type="page", link="https://old.example/?page_id=7"),
    ))  # fmt: skip
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert moved(client, "/?p=12") == "/articles/sleep-hygiene/"
    assert moved(client, "/?page_id=7") == "/articles/about/"
    assert client.get("/?p=999").status_code == 200  # no such post: the home page


def test_permalink_shapes_redirect(client, tmp_path):
    greek = "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2"
    import_file(write_wxr(
        tmp_path / "shapes.xml",
        wxr_post(3, slug="fever-in-children", date="2019-03-04 09:00:00"),
        wxr_post(4, title="Επίπεδο 2", slug=greek,
                 link=f"https://old.example//greek/{greek}/"),
    ))  # fmt: skip
    assert moved(client, "/2019/03/fever-in-children/") == "/articles/fever-in-children/"
    assert moved(client, "/2019/03/fever-in-children") == "/articles/fever-in-children/"
    assert moved(client, "/fever-in-children/") == "/articles/fever-in-children/"
    new = Article.objects.get(wordpress_id=4).get_absolute_url()
    assert new == "/articles/epipedo-2/"
    assert moved(client, f"/greek/{greek}/") == new  # percent-encoded, as links have it
    assert moved(client, "/greek/επίπεδο-2/") == new
    assert moved(client, f"//greek//{greek}/") == new  # doubled slashes
    assert client.get("/2019/03/no-such-post/").status_code == 404


def test_a_blog_in_a_sub_folder(client):
    call_command("import_wordpress", str(wordpress_export("importer-tests/wxr-simple.xml")))
    article = Article.objects.get()
    assert moved(client, "/path/2024/06/hello-world/") == article.get_absolute_url()
    assert moved(client, "/2024/06/hello-world/") == article.get_absolute_url()
    assert moved(client, "/path/?p=10") == article.get_absolute_url()


def test_drafts_have_no_old_address(client, tmp_path):
    import_file(write_wxr(tmp_path / "d.xml", wxr_post(5, status="draft", slug="unready")))
    assert client.get("/?p=5").status_code == 200
    assert client.get("/2020/05/unready/").status_code == 404

"""Feeds and the sitemap as feed readers and crawlers get them through `make serve`'s nginx:
compressed, with an ETag and a Last-Modified to revalidate against, and a 304 when nothing
changed.  (Pages get theirs from the page cache; tests/site/test_page_cache.py.)"""

import urllib.error
import urllib.request

import pytest

pytestmark = [pytest.mark.browser]

PATHS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/sitemap.xml",
    "/articles/trauma-and-opioid-addiction/comments/feed/",
    "/articles/trauma-and-opioid-addiction/comments/atom/",
]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br", **headers})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@pytest.mark.parametrize("path", PATHS)
def test_feeds_and_the_sitemap_are_compressed_and_revalidated(served_demo, path):
    status, headers = fetch(served_demo["url"] + path)
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert headers["ETag"] and headers["Last-Modified"]
    status, _headers = fetch(served_demo["url"] + path, **{"If-None-Match": headers["ETag"]})
    assert status == 304

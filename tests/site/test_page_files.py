"""nginx's file tier sends a page as a file, with headers written into its configuration
(core/pagefiles.py, render_nginx), and keeps a page as a file only when Pulse sent exactly
those: they must be what a real page carries, or the tier would never keep a page, or
would send one without its policy."""

import pytest

from core import pagefiles
from core.management.commands import render_nginx

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("staff_groups")]


def page_headers(response):
    kept = {name.lower(): value for name, value in response.items()
            if name.lower() not in pagefiles.OWN}  # fmt: skip
    kept["content-security-policy"] = sorted(kept["content-security-policy"].split("; "))
    return kept


def expected(secure):
    headers = dict(pagefiles.page_headers(secure))
    headers["content-security-policy"] = sorted(headers["content-security-policy"].split("; "))
    return headers


@pytest.mark.parametrize("secure", [False, True], ids=["http", "https"])
def test_the_headers_a_file_is_sent_with_are_a_real_pages(client, article, settings, secure):
    settings.PULSE_PAGE_CACHE_SECONDS = 600
    settings.SECURE_HSTS_SECONDS = 3600  # as production sends over HTTPS
    for outcome in ("miss", "hit"):
        response = client.get(article.get_absolute_url(), secure=secure)
        assert response["X-Page-Cache"] == outcome
        assert page_headers(response) == expected(secure)
    assert ("strict-transport-security" in expected(secure)) is secure


def test_the_configuration_sends_them_with_a_file_and_checks_them_before_keeping_one(settings):
    settings.SECURE_HSTS_SECONDS = 3600
    parts = render_nginx.file_tier_headers()
    lines = parts["page_file_headers"]
    assert 'add_header X-Frame-Options "DENY" always;' in lines
    assert 'add_header Content-Security-Policy "' in lines
    # HSTS only over HTTPS: a map on the scheme, empty (not sent) over plain HTTP.
    assert "Strict-Transport-Security $pulse_page_header_" in lines
    assert 'default "";' in parts["scheme_maps"] and 'https "max-age=3600' in parts["scheme_maps"]
    assert '["x-frame-options"] = "DENY"' in parts["page_headers_lua"]
    # The headers that belong to one response are the same list the check in Lua uses.
    assert '["x-page-cache"] = true' in parts["own_headers_lua"]
    assert '["etag"] = true' in parts["own_headers_lua"]


def test_a_header_nginx_could_not_write_as_it_is_is_refused():
    with pytest.raises(ValueError):
        render_nginx.nginx_string("default-src $host")
    assert render_nginx.nginx_string('a "b"') == '"a \\"b\\""'

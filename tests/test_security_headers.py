"""Every page, the admin's included, goes out under a strict Content-Security-Policy; in
production the usual HTTPS and browser-hardening headers come with it."""

import json
import re
import secrets

import pytest
from django.urls import reverse

from tests.helpers import manage


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in parts if words}


def test_pages_allow_only_our_own_scripts_and_styles(client, article):
    response = client.get(article.get_absolute_url())

    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_script_tags_carry_the_nonce_the_header_allows(client, article):
    response = client.get(article.get_absolute_url())

    nonces = [s.removeprefix("'nonce-").rstrip("'") for s in policy(response)["script-src"]
              if s.startswith("'nonce-")]  # fmt: skip
    assert len(nonces) == 1
    html = response.content.decode()
    # JSON-LD blocks are data, never run: the policy does not apply to them.
    scripts = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "ld+json" not in tag]
    assert scripts, "the page loads its scripts"
    assert all(f'nonce="{nonces[0]}"' in tag for tag in scripts)
    # No inline code: every script comes from a file.
    assert all("src=" in tag for tag in scripts)
    assert " style=" not in html


def test_each_response_gets_a_fresh_nonce(client, article):
    first = policy(client.get(article.get_absolute_url()))["script-src"]
    second = policy(client.get(article.get_absolute_url()))["script-src"]
    assert first != second


def test_the_admin_is_served_under_the_same_policy(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert policy(response)["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


PROBE = """
import json
from django.conf import settings
from django.test import Client, override_settings
from django.core.management import call_command
call_command("migrate", verbosity=0)
plain = Client().get("/robots.txt")
# Hashed static names need collectstatic, which is not what this probe is about.
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
    secure = Client().get("/admin/login/", secure=True)
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "headers": {k: secure.get(k) for k in (
        "Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
        "X-Frame-Options", "Content-Security-Policy", "Cross-Origin-Opener-Policy")},
    "csrf_cookie": {"secure": bool(cookie["secure"]), "samesite": cookie["samesite"]},
    "session_cookie": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                       settings.SESSION_COOKIE_SAMESITE],
}))
"""


@pytest.fixture
def production_responses(tmp_path):
    """What a production server (DEBUG off, HTTPS redirect on) answers to a plain-HTTP
    request for robots.txt and an HTTPS request for the admin login page."""
    result = manage(
        "shell",
        "-c",
        PROBE,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(45),
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_plain_http_to_https(production_responses):
    assert production_responses["plain_status"] == 301
    assert production_responses["plain_location"].startswith("https://")


def test_production_sends_the_browser_hardening_headers(production_responses):
    headers = production_responses["headers"]
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


def test_production_cookies_are_secure_and_same_site(production_responses):
    assert production_responses["csrf_cookie"] == {"secure": True, "samesite": "Lax"}
    assert production_responses["session_cookie"] == [True, True, "Lax"]

"""Under production settings every cookie Pulse sets is Secure, HttpOnly (no script reads
any of them) and SameSite=Lax; the remember-me cookie says nothing to whoever reads it."""

import base64
import binascii
import contextlib
import json
import secrets
import zlib

import pytest

from comments.tokens import REMEMBER_COOKIE
from tests.helpers import manage, post_comment

PROBE = """
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
call_command("migrate", verbosity=0)
from articles.models import Article, Category
from authors.models import Author
from comments.models import Comment
article = Article.objects.create(
    title="T", slug="t", summary="S", body="B", status="published",
    category=Category.objects.create(name="C", slug="c"),
    author=Author.objects.create(name="A", slug="a"),
)
published = Comment.objects.create(article=article, author_name="P", author_email="p@example.com",
                                   body="Published.", status="approved")
get_user_model().objects.create_superuser("boss", "boss@example.com", "a long passphrase 42")
seen = {}
def keep(response):
    for name, morsel in response.cookies.items():
        seen.setdefault(name, []).append({"secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"]})
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
    reader = Client(HTTP_SEC_FETCH_SITE="same-origin")  # as every current browser says
    data = {"author_name": "Jamie", "author_email": "jamie@example.com", "body": "Hello there.",
            "remember": "on"}
    keep(reader.post("/articles/t/comments/", data, secure=True))
    keep(reader.post("/articles/t/comments/", {**data, "remember": "", "body": "Again."},
                     secure=True))
    keep(reader.post(f"/comments/{published.pk}/report/", {"reason": "spam"}, secure=True))
    keep(Client(HTTP_SEC_FETCH_SITE="same-origin").post(f"/comments/{published.pk}/report/",
                                                        {"reason": "spam"}, secure=True))
    staff = Client()
    keep(staff.get("/admin/login/", secure=True))
    keep(staff.post("/admin/login/?next=/admin/", {"username": "boss",
         "password": "a long passphrase 42"}, secure=True))
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def production_cookies(tmp_path_factory):
    """{cookie name: [its attributes, each time it was set]} from a production server
    (HTTPS) while a reader posts and reports and a moderator signs in."""
    folder = tmp_path_factory.mktemp("prod")
    result = manage(
        "shell", "-c", PROBE,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{folder / 'prod.sqlite3'}", PULSE_CACHE_DIR=str(folder / "cache"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_cookie_is_secure_httponly_and_same_site_lax(production_cookies):
    assert {"pulse_my_comments", "pulse_commenter", "messages", "csrftoken", "sessionid"} <= set(
        production_cookies
    )
    for name, settings_seen in production_cookies.items():
        for attributes in settings_seen:
            assert attributes == {"secure": True, "httponly": True, "samesite": "Lax"}, name


def readable_parts(value):
    """Every piece of a cookie value, and whatever base64 (and zlib) make of each."""
    found = []
    for part in value.split(":"):
        found.append(part)
        data = part.lstrip(".")
        try:
            raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
        except (binascii.Error, ValueError):
            continue
        found.append(raw.decode("latin-1"))
        with contextlib.suppress(zlib.error):
            found.append(zlib.decompress(raw).decode("latin-1"))
    return " ".join(found)


def test_the_remember_me_cookie_is_unreadable_without_the_key(client, article, human_post):
    human_post.update(author_website="https://jamie.example", remember="on")
    response = post_comment(client, article, human_post)
    readable = readable_parts(response.cookies[REMEMBER_COOKIE].value)
    for secret in ("Jamie", "jamie@example.com", "jamie.example"):
        assert secret not in readable
    # ...and the server still knows who to prefill the form for.
    assert 'value="jamie@example.com"' in client.get(article.get_absolute_url()).content.decode()

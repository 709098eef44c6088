"""Unsubscribe links: GET shows what will stop and a button, POST stops it.  Emails carry
List-Unsubscribe and List-Unsubscribe-Post (RFC 8058), and the mail client's one-click POST
works without a CSRF token.  No email address is in any link."""

import base64
import re
import zlib

import pytest
from django.core import mail
from django.test import Client

from comments import services
from comments.models import Comment
from tests.helpers import email_link


@pytest.fixture
def published_email(article, make_comment, moderator, django_capture_on_commit_callbacks):
    """The "your comment is published" email Pat asked for."""
    make_comment(
        article, author_email="pat.private@example.com", status=Comment.Status.PENDING,
        notify_on_approval=True, notify_on_reply=True,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(Comment.objects.all(), Comment.Status.APPROVED, moderator=moderator)
    (message,) = mail.outbox
    return message


def flags():
    return list(Comment.objects.values_list("notify_on_approval", "notify_on_reply"))


def test_get_shows_what_will_stop_and_changes_nothing(client, published_email):
    response = client.get(email_link(published_email, "Stop these emails"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Unsubscribe?" in html and '<form method="post">' in html
    assert "pat.private@example.com" not in html  # shown masked: p•••@example.com
    assert "p•••@example.com" in html
    assert flags() == [(True, True)]


def test_post_unsubscribes(client, published_email):
    response = client.post(email_link(published_email, "Stop these emails"))
    assert "You are unsubscribed" in response.content.decode()
    assert flags() == [(False, True)]


def test_emails_offer_one_click_unsubscribe(published_email):
    url = re.search(r"Stop these emails:\s+(\S+)", published_email.body).group(1)
    assert published_email.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert published_email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in str(published_email.message())


def test_the_one_click_post_needs_no_csrf_token(published_email):
    mail_client = Client(enforce_csrf_checks=True)
    url = published_email.extra_headers["List-Unsubscribe"].strip("<>")
    response = mail_client.post(url, "List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert response.status_code == 200
    assert flags() == [(False, True)]


def decoded_payload(url):
    """What a signed token in ``url`` carries, readable by anyone (not secret, only signed)."""
    token = url.rstrip("/").rsplit("/", 1)[1]
    payload = token.split(":")[0]
    compressed = payload.startswith(".")
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload) % 4))
    return (zlib.decompress(raw) if compressed else raw).decode()


def test_no_email_address_in_any_link(published_email):
    links = re.findall(r"https?://\S+", published_email.body)
    assert any("/comments/unsubscribe/" in url for url in links)
    for url in links:
        assert "@" not in url and "pat.private" not in url
        if "/comments/unsubscribe/" in url:
            assert "pat.private" not in decoded_payload(url)


def test_a_forged_link_is_404(client, db):
    for method in (client.get, client.post):
        assert method("/comments/unsubscribe/forged:token/").status_code == 404

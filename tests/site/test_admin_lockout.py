"""Guessing passwords at the admin login gets the guesser locked out (django-axes), the
lock-out is listed in the admin, and a real user who mistypes once still gets in."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse


@pytest.fixture
def login_protection(settings):
    """Brute-force protection switched on as in production (the test settings turn it off
    so that the test client's login() works)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    return settings


@pytest.fixture
def login_url():
    """The admin's sign-in page."""
    return reverse("admin:login")


def attempt(client, login_url, user, password):
    return client.post(
        login_url,
        {"username": user.username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.7",
    )


def test_wrong_passwords_lock_the_account_even_for_the_right_one(
    client, login_protection, login_url, editor
):
    for _ in range(2):
        response = attempt(client, login_url, editor, "guess")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert attempt(client, login_url, editor, "guess").status_code == 429

    response = attempt(client, login_url, editor, "pw")

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_mistake_then_the_right_password_signs_in(client, login_protection, login_url, editor):
    attempt(client, login_url, editor, "typo")

    response = attempt(client, login_url, editor, "pw")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_lock_out_is_listed_for_administrators(
    client, admin_client, login_protection, login_url, editor
):
    for _ in range(3):
        attempt(client, login_url, editor, "guess")
    assert AccessAttempt.objects.filter(username="ed", failures_since_start=3).exists()

    response = admin_client.get(reverse("admin:axes_accessattempt_changelist"))

    assert response.status_code == 200
    assert "203.0.113.7" in response.content.decode()

"""PULSE_ADMIN_URL moves the admin; the old address then finds nothing."""

import importlib

import pytest
from django.urls import clear_url_caches, reverse

import config.urls


@pytest.fixture
def admin_at_backstage(monkeypatch):
    """The URL configuration as loaded with PULSE_ADMIN_URL=/backstage/ (restored after)."""
    monkeypatch.setenv("PULSE_ADMIN_URL", "/backstage/")
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    monkeypatch.delenv("PULSE_ADMIN_URL")
    importlib.reload(config.urls)
    clear_url_caches()


def test_the_admin_moves_to_the_configured_address(client, admin_at_backstage, db):
    assert reverse("admin:index") == "/backstage/"
    response = client.get("/backstage/")
    assert response.status_code == 302
    assert response["Location"].startswith("/backstage/login/")


def test_the_default_address_finds_nothing_once_moved(client, admin_at_backstage, db):
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404


def test_the_admin_is_at_admin_by_default(client, db):
    assert reverse("admin:index") == "/admin/"
    assert client.get("/admin/login/").status_code == 200

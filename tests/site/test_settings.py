"""Production refuses to start half-configured; DATABASE_URL picks the database."""

import secrets
import sqlite3

import pytest

from config.settings import base
from tests.helpers import manage


@pytest.fixture
def secret_key():
    """A random 60-character secret key."""
    key = secrets.token_urlsafe(45)
    assert len(key) == 60
    return key


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("key", ["too-short", "django-insecure-" + "x1Y2z3" * 10])
def test_production_refuses_a_weak_secret_key(key):
    result = manage("check", DJANGO_SECRET_KEY=key, DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("hosts", [None, "", " , "])
def test_production_refuses_to_start_without_allowed_hosts(secret_key, hosts):
    env = {"DJANGO_SECRET_KEY": secret_key}
    if hosts is not None:
        env["DJANGO_ALLOWED_HOSTS"] = hosts
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr
    assert "DJANGO_SECRET_KEY" not in result.stderr


def test_configured_production_passes_the_deploy_checks(secret_key):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS="pulse.example.org,www.pulse.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_plain_http_switch_still_passes_with_only_the_redirect_warning(secret_key):
    result = manage(
        "check",
        "--deploy",
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    assert result.returncode == 0, result.stderr
    assert "security.W008" in result.stderr + result.stdout  # SECURE_SSL_REDIRECT off
    assert "security.W004" not in result.stderr + result.stdout  # HSTS stays on


@pytest.mark.parametrize("url", [None, "", "sqlite:////tmp/x.db"])
def test_sqlite_runs_in_wal_mode_with_immediate_transactions(monkeypatch, url):
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)

    config = base.database_from_env()

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    expected = "/tmp/x.db" if url else base.BASE_DIR / "db.sqlite3"
    assert str(config["NAME"]) == str(expected)
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    init = config["OPTIONS"]["init_command"]
    assert "journal_mode=WAL" in init
    assert "busy_timeout" in init and "foreign_keys=ON" in init


def test_a_sqlite_file_in_a_folder_not_made_yet_can_be_opened(monkeypatch, tmp_path):
    """A DATABASE_URL pointing into a new folder works on the first migrate: SQLite makes
    the file, Pulse makes the folder (it used to fail with "unable to open database file"
    unless something else had made the folder first)."""
    target = tmp_path / "new" / "folder" / "site.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{target}")
    config = base.database_from_env()
    sqlite3.connect(config["NAME"]).close()
    assert target.exists()


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_postgres_url_selects_postgresql(monkeypatch, scheme):
    monkeypatch.setenv("DATABASE_URL", f"{scheme}://pulse:secret@db.internal:5433/pulse")
    config = base.database_from_env()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("pulse", "pulse", "secret")
    assert (config["HOST"], config["PORT"]) == ("db.internal", 5433)
    assert "transaction_mode" not in config.get("OPTIONS", {})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, ["fallback"]), ("", []), ("a.org, b.org,,", ["a.org", "b.org"])],
)
def test_comma_separated_lists(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("PULSE_TEST_LIST", raising=False)
    else:
        monkeypatch.setenv("PULSE_TEST_LIST", raw)
    assert base.env_list("PULSE_TEST_LIST", ["fallback"]) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, True), ("", True), ("0", False), ("no", False), ("1", True), (" Yes ", True)],
)
def test_yes_no_switches(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("PULSE_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("PULSE_TEST_FLAG", raw)
    assert base.env_bool("PULSE_TEST_FLAG", True) is expected


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        (None, "core.filecache.FileCache"),
        ("redis://127.0.0.1:6390/0", "django_redis.cache.RedisCache"),
    ],
)
def test_production_workers_share_one_cache(secret_key, tmp_path, cache_url, backend):
    """The page cache's version must be the same for every worker: never per-process memory."""
    env = {
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "PULSE_CACHE_DIR": str(tmp_path),
    }
    if cache_url:
        env["PULSE_CACHE_URL"] = cache_url
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.CACHES['default'])", **env
    )
    assert result.returncode == 0, result.stderr
    assert f"'BACKEND': '{backend}'" in result.stdout

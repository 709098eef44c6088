"""Test settings: fast password hashing, in-memory cache and mail, plain static storage."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="pulse-test-imports-")},
    },
}
# Tests never run collectstatic; without a STATIC_ROOT whitenoise does not look for one.
STATIC_ROOT = None
# Tasks run at once, inside the test, after the transaction commits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Most tests measure rendering; tests/test_page_cache.py turns the page cache on.
PULSE_PAGE_CACHE_SECONDS = 0
# The admin's Markdown render runs in a child process killed after this long (0.8 s in
# production); a busy test machine can take longer than that to start Python at all.  The
# tests of the limit itself set the production value.
PULSE_MARKDOWN_RENDER_SECONDS = 10
MEDIA_ROOT = tempfile.mkdtemp(prefix="pulse-test-media-")
# django-axes needs a request on every authenticate(), which the test client's login() does
# not pass; tests of the lock-out itself turn it on with the settings fixture.
AXES_ENABLED = False

# Flood control counts in the test database, whatever the environment names.
PULSE_RATELIMIT_REDIS_URL = ""

# SQLite tests run on a file in WAL mode, as production does (not Django's shared in-memory
# database, which refuses a second writer outright): tests with threads that write at once
# (transaction=True) then behave as concurrent requests do.  pytest-xdist gives each worker
# its own file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _TEST_DB_FOLDER = tempfile.mkdtemp(prefix="pulse-test-db-")
    DATABASES["default"]["TEST"] = {"NAME": str(Path(_TEST_DB_FOLDER) / "test.sqlite3")}  # noqa: F405
    # Django deletes the database file, not SQLite's -wal and -shm files beside it.  Only the
    # process that made the folder removes it: a child forked from a test worker that exits
    # normally must not take the worker's database away from under it.
    _OWNER = os.getpid()
    atexit.register(
        lambda: os.getpid() == _OWNER and shutil.rmtree(_TEST_DB_FOLDER, ignore_errors=True)
    )

# Connections that outlive a request (the live server's threads in browser tests) would keep
# PostgreSQL from dropping the test database at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Absolute links come from the site's address, which in tests is the test client's.
PULSE_SITE_URL = "http://testserver"

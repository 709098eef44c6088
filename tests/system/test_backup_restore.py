"""`make backup` / `make restore FILE=…` (core/backups.py): a seeded site backed up and
restored elsewhere has every row and every media file; a restore into a database or a
media folder that is not empty is refused with a clear message."""

import json
import subprocess
import sys

import pytest

from tests.helpers import PROJECT, production_environment, run_manage

SNAPSHOT = """
import hashlib, json
from pathlib import Path
from django.apps import apps
from django.conf import settings
counts = {m._meta.label_lower: m._base_manager.count()
          for m in apps.get_models(include_auto_created=True)}
root = Path(settings.MEDIA_ROOT)
media = {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
         for p in sorted(root.rglob("*")) if p.is_file()}
print(json.dumps({"counts": counts, "media": media}))
"""


def snapshot(env):
    """Every model's row count and every media file's checksum, as the site sees them."""
    return json.loads(run_manage(env, "shell", "--verbosity", "0", "-c", SNAPSHOT))


def manage_failing(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    return done.stderr


@pytest.fixture
def seeded(tmp_path):
    """A site seeded with the demo content (images included) on a temporary database."""
    env = production_environment(tmp_path / "original", "http://127.0.0.1:8000")
    run_manage(env, "migrate", "--noinput")
    run_manage(env, "seed_demo", "--force", timeout=300)
    return env


def test_a_backup_restored_elsewhere_has_every_row_and_media_file(seeded, tmp_path):
    original = snapshot(seeded)
    assert original["media"], "the demo content has images"
    assert original["counts"]["comments.comment"] > 0

    printed = run_manage(seeded, "backup_site", "--output", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    assert printed.startswith(str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["counts"]["comments.comment"] == original["counts"]["comments.comment"]
    assert manifest["media"] == original["media"]

    elsewhere = production_environment(tmp_path / "elsewhere", "http://127.0.0.1:8000")
    printed = run_manage(elsewhere, "restore_site", str(folder))
    assert "every count and checksum matches" in printed
    restored = snapshot(elsewhere)
    assert restored["counts"] == original["counts"]
    assert restored["media"] == original["media"]

    # Restoring again would mix two sites: refused, in one clear sentence.
    refusal = manage_failing(elsewhere, "restore_site", str(folder))
    assert "The database is not empty" in refusal
    assert "Traceback" not in refusal


def test_a_restore_into_a_non_empty_media_folder_is_refused(seeded, tmp_path):
    run_manage(seeded, "backup_site", "--output", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    elsewhere = production_environment(tmp_path / "elsewhere", "http://127.0.0.1:8000")
    media = tmp_path / "elsewhere" / "media"
    media.mkdir(parents=True)
    (media / "left-over.png").write_bytes(b"x")
    refusal = manage_failing(elsewhere, "restore_site", str(folder))
    assert "is not empty" in refusal
    assert "Traceback" not in refusal


def test_a_folder_that_is_not_a_backup_is_refused(tmp_path):
    env = production_environment(tmp_path, "http://127.0.0.1:8000")
    refusal = manage_failing(env, "restore_site", str(tmp_path))
    assert "is not a Pulse backup" in refusal
    assert "Traceback" not in refusal

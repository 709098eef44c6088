"""export_site from one site, import_site into a freshly migrated database in another
process, export again: the two files hold the same rows, counts and media, byte for byte
(only the export time differs); a second import into the restored site is refused."""

import json
import subprocess
import sys

from tests.helpers import PROJECT, production_environment, run_manage


def site_file(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def test_a_site_moved_to_a_new_database_exports_the_same_file(tmp_path):
    source = production_environment(tmp_path / "source", "http://127.0.0.1:8000")
    target = production_environment(tmp_path / "target", "http://127.0.0.1:8000")
    for env in (source, target):
        run_manage(env, "migrate", "--noinput", "-v0")
    run_manage(source, "seed_demo", "--force", timeout=300)
    first, copy, second = tmp_path / "first.json", tmp_path / "copy", tmp_path / "second.json"

    run_manage(source, "export_site", str(first), "--with-media", str(copy))
    printed = run_manage(target, "import_site", str(first), "--with-media", str(copy))
    assert "models restored" in printed and "media files copied and checked" in printed
    run_manage(target, "export_site", str(second))

    original, restored = site_file(first), site_file(second)
    assert original["counts"]["comments.comment"] > 20
    assert original["media"] and restored["media"] == original["media"]
    assert restored == original

    again = subprocess.run(
        [sys.executable, "manage.py", "import_site", str(first)], cwd=PROJECT, env=target,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert again.returncode == 1
    assert "CommandError: The database already has" in again.stderr
    assert "Traceback" not in again.stderr

"""manage.py import_wordpress as an operator runs it, in its own process: a report on
stdout, and for a broken file one line naming where, no traceback."""

from tests.helpers import PROJECT, production_environment, run_manage, wordpress_export


def test_the_command_reports_and_refuses_without_a_traceback(tmp_path):
    import subprocess
    import sys

    env = production_environment(tmp_path, "http://127.0.0.1:8000")
    run_manage(env, "migrate", "--noinput")
    out = run_manage(
        env, "import_wordpress", str(wordpress_export("importer-tests/small-export.xml"))
    )
    assert "Import finished." in out
    assert "posts: 6 imported" in out
    refused = subprocess.run(
        [sys.executable, "manage.py", "import_wordpress",
         str(wordpress_export("importer-tests/malformed-simple.xml"))],
        capture_output=True, text=True, cwd=PROJECT, env=env, timeout=120,
    )  # fmt: skip
    assert refused.returncode == 1
    assert "malformed-simple.xml ends too early, at line 14" in refused.stderr
    assert "Traceback" not in refused.stderr

"""Several gunicorn workers and concurrent commenters on the configured database (SQLite,
or PostgreSQL in CI's second run): no 5xx, no "database is locked", and every accepted
comment stored exactly once.  A small run of benchmarks/comment_load.py."""

import json
import subprocess
import sys

import pytest

from tests.helpers import PROJECT, free_port


@pytest.fixture
def load_port():
    return free_port()


def test_concurrent_comment_posts_are_each_stored_once(load_port):
    result = subprocess.run(
        [sys.executable, "benchmarks/comment_load.py", "--clients", "6", "--posts", "3",
         "--port", str(load_port), "--deadline", "120"],
        cwd=PROJECT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert '\n{\n  "database"' in result.stdout, result.stdout + result.stderr
    report = json.loads(result.stdout[result.stdout.index('\n{\n  "database"') :])
    assert result.returncode == 0, report
    assert report["5xx"] == 0
    assert report["database_is_locked"] == 0
    assert report["comments_accepted"] == report["comments_stored"] == 18
    assert report["accepted_but_missing"] == report["stored_more_than_once"] == []
    # Each client also sent one comment twice at the same moment: stored once.
    assert report["double_submits"] > 0
    assert report["double_submits_stored_twice"] == 0

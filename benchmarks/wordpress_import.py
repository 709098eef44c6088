"""WordPress import benchmark: imports the largest shared export (../shared/wordpress/, or
$PULSE_WORDPRESS_EXPORTS) into a fresh SQLite database and prints records per second and
peak memory (resource.getrusage); then reads the same export repeated N times, to show
that the streaming reader's memory (tracemalloc) does not grow with the file.

Usage: make bench   (or .venv/bin/python benchmarks/wordpress_import.py [--repeat 20])
"""

import argparse
import os
import re
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGEST = "importer-tests/theme-unit-test-data.xml"


def exports_folder():
    if os.environ.get("PULSE_WORDPRESS_EXPORTS"):
        return Path(os.environ["PULSE_WORDPRESS_EXPORTS"])
    root = ROOT
    marker = ROOT / ".git"
    if marker.is_file():  # a git worktree: the main checkout is beside ../shared too
        gitdir = Path(marker.read_text().split("gitdir:", 1)[1].strip())
        root = (gitdir / (gitdir / "commondir").read_text().strip()).resolve().parent
    return root.parent / "shared" / "wordpress"


def repeated(source, copies, target):
    """The export with its items written ``copies`` times, each copy's ids moved up."""
    text = source.read_text(encoding="utf-8")
    head, rest = text.split("<item>", 1)
    body, tail = ("<item>" + rest).rsplit("</channel>", 1)
    with target.open("w", encoding="utf-8") as out:
        out.write(head)
        for copy in range(copies):
            shift = copy * 1_000_000
            out.write(re.sub(r"<wp:post_id>(\d+)</wp:post_id>",
                             lambda m, shift=shift: f"<wp:post_id>{int(m.group(1)) + shift}"
                             "</wp:post_id>", body))  # fmt: skip
        out.write("</channel>" + tail)
    return target


def read_only(path):
    """Records, seconds (untraced) and peak traced memory of reading ``path``."""
    from core.wordpress.reader import read_wxr

    started = time.perf_counter()
    records = sum(1 for _ in read_wxr(path))
    seconds = time.perf_counter() - started
    tracemalloc.start()
    for _ in read_wxr(path):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return records, seconds, peak


def max_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    source = exports_folder() / LARGEST
    if not source.is_file():
        sys.exit(f"The WordPress exports are missing: {source} (set PULSE_WORDPRESS_EXPORTS).")
    work = Path(tempfile.mkdtemp(prefix="pulse-wp-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        PULSE_MEDIA_ROOT=str(work / "media"),
        PULSE_STATIC_ROOT=str(work / "static"),
        PULSE_CACHE_DIR=str(work / "cache"),
        PULSE_IMPORTS_ROOT=str(work / "imports"),
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                   cwd=ROOT, check=True)  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from comments.wordpress import import_wordpress

    rss_before = max_rss_mib()
    started = time.perf_counter()
    report = import_wordpress(source)
    seconds = time.perf_counter() - started
    size = source.stat().st_size
    articles = report.count("posts") + report.count("pages")
    print(f"import  {LARGEST} ({size / 1e6:.2f} MB, {report.items_read} records: "
          f"{articles} articles, {report.count('comments')} comments): {seconds:.2f} s, "
          f"{report.items_read / seconds:.0f} records/s; peak RSS {max_rss_mib():.0f} MiB "
          f"({max_rss_mib() - rss_before:+.0f} MiB while importing)")  # fmt: skip
    for copies in (1, args.repeat):
        path = repeated(source, copies, work / f"x{copies}.xml")
        records, seconds, peak = read_only(path)
        print(f"read    ×{copies:<3} ({path.stat().st_size / 1e6:6.2f} MB, {records} records): "
              f"{records / seconds:,.0f} records/s, peak {peak / 2**20:.1f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()

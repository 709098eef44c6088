"""How fast, how big and how lean is a site file?  Seeds a site (the demo plus the
benchmark article with N comments) on a temporary SQLite database, exports it, imports it
into a new one, and prints rows per second, the file's size and each step's peak Python
allocation (tracemalloc), which stays flat while the file grows with N.  Rows per second
are per CPU second (the process's own time: a shared machine's wall clock says more about
its neighbours); wall-clock seconds are printed too.
Usage: .venv/bin/python benchmarks/transfer.py [--comments 1000,10000]
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PYTHON, bench_env, manage, run

MEASURE = r"""
import json, sys, time, tracemalloc
import django
django.setup()
from core.transfer import restore, writer
step, path = sys.argv[1], sys.argv[2]
tracemalloc.start()
started, cpu = time.perf_counter(), time.process_time()
if step == "export":
    counts, _media = writer.export(path)
    rows = sum(counts.values())
else:
    rows = restore.restore(path)["rows"]
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"rows": rows, "seconds": seconds, "cpu": cpu, "peak": peak}))
"""


def measure(env, step, path):
    return json.loads(run([PYTHON, "-c", MEASURE, step, str(path)], env).strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", default="1000,10000")
    args = parser.parse_args()
    print(
        "| comments | rows | file | export (CPU) | rows/s | peak | import (CPU) | rows/s | peak |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for n in [int(value) for value in args.comments.split(",")]:
        with tempfile.TemporaryDirectory(prefix="pulse-transfer-") as folder:
            folder = Path(folder)
            source, target = bench_env(folder / "source"), bench_env(folder / "target")
            for env in (source, target):
                Path(env["PULSE_MEDIA_ROOT"]).parent.mkdir()
                manage(env, "migrate", "--noinput", "-v0")
            manage(source, "seed_demo", "--force")
            manage(source, "seed_bench", "--comments", str(n))
            path = folder / "site.json"
            out = measure(source, "export", path)
            size = path.stat().st_size
            back = measure(target, "import", path)
            print(
                f"| {n:,} | {out['rows']:,} | {size / 1e6:.1f} MB "
                f"| {out['seconds']:.1f} s ({out['cpu']:.1f} s) | {out['rows'] / out['cpu']:,.0f} "
                f"| {out['peak'] / 1e6:.1f} MB | {back['seconds']:.1f} s ({back['cpu']:.1f} s) "
                f"| {back['rows'] / back['cpu']:,.0f} | {back['peak'] / 1e6:.1f} MB |"
            )


if __name__ == "__main__":
    main()

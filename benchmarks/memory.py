"""Does a worker's memory stay flat?  10,000 requests of mixed pages against one gunicorn
worker (production settings, SQLite, loopback), reporting the worker's resident memory
(VmRSS) as it goes.  Bounded: REQUESTS requests, at most DEADLINE seconds.
Usage: .venv/bin/python benchmarks/memory.py [--requests 10000]
"""

import argparse
import http.client
import itertools
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PYTHON, ROOT, bench_env, manage

PORT = int(os.environ.get("PULSE_MEMORY_PORT", "8313"))
DEADLINE = 240


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def worker_pid(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pulse-memory-"))
    env = bench_env(workdir)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_bench", "--comments", "200")
    article = manage(env, "seed_bench", "--print-path").strip()
    paths = [
        "/", article, f"{article}?cpage=2", "/category/bench-category/",
        "/authors/bench-author/", f"{article}comments/feed/", "/robots.txt", "/no-such-page/",
    ]  # fmt: skip
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        time.sleep(2)
        pid = worker_pid(server.pid)
        readings, statuses, started = [], {}, time.time()
        for number, path in enumerate(itertools.islice(itertools.cycle(paths), args.requests)):
            # Every 5th request renders afresh (a query string the page cache has not seen).
            target = f"{path}{'&' if '?' in path else '?'}n={number}" if number % 5 == 0 else path
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            connection.request("GET", target)
            status = connection.getresponse()
            status.read()
            statuses[status.status] = statuses.get(status.status, 0) + 1
            connection.close()
            if number in (500, 1000) or number % 2000 == 1999:
                readings.append((number + 1, rss_kib(pid)))
            if time.time() - started > DEADLINE:
                break
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"{sum(statuses.values())} requests in {time.time() - started:.0f} s; "
          f"statuses {dict(sorted(statuses.items()))}")  # fmt: skip
    print(" requests | worker RSS MiB")
    for count, kib in readings:
        print(f"{count:>9} | {kib / 1024:>8.1f}")
    # Every 5th request is a page never seen before: pages go to the shared cache, and the
    # worker keeps only bounded memos (comment HTML, rendition URLs), so memory must be flat
    # once they have filled.  Growth is measured from request 2,000.
    first, last = readings[2][1], readings[-1][1]
    print(
        f"growth from request 2,000 to the end: {(last - first) / 1024:+.1f} MiB "
        f"({(last - first) / first:+.1%})"
    )


if __name__ == "__main__":
    main()

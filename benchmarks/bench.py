"""Article-page benchmark: SQL queries, cold render time, and HTTP throughput against the
static-file ceiling, at N = 18, 200 and 1000 approved comments.

Runs with the production settings over plain HTTP on loopback, on its own SQLite file, with
gunicorn (2 sync workers) and wrk from Debian.  Bounded: every wrk run lasts DURATION s.
Usage: make bench   (or .venv/bin/python benchmarks/bench.py [--counts 18,200] [--duration 5])
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("PULSE_BENCH_PORT", "8311"))


def bench_env(workdir):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DATABASE_URL=env.get("PULSE_BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"),
        PULSE_MEDIA_ROOT=str(workdir / "media"),
        PULSE_STATIC_ROOT=str(workdir / "static"),
        PULSE_CACHE_DIR=str(workdir / "cache"),
    )
    return env


def run(command, env):
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def manage(env, *args):
    return run([PYTHON, "manage.py", *args], env)


IN_PROCESS = r"""
import os, statistics, sys, time, json
import django
django.setup()
from core import pagecache
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
path = sys.argv[1]; runs = int(sys.argv[2])
client = Client()
for _ in range(10):  # imports, template loading, settings row, the interpreter's warm-up
    pagecache.invalidate(path)
    client.get(path)
times, cpu = [], []
for _ in range(runs):
    pagecache.invalidate(path)  # as after a comment is approved: the page is rendered again
    start, start_cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    times.append((time.perf_counter() - start) * 1000)
    cpu.append((time.process_time() - start_cpu) * 1000)
    assert response.status_code == 200, response.status_code
def queries_of(reader):
    queries = []
    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)
    with connection.execute_wrapper(count):
        body = reader.get(path).content
    return len(queries), body
pagecache.invalidate(path)
cold_queries, body = queries_of(client)  # a render after a change
cache.clear()
empty_queries, _ = queries_of(client)  # nothing cached at all: menu, settings, schedule
user, _ = get_user_model().objects.get_or_create(username="bench-reader")
signed_in = Client()
signed_in.force_login(user)
signed_in.get(path)
signed_in_queries, _ = queries_of(signed_in)
warm = []
for _ in range(runs):
    start = time.perf_counter()
    response = client.get(path)
    warm.append((time.perf_counter() - start) * 1000)
    assert response["X-Page-Cache"] == "hit", response.get("X-Page-Cache")
print(json.dumps({"queries": cold_queries, "empty_queries": empty_queries,
                  "signed_in_queries": signed_in_queries, "cold_ms": statistics.median(times),
                  "cold_cpu_ms": statistics.median(cpu),
                  "warm_ms": statistics.median(warm), "bytes": len(body)}))
open(sys.argv[3], "wb").write(body)
"""


def wrk(url, duration):
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency(50), "p99": latency(99),
            "errors": int(non2xx.group(1)) if non2xx else 0}  # fmt: skip


def serve(env):
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="18,200,1000")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=30, help="cold renders per N (median)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk (make bench installs it)")
    workdir = Path(tempfile.mkdtemp(prefix="pulse-bench-"))
    env = bench_env(workdir)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    path = manage(env, "seed_bench", "--print-path").strip()
    rows = []
    for count in [int(n) for n in args.counts.split(",")]:
        manage(env, "seed_bench", "--comments", str(count))
        html_file = workdir / f"article-{count}.html"
        measured = run([PYTHON, "-c", IN_PROCESS, path, str(args.runs), str(html_file)], env)
        row = {"n": count, **json.loads(measured.strip().splitlines()[-1])}
        static_dir = workdir / "static" / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(html_file, static_dir / f"article-{count}.html")
        manage(env, "collectstatic", "--noinput")
        server = serve(env)
        try:
            row["page"] = wrk(f"http://127.0.0.1:{PORT}{path}", args.duration)
            row["static"] = wrk(
                f"http://127.0.0.1:{PORT}/static/bench/article-{count}.html", args.duration
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        rows.append(row)
    print()
    print(f"Article page, production settings, SQLite, gunicorn 2 workers, wrk -t2 -c16 "
          f"-d{args.duration}s, {os.cpu_count()} CPUs")  # fmt: skip
    header = ("N", "SQL", "SQL empty", "SQL signed", "cold ms", "cold CPU ms", "warm ms", "KB",
              "page req/s", "p50 ms", "p99 ms", "static req/s", "ratio")  # fmt: skip
    print(" | ".join(f"{h:>12}" for h in header))
    for row in rows:
        page, static = row["page"], row["static"]
        cells = (row["n"], row["queries"], row["empty_queries"], row["signed_in_queries"],
                 f"{row['cold_ms']:.1f}", f"{row['cold_cpu_ms']:.1f}",
                 f"{row['warm_ms']:.2f}",
                 f"{row['bytes'] / 1024:.1f}",
                 f"{page['rps']:.0f}", f"{page['p50']:.1f}", f"{page['p99']:.1f}",
                 f"{static['rps']:.0f}", f"{page['rps'] / static['rps']:.0%}")  # fmt: skip
        print(" | ".join(f"{c:>12}" for c in cells))
        if page["errors"]:
            print(f"  ! {page['errors']} non-2xx responses for the article page")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The article page through nginx, on PostgreSQL + Redis, with one and with two app servers
(deploy/cluster.py in a temporary folder), at N = 18, 200 and 1,000 comments: requests per
second and p50/p99 latency for an nginx cache hit and for a miss, beside the same bytes
served as a static file by the same nginx.  Every request asks for brotli
(``Accept-Encoding: br``), as browsers do.

- Hit: the page as every anonymous reader gets it, from nginx's file tier (X-Cache-Status
  HIT; deploy/pulse_pages.lua), measured in turn with the static file five times.
- Miss: every request has a query no request had before (``?q=<run>-<thread>-<n>``, a
  parameter both caches key on), so nginx's cache and Pulse's page cache both miss: the
  page is rendered from PostgreSQL, compressed (brotli, by Pulse's page cache) and stored
  in Redis and in nginx's cache, each time.  Measured under load (wrk -c16) and alone (-c1:
  the wall time of one miss, with nothing queued in front of it, which is what is set
  against WordPress's CPU time per page; three runs, their median, and the CPU time the
  app servers' gunicorn workers and PostgreSQL spent per miss meanwhile, from /proc).
- Miss after a change: a miss alone, each right after the page's generation changed as a
  comment's approval changes it, so that the app server lays the thread out from
  PostgreSQL again (what it keeps of the thread is kept per generation): the first reader
  after a new comment.  Set against misses without a change from the same client.
- Hit, uncompressed: the same hit for a client that asks for no compression.
- Static: the page's HTML (and its brotli copy, as collectstatic makes) in nginx's static
  folder.
- One app server: app server b is marked down in nginx (as a rolling restart does), so
  every request goes to a.  Both app servers run 2 gunicorn workers.

Bounded: every wrk run lasts DURATION seconds (default 5; a 3 s warm-up before the misses);
about six minutes in all.
Usage: make bench-cluster  (or .venv/bin/python benchmarks/cluster.py [--counts 18] [--duration 3])
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.cluster import Cluster  # noqa: E402

PORT = int(os.environ.get("PULSE_BENCH_CLUSTER_PORT", "8320"))
# WordPress 7.1 without a page cache on this kind of machine: CPU ms per article page.
WORDPRESS_MS = {18: (37, 41), 1000: (213, 233)}
TARGETS = {18: 3, 1000: 10}
PAIRS = 5
MISS_SCRIPT = """
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
function request() n = n + 1; return wrk.format(nil, wrk.path .. "-" .. tid .. "-" .. n) end
"""


def wrk(url, duration, connections=16, script=None, accept_encoding="br"):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s",
               "--latency", url]  # fmt: skip
    if accept_encoding:
        command[-1:-1] = ["-H", f"Accept-Encoding: {accept_encoding}"]
    if script:
        command[1:1] = ["-s", script]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": latency(50), "p99": latency(99), "requests": requests,
            "errors": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}  # fmt: skip


def cpu_seconds(pids):
    """User and system CPU time of ``pids`` so far, with that of their children that have
    exited (a PostgreSQL backend that ends is counted in its postmaster), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(field) for field in fields[11:15])  # utime, stime, cutime, cstime
    return total / ticks


def postgres_pids():
    out = subprocess.run(["pgrep", "-u", "postgres"], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def alone(cluster, url, seconds, script, servers, runs=3):
    """Misses one at a time (wrk -c1), ``runs`` times: the median of the runs' p50s, and
    the CPU each miss took in the app servers' gunicorn workers and in PostgreSQL (what
    WordPress's figure counts is its own CPU per page)."""
    workers = [pid for name in ("a", "b")[:servers] for pid in cluster.app_workers(name)]
    results, app_cpu, db_cpu, count = [], 0.0, 0.0, 0
    for n in range(runs):
        before = cpu_seconds(workers), cpu_seconds(postgres_pids())
        result = wrk(f"{url}{n}", seconds, connections=1, script=script)
        app_cpu += cpu_seconds(workers) - before[0]
        db_cpu += cpu_seconds(postgres_pids()) - before[1]
        count += result["requests"]
        results.append(result)
    results.sort(key=lambda result: result["p50"])
    middle = dict(results[len(results) // 2])
    middle["app_cpu_ms"] = app_cpu * 1000 / max(1, count)
    middle["db_cpu_ms"] = db_cpu * 1000 / max(1, count)
    middle["p50_runs"] = [result["p50"] for result in results]
    return middle


# A miss right after the thread changed: the page's generation is new (as a comment's
# approval makes it, core/pagecache.invalidate), so nothing the app servers keep for that
# page (the laid-out thread, comments/templatetags/comments.py) is there.  Timed by the
# client, one at a time, in one manage.py shell with the cluster's environment.
AFTER_CHANGE = """
import secrets, statistics, time, urllib.request
from core import pagecache

def miss():
    request = urllib.request.Request({url!r} + "?q=change-" + secrets.token_hex(4),
                                     headers={{"Accept-Encoding": "br"}})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        assert response.headers["X-Page-Cache"] == "miss", dict(response.headers)
    return (time.perf_counter() - started) * 1000

# First without a change (every worker has laid this generation out already: the misses
# before made sure), then each right after one (each worker then meets it first).
plain = [miss() for n in range({runs})]
changed = []
for n in range({runs}):
    pagecache.invalidate({path!r})
    changed.append(miss())
print(statistics.median(plain), statistics.median(changed))
"""


def after_change(cluster, url, path, runs=15):
    """The median wall times (ms) of a miss as the other misses here are, and of one right
    after the page's thread changed, from the same client (Python's, which opens a
    connection per request: slower than wrk's)."""
    code = AFTER_CHANGE.format(runs=runs, path=path, url=url)
    plain, changed = cluster.manage("shell", "-c", code).split()[-2:]
    return float(plain), float(changed)


def middle(results):
    """The run with the median req/s."""
    return sorted(results, key=lambda result: result["rps"])[len(results) // 2]


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read()


def measure(cluster, path, count, duration, script):
    """Every figure for one N: static, then hit and miss with two app servers and one."""
    url = f"{cluster.nginx_url}{path}"
    for _ in range(10):  # a miss, then a hit once nginx has filed the page
        headers, body = fetch(url)
        if headers["X-Cache-Status"] == "HIT":
            break
        time.sleep(0.05)
    assert headers["X-Cache-Status"] == "HIT" and headers["Content-Encoding"] == "br", headers
    html = brotli.decompress(body)
    static = cluster.static_root / "bench"
    static.mkdir(exist_ok=True)
    (static / f"article-{count}.html").write_bytes(html)
    (static / f"article-{count}.html.br").write_bytes(body)
    headers, same = fetch(f"{cluster.nginx_url}/static/bench/article-{count}.html")
    assert same == body and headers["Content-Encoding"] == "br", headers
    static_url = f"{cluster.nginx_url}/static/bench/article-{count}.html"
    row = {"n": count, "html_kb": len(html) / 1024, "br_kb": len(body) / 1024}
    for servers in (2, 1):
        cluster.drain(set() if servers == 2 else {"b"})
        fetch(url)  # the reload started a new nginx cache generation: fill it again
        for _ in range(10):  # nginx writes the page as a file once it has sent it
            headers, _ = fetch(url)
            if "X-Page-Cache" not in headers:
                break
            time.sleep(0.05)
        assert headers["X-Cache-Status"] == "HIT" and "X-Page-Cache" not in headers, headers
        headers, _ = fetch(f"{url}?q=probe-{secrets.token_hex(4)}")
        assert headers["X-Cache-Status"] == "MISS", headers
        if servers == 2:
            # The static file and the hit in turn, PAIRS times: this machine's speed
            # drifts by a fifth within minutes, so each hit is set against its neighbour.
            pairs = [(wrk(static_url, duration), wrk(url, duration)) for _ in range(PAIRS)]
            ratios = sorted(hit["rps"] / static["rps"] for static, hit in pairs)
            row["hit_ratio"], row["hit_ratios"] = ratios[len(ratios) // 2], ratios
            row["static"] = middle([static for static, _ in pairs])
            hit = middle([hit for _, hit in pairs])
        else:
            hit = wrk(url, duration)
        run = secrets.token_hex(3)
        # Each gunicorn worker keeps the comments' HTML it rendered (core/memo.py):
        # misses on every worker first, so that a worker's first render is not measured.
        wrk(f"{url}?q={run}w", 3, connections=8, script=script)
        row[servers] = {
            "hit": hit,
            # A client that asks for no compression: the page as stored, from nginx's cache.
            "hit_identity": wrk(url, duration, accept_encoding=None),
            "miss": wrk(f"{url}?q={run}a", duration, script=script),
            "alone": alone(cluster, f"{url}?q={run}b", max(3, duration), script, servers),
        }
        if servers == 2:
            row[servers]["after_change"] = after_change(cluster, url, path)
    cluster.drain(set())
    return row


def report(rows, duration):
    print()
    print(f"Article page through nginx (brotli), PostgreSQL + Redis, 2 gunicorn workers per app "
          f"server, wrk -t2 -c16 -d{duration}s, {os.cpu_count()} CPUs")  # fmt: skip
    header = ("N", "KB html/br", "static req/s", "servers", "hit req/s", "hit p50/p99",
              "hit/static", "miss req/s", "miss p50/p99", "alone p50", "app/db CPU ms",
              "2-core ms")  # fmt: skip
    print(" | ".join(f"{h:>14}" for h in header))
    for row in rows:
        static = row["static"]
        for servers in (1, 2):
            hit, miss, single = row[servers]["hit"], row[servers]["miss"], row[servers]["alone"]
            cells = (
                row["n"], f"{row['html_kb']:.0f}/{row['br_kb']:.0f}", f"{static['rps']:.0f}",
                servers, f"{hit['rps']:.0f}", f"{hit['p50']:.1f}/{hit['p99']:.1f}",
                f"{hit['rps'] / static['rps']:.0%}", f"{miss['rps']:.0f}",
                f"{miss['p50']:.1f}/{miss['p99']:.1f}", f"{single['p50']:.1f}",
                f"{single['app_cpu_ms']:.1f}/{single['db_cpu_ms']:.1f}",
                f"{os.cpu_count() * 1000 / miss['rps']:.1f}",
            )  # fmt: skip
            print(" | ".join(f"{c:>14}" for c in cells))
            for kind in ("hit", "hit_identity", "miss", "alone"):
                result = row[servers][kind]
                if result["errors"] or result["socket_errors"]:
                    print(f"  ! {kind}, {servers} server(s): {result['errors']} non-2xx, "
                          f"socket errors {result['socket_errors'] or 'none'}")  # fmt: skip
    print()
    for row in rows:
        identity = row[2]["hit_identity"]
        print(f"N={row['n']}: a cached page sent uncompressed (no Accept-Encoding), two app "
              f"servers: {identity['rps']:.0f} req/s, p50 {identity['p50']:.1f} ms")  # fmt: skip
    for row in rows:
        ratios = ", ".join(f"{ratio:.0%}" for ratio in row["hit_ratios"])
        print(
            f"N={row['n']}: cached page {row['hit_ratio']:.0%} of the static file's req/s, "
            f"two app servers (median of {PAIRS} runs side by side: {ratios}; target ≥ 90%)"
        )
        if row["n"] in WORDPRESS_MS:
            low, high = WORDPRESS_MS[row["n"]]
            single = row[2]["alone"]
            wall, cpu = single["p50"], single["app_cpu_ms"]
            runs = ", ".join(f"{p50:.1f}" for p50 in single["p50_runs"])
            print(f"N={row['n']}: a miss alone takes {wall:.1f} ms with two app servers (median "
                  f"of {runs}): {low / wall:.1f}–{high / wall:.1f}× faster than WordPress's "
                  f"{low}–{high} ms of CPU (target ≥ {TARGETS[row['n']]}×); its app server "
                  f"spends {cpu:.1f} ms of CPU on it ({low / cpu:.1f}–{high / cpu:.1f}×), "
                  f"PostgreSQL {single['db_cpu_ms']:.1f} ms")  # fmt: skip
        plain, changed = row[2]["after_change"]
        print(f"N={row['n']}: a miss right after the thread changed takes {changed:.1f} ms "
              f"with two app servers, against {plain:.1f} ms for a miss without a change "
              f"(from one Python client, median of 15 each)")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="18,200,1000")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk (make bench installs it)")
    folder = Path(tempfile.mkdtemp(prefix="pulse-bench-cluster-"))
    script = folder / "miss.lua"
    cluster = Cluster(
        folder, port=PORT, pg_port=PORT + 3, redis_port=PORT + 4,
        env={"PULSE_RELEASE": "bench-cluster", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"},
    )  # fmt: skip
    rows = []
    try:
        cluster.start(seed=False)
        script.write_text(MISS_SCRIPT)
        path = cluster.manage("seed_bench", "--print-path").strip()
        for count in [int(n) for n in args.counts.split(",")]:
            cluster.manage("seed_bench", "--comments", str(count))
            rows.append(measure(cluster, path, count, args.duration, str(script)))
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    report(rows, args.duration)


if __name__ == "__main__":
    main()

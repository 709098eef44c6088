"""Lighthouse 12 (npm, pinned; Debian's chromium) scores every kind of page a reader lands on
at least 98 for performance, accessibility, best practices and SEO, with the mobile and the
desktop preset, through nginx as `make serve` runs it (real media, compression, caching).
Search results are the one page allowed below 98 in SEO, and only for their deliberate
``noindex``.

Each page is measured by a fresh chromium, one page at a time (tests/browser/lighthouse.mjs):
two cores cannot run two Lighthouse runs side by side without each slowing the other's
score.  The machine is shared, so a page that falls short is measured again and judged
by its best run (RETRIES); the reports of the last run of each page are in
test-artifacts/lighthouse/.  About 15 s a page: some 4 minutes for the module, with the
site's set-up (migrate, seed_demo, a 200-comment seed_bench) about a minute of it."""

import json
import os
import subprocess
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser]

PROJECT = Path(__file__).resolve().parent.parent.parent
RUNNER = PROJECT / "tests" / "browser" / "lighthouse.mjs"
REPORTS = PROJECT / "test-artifacts" / "lighthouse"
THRESHOLD = 98
# Lighthouse's simulated throttling multiplies the CPU time it measures, so other work on
# this shared 2-core machine (other test workers, other checkouts) can cost a page its last
# points of performance on one run (seen: 89, then 100, for the same page; in CI, with the
# other test worker busy, the article after a form error fell short three times running
# on total blocking time alone).  A page that falls short, or could not be measured, is
# measured again, up to three times.
RETRIES = 3
# The long article, the 200-comment benchmark article (seed_bench) and the article after a
# form error (the runner sends its comment form empty: "#form-error").
PAGES = {
    "home": "/",
    "article": "/articles/trauma-and-opioid-addiction/",
    "long-thread": "/articles/bench-article/",
    "author": "/authors/mireille-achterberg/",
    "category": "/category/mental-health/",
    "search": "/search/?q=sleep",
    "form-error": "/articles/trauma-and-opioid-addiction/#form-error",
}
ALLOWED = {"search": {"seo": {"is-crawlable"}}}  # noindex on purpose


def lighthouse(base_url, preset, names):
    """{name: result line} for the given pages, measured one after another."""
    specs = [f"{name}={base_url}{PAGES[name]}" for name in names]
    done = subprocess.run(
        ["node", str(RUNNER), preset, str(REPORTS), *specs], cwd=PROJECT,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        capture_output=True, text=True, timeout=90 * len(names),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {result["name"]: result for result in results}


def shortfalls(name, result):
    """What keeps a page under the threshold, as readable lines (none: it passes)."""
    if result["errors"]:
        return [f"{name}: {error}" for error in result["errors"]]
    problems = []
    for category, score in result["scores"].items():
        if score >= THRESHOLD:
            continue
        allowed = ALLOWED.get(name, {}).get(category, set())
        failing = {line.split()[0] for line in result["failing"]}
        if allowed and failing <= allowed:
            continue
        problems.append(f"{name} {category} {score}: " + "; ".join(result["failing"]))
    return problems


@pytest.mark.parametrize("preset", ["mobile", "desktop"])
def test_every_reader_page_scores_at_least_98(served_demo, preset):
    results = lighthouse(served_demo["url"], preset, list(PAGES))
    for _attempt in range(RETRIES):
        retry = [name for name, result in results.items() if shortfalls(name, result)]
        if not retry:
            break
        again = lighthouse(served_demo["url"], preset, retry)
        for name in retry:
            if not shortfalls(name, again[name]):
                results[name] = again[name]
    print(f"\nLighthouse {preset}:")
    for name, result in results.items():
        print(f"  {name:12} {result['scores']}")
    problems = [line for name, result in results.items() for line in shortfalls(name, result)]
    assert problems == []
    assert set(results) == set(PAGES)

"""Revision comparison and checklist benchmark: how long the word diff of two article bodies
and the pre-publish checklist take, on the demo's longest body repeated to about 13,000 words
(a long article is about 3,000), edited a little, rewritten, and on a worst case (a small
vocabulary, every paragraph changed).

Figures are printed, never asserted: this is not a test.  Each is the median of --runs runs.
Usage: .venv/bin/python benchmarks/revisions.py [--runs 5]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from articles import checklist
    from articles.revisions import word_diff

    demo = sorted((ROOT / "core/management/demo/articles").glob("*.md"))
    texts = sorted((path.read_text(encoding="utf-8") for path in demo), key=len)
    long_body = "\n\n".join([texts[-1]] * 6)
    other_body = "\n\n".join([texts[-2]] * 6)
    edited = long_body.replace("trauma", "adversity", 40)
    rng = random.Random(1)
    words = ["sleep", "heart", "the", "a", "of", "dose", "risk", "and", "in", "trial"]

    def paragraphs():
        return "\n\n".join(" ".join(rng.choice(words) for _ in range(60)) for _ in range(250))

    worst_old, worst_new = paragraphs(), paragraphs()
    print(f"body: {len(long_body.split()):,} words, {len(long_body):,} characters")
    cases = [
        ("word diff, 40 words changed", lambda: word_diff(long_body, edited)),
        ("word diff, another article", lambda: word_diff(long_body, other_body)),
        ("word diff, worst case (15,000 words)", lambda: word_diff(worst_old, worst_new)),
    ]
    for label, function in cases:
        print(f"{label:<40} {median_ms(function, args.runs):8.1f} ms")

    text = " ".join(long_body.split())
    fresh = iter(range(10**6))  # textstat caches by text: a new text each run
    grade = median_ms(lambda: checklist.reading_grade(f"{text} word{next(fresh)}."), args.runs)
    print(f"{'Flesch-Kincaid grade (textstat)':<40} {grade:8.1f} ms")
    draft = checklist.Draft(
        article=type("A", (), {"body": long_body, "summary": "s", "cover_image": "",
                               "cover_alt": "", "reviewer_id": None, "last_reviewed": None,
                               "next_review_due": None})(),
        references=[], html="", text=text, blocking=frozenset(), target_grade=8,
        review_interval_months=12, disclaimer="d",
    )  # fmt: skip
    print(f"{'whole checklist':<40} {median_ms(lambda: checklist.run(draft), args.runs):8.1f} ms")


if __name__ == "__main__":
    main()

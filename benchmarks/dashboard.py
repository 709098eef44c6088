"""Moderation dashboard benchmark: seed N comments (100,000 by default) into a throwaway
SQLite database and print how long the dashboard takes: its figures alone
(comments/dashboard.py) and the whole page through Django, with its query count; the
moderation queue's page at that size too.

Figures are printed, never asserted: this is not a test.  Bounded: seeding 100,000 rows
takes about half a minute here, each measurement is the median of --runs runs, as wall and
CPU time (the load average is printed with them).
Usage: .venv/bin/python benchmarks/dashboard.py [--comments 100000] [--days 90] [--runs 5]
"""

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REASONS = [
    ("links", "More links than allowed."),
    ("personal_data", "Contains personal data (a phone number)."),
    ("pharmacy", "Looks like an online pharmacy advert."),
    ("link_praise", "Short praise with a link."),
    ("form_token", "The form's timestamp was missing or altered."),
    ("medicine_link", "Names a medicine or a dose together with a link."),
    ("blocked_word", "Contains a blocked word: casino"),
]


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/dashboard.sqlite3"
    import django

    django.setup()
    logging.getLogger("pulse.request").setLevel(logging.WARNING)  # one line per request
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def seed(n_comments, days, seed_value=13):
    """N comments over the last ``days`` days on 20 articles: most decided by one of four
    moderators after a wait of minutes to days, some spam straight from the checks, the
    newest still pending, a few with reasons, a few urgent."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article, Category
    from authors.models import Author
    from comments.models import Comment
    from comments.rendering import render_comment_body

    rng = random.Random(seed_value)
    now = timezone.now()
    users = get_user_model().objects
    moderators = [
        users.create_user(f"mod{i}", f"mod{i}@example.com", "pw", is_staff=True,
                          first_name=name)
        for i, name in enumerate(["Ana", "Ben", "Chidi", "Dana"])
    ]  # fmt: skip
    category = Category.objects.create(name="Bench", slug="bench")
    author = Author.objects.create(name="Bench Author", slug="bench-author")
    articles = [
        Article.objects.create(
            title=f"Bench article {i}", slug=f"bench-article-{i}", category=category,
            author=author, summary="Summary.", body="Body.", status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=days + 1),
        )
        for i in range(20)
    ]  # fmt: skip
    body = "A benchmark comment about side effects and what helped; a few sentences long."
    body_html = render_comment_body(body)
    batch = []
    with transaction.atomic():
        for number in range(n_comments):
            created = now - timedelta(seconds=rng.uniform(0, days * 86400))
            wait = timedelta(minutes=rng.lognormvariate(4.5, 1.3))  # median about 1.5 h
            roll = rng.random()
            decided = created + wait < now and roll < 0.9
            if roll < 0.06:
                status, moderator, moderated_at = Comment.Status.SPAM, None, None  # checks
            elif decided:
                status = rng.choices(
                    [Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.SPAM],
                    weights=[75, 10, 15],
                )[0]
                moderator, moderated_at = rng.choice(moderators), created + wait
            else:
                status, moderator, moderated_at = Comment.Status.PENDING, None, None
            reasons = [
                {"code": code, "message": message, "score": 2}
                for code, message in rng.sample(REASONS, k=rng.choice([0, 0, 0, 1, 1, 2]))
            ]
            batch.append(
                Comment(
                    article=rng.choice(articles), author_name=f"Reader {number % 5000}",
                    author_email=f"reader{number % 5000}@example.com", body=body,
                    body_html=body_html, status=status, created_at=created,
                    moderated_at=moderated_at, moderated_by=moderator,
                    moderation_reason=status if moderator else "", reasons=reasons,
                    score=2 * len(reasons),
                    urgent=status == Comment.Status.PENDING and rng.random() < 0.01,
                    report_count=1 if rng.random() < 0.01 else 0,
                )
            )  # fmt: skip
            if len(batch) == 5000:
                Comment.objects.bulk_create(batch)
                batch = []
        Comment.objects.bulk_create(batch)
    return moderators[0]


def count_queries(function):
    from django.db import connection

    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        result = function()
    return result, len(queries)


def median_ms(function, runs):
    """(wall, CPU) milliseconds, medians of ``runs``.  SQLite runs in this process, so the
    CPU time covers the queries too, and it moves less than the wall time when other
    programs share the machine's cores."""
    function()  # warm: imports, templates, the database's page cache
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=90, help="spread the comments over N days")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pulse-dashboard-") as workdir:
        setup_django(workdir)
        from django.contrib.auth.models import Permission
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from comments import dashboard
        from comments.models import Comment

        started = time.perf_counter()
        moderator = seed(args.comments, args.days)
        moderator.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
        moderator.user_permissions.add(Permission.objects.get(codename="view_comment"))
        seeded = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        in_window = Comment.objects.filter(created_at__gte=dashboard.window_start()).count()
        print(f"{Comment.objects.count():,} comments over {args.days} days "
              f"({in_window:,} in the last {dashboard.DAYS}) seeded in {seeded:.0f} s; "
              f"SQLite {connection.Database.sqlite_version}")  # fmt: skip

        client = Client()
        client.force_login(moderator)
        page = reverse("admin:comments_dashboard_changelist")
        queue = reverse("admin:comments_comment_changelist")

        def get(path):
            def fetch():
                response = client.get(path)
                assert response.status_code == 200, response.status_code
                return response

            return fetch

        figures, figures_queries = count_queries(dashboard.figures)
        rows = [
            ("dashboard figures (comments/dashboard.py)", median_ms(dashboard.figures, args.runs),
             figures_queries),
            ("dashboard page, whole request", median_ms(get(page), args.runs),
             count_queries(get(page))[1]),
            ("moderation queue page (50 rows)", median_ms(get(queue), args.runs),
             count_queries(get(queue))[1]),
        ]  # fmt: skip
        print(f"decisions in the window: {figures.decisions:,}; median wait "
              f"{figures.median_wait}, 90th percentile {figures.p90_wait}")  # fmt: skip
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'':44} | wall ms | CPU ms | queries")
        for label, (wall, cpu), queries in rows:
            print(f"{label:44} | {wall:7.1f} | {cpu:6.1f} | {queries:>7}")


if __name__ == "__main__":
    main()

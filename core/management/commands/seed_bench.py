"""Make the benchmark article: a 3,000-word body, an author with an avatar, 3 related
articles and N approved threaded comments (about a third top-level, replies up to depth 3).

Idempotent: it deletes and recreates only its own data (slugs starting with "bench-").
"""

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Category
from authors.models import Author
from comments.models import Comment

from .seed_demo import draw_avatar, draw_cover

SLUG = "bench-article"
PARAGRAPH = (
    "Benchmark paragraph {n}: clinicians weigh the benefits and risks of every treatment "
    "together with the person in front of them, review the evidence as it changes, and "
    "explain the choices in plain words so that decisions are shared and understood by "
    "everyone involved in the care plan over weeks and months of follow-up."
)
COMMENT = (
    "Benchmark comment {n}. This is a thoughtful reply about recovery, side effects and "
    "what helped in practice; it runs to a few sentences, like most real comments do, so "
    "that the page weighs what a real discussion weighs."
)


def bench_body(words=3000):
    """Markdown with sections, a table and both kinds of list, about ``words`` long."""
    parts, count, n = [], 0, 0
    while count < words:
        n += 1
        if n % 6 == 1:
            parts.append(f"## Section {n // 6 + 1}")
        elif n % 6 == 4:
            parts.append(f"### Subsection {n}")
        paragraph = PARAGRAPH.format(n=n)
        parts.append(paragraph)
        count += len(paragraph.split())
    parts.insert(6, "| Measure | Value |\n| --- | --- |\n| Alpha | 64% |\n| Beta | 50% |")
    parts.insert(12, "1. First step\n2. Second step\n3. Third step")
    parts.insert(18, "- One point\n- Another point\n- A last point")
    return "\n\n".join(parts)


class Command(BaseCommand):
    help = "Create (or replace) the benchmark article with N approved threaded comments."

    def add_arguments(self, parser):
        parser.add_argument("--comments", type=int, default=18)
        parser.add_argument(
            "--print-path", action="store_true", help="Only print the article's URL path."
        )

    def handle(self, *args, comments=18, print_path=False, **options):
        if print_path:
            self.stdout.write(Article(slug=SLUG).get_absolute_url())
            return
        with transaction.atomic():
            article = self.seed(max(0, comments))
        self.stdout.write(f"{article.get_absolute_url()} with {comments} approved comments")

    def seed(self, n_comments):
        old = Article.objects.filter(slug__startswith="bench-")
        doomed = Comment.objects.filter(article__in=old)
        # Replies protect their parents, so the deepest go first.
        for depth in sorted(set(doomed.values_list("depth", flat=True)), reverse=True):
            doomed.filter(depth=depth).delete()
        old.delete()
        category, _ = Category.objects.get_or_create(
            slug="bench-category", defaults={"name": "Benchmark"}
        )
        author, _ = Author.objects.get_or_create(
            slug="bench-author",
            defaults={"name": "Bench Author", "credentials": "MD", "bio": "Writes benchmarks."},
        )
        if not author.avatar:
            author.avatar.save("bench.png", ContentFile(draw_avatar(author.name, "#2a6f97")))
        now = timezone.now()
        cover = draw_cover("#2a6f97", "#e9d8a6")
        article = None
        for index, slug in enumerate(
            [SLUG, "bench-related-1", "bench-related-2", "bench-related-3"]
        ):
            item = Article(
                slug=slug,
                title="Benchmark article" if index == 0 else f"Related benchmark article {index}",
                category=category,
                author=author,
                summary="A long article used to measure how fast pages render.",
                body=bench_body() if index == 0 else bench_body(300),
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(days=30 + index),
                cover_alt="Abstract benchmark cover",
            )
            item.save()
            item.cover_image.save(f"{slug}.jpg", ContentFile(cover), save=True)
            article = article or item
        self.seed_comments(article, n_comments, now)
        return article

    def seed_comments(self, article, n, now):
        """Every third comment is top-level; the rest reply to a recent comment of depth < 3."""
        rng = random.Random(n)
        start = article.published_at
        created = []
        for i in range(n):
            candidates = [c for c in created[-60:] if c.depth < 3]
            parent = rng.choice(candidates) if i % 3 and candidates else None
            comment = Comment(
                article=article,
                parent=parent,
                author_name=f"Reader {i % 97}",
                author_email=f"reader{i % 97}@example.com",
                body=COMMENT.format(n=i),
                status=Comment.Status.APPROVED,
                created_at=min(now, start + timedelta(minutes=17 * (i + 1))),
            )
            comment.save()
            created.append(comment)

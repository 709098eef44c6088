"""`manage.py seed_bench` builds the benchmark article the benchmark suite measures."""

import io

from django.core.management import call_command
from django.db.models import Count

from articles.models import Article
from comments.models import Comment


def run(*args):
    out = io.StringIO()
    call_command("seed_bench", *args, stdout=out)
    return out.getvalue().strip()


def test_seed_bench_makes_the_article_and_threaded_comments(db, client):
    run("--comments", "30")
    article = Article.objects.published().get(slug="bench-article")
    depths = dict(
        Comment.objects.public()
        .filter(article=article)
        .values_list("depth")
        .annotate(n=Count("pk"))
    )
    assert sum(depths.values()) == 30
    assert depths[1] == 10 and max(depths) == 3
    assert len(article.body.split()) >= 3000
    assert Article.objects.published().filter(slug__startswith="bench-related-").count() == 3
    assert article.author.avatar
    assert "30 Comments" in client.get(article.get_absolute_url()).content.decode()


def test_seed_bench_replaces_its_own_data(db):
    run("--comments", "12")
    run("--comments", "5")
    assert Comment.objects.filter(article__slug="bench-article").count() == 5
    assert Article.objects.filter(slug__startswith="bench-").count() == 4


def test_print_path(db):
    assert run("--print-path") == "/articles/bench-article/"

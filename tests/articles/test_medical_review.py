"""Medical review: who reviewed an article and when, shown apart from when it was updated;
editors find articles whose review is overdue."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.helpers import html_datetime


def test_page_shows_reviewer_credentials_and_date(client, article, reviewer):
    article.reviewer = reviewer
    article.last_reviewed = date(2026, 3, 9)
    article.save()
    html = " ".join(client.get(article.get_absolute_url()).content.decode().split())
    assert (
        f'Medically reviewed by <a href="{reviewer.get_absolute_url()}">Dr Lena Marsh</a>, '
        'MD, FRCP on <time datetime="2026-03-09">9 March 2026</time>'
    ) in html


def test_no_review_line_without_a_reviewer(client, article):
    assert "Medically reviewed" not in client.get(article.get_absolute_url()).content.decode()


def test_updated_is_shown_separately_when_changed_after_publication(client, article):
    # Published and saved the same day (the fixture publishes it an hour ago: yesterday,
    # in the first hour of a day).
    Article.objects.filter(pk=article.pk).update(published_at=article.updated_at)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Updated" not in html

    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(days=10))
    html = client.get(article.get_absolute_url()).content.decode()
    today = timezone.localdate()
    assert f'Updated <time datetime="{html_datetime(article.updated_at)}' in html
    assert f"{today.day} {today.strftime('%B')} {today.year}</time>" in html


def test_next_review_must_follow_the_last(article):
    article.last_reviewed = date(2026, 5, 1)
    article.next_review_due = date(2026, 4, 1)
    with pytest.raises(ValidationError, match="next review must be due after"):
        article.full_clean()


def test_admin_lists_overdue_reviews(client, editor, make_article):
    today = timezone.localdate()
    overdue = make_article(
        title="Overdue one", slug="overdue", next_review_due=today - timedelta(1)
    )
    make_article(title="Fresh one", slug="fresh", next_review_due=today + timedelta(days=30))
    make_article(title="Never planned", slug="never")
    assert list(Article.objects.review_overdue()) == [overdue]

    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_changelist"), {"review": "overdue"})
    html = html.content.decode()
    assert "Overdue one" in html
    assert "Fresh one" not in html and "Never planned" not in html
    assert "(overdue)" in html

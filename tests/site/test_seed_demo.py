"""`manage.py seed_demo` loads the demo site the README promises, safely and repeatably."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, Max
from django.urls import reverse

from articles.models import Article, Category
from authors.models import Author
from comments.models import Comment
from core.management import demo

DEMO_LOGINS = [
    ("admin", "pulse-demo-admin", None),
    ("editor", "pulse-demo-editor", "Editors"),
    ("moderator", "pulse-demo-moderator", "Moderators"),
    ("writer", "pulse-demo-writer", "Writers"),
    ("reviewer", "pulse-demo-reviewer", "Medical reviewers"),
]


def snapshot():
    """How many of everything the demo creates there are."""
    return {
        model.__name__: model.objects.count()
        for model in (Article, Category, Author, Comment, get_user_model())
    }


def test_demo_has_published_articles_in_several_categories(demo_site):
    published = Article.objects.published()
    assert published.count() >= 6
    assert published.values("category").distinct().count() >= 3
    assert all(article.cover_image and article.cover_alt for article in published)
    assert all(article.toc for article in published)  # bodies have ## sections


def test_demo_has_three_authors_with_avatars(demo_site):
    authors = list(Author.objects.all())
    assert len(authors) == 3
    for author in authors:
        assert author.avatar
        assert Path(author.avatar.path).is_file()
        assert Path(author.avatar.path).is_relative_to(django_settings.MEDIA_ROOT)


def test_flagship_thread_is_moderated_and_three_levels_deep(demo_site):
    comments = Comment.objects.filter(article=demo_site)
    by_status = dict(comments.values_list("status").annotate(n=Count("pk")))
    assert by_status == {
        Comment.Status.APPROVED: 18,
        Comment.Status.PENDING: 2,
        Comment.Status.SPAM: 1,
    }
    approved = comments.filter(status=Comment.Status.APPROVED)
    assert approved.aggregate(deepest=Max("depth"))["deepest"] == 3
    assert approved.filter(depth=3, parent__status=Comment.Status.APPROVED).exists()
    assert not approved.filter(parent__status__in=["pending", "spam"]).exists()


def test_flagship_page_shows_the_whole_discussion(client, demo_site):
    response = client.get(demo_site.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "18 Comments" in html
    assert len(re.findall(r'<li class="comment[ "]', html)) == 18
    assert '<ol class="comment-replies' in html
    assert "/media/" in html  # the author's avatar and the cover are local files


def test_demo_pages_all_render(client, demo_site):
    urls = [reverse("articles:home")]
    urls += [c.get_absolute_url() for c in Category.objects.all()]
    urls += [a.get_absolute_url() for a in Author.objects.all()]
    urls += [a.get_absolute_url() for a in Article.objects.all()]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_demo_logins_exist_in_their_groups(demo_site):
    User = get_user_model()
    for username, password, group in DEMO_LOGINS:
        user = User.objects.get(username=username)
        assert user.is_staff and user.check_password(password)
        assert user.is_superuser is (group is None)
        groups = list(user.groups.values_list("name", flat=True))
        assert groups == ([group] if group else [])


def test_demo_moderator_sees_the_queue(client, demo_site):
    assert client.login(username="moderator", password="pulse-demo-moderator")
    html = client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "2 comments" in html  # the pending queue, shown by default
    for data in demo.PENDING:
        assert data["name"] in html
    assert all(data["name"] not in html for data in demo.SPAM)


def test_running_twice_creates_no_duplicates(demo_site, settings):
    before = snapshot()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot() == before
    assert "0 new comments" in out.getvalue()
    assert Comment.objects.filter(article=demo_site, status="approved").count() == 18


def test_refuses_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Article.objects.exists()
    assert not get_user_model().objects.exists()

    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert Article.objects.filter(slug="trauma-and-opioid-addiction").exists()


def test_demo_articles_were_updated_on_days_of_their_own(demo_site):
    articles = list(Article.objects.published())
    days = {article.updated_at.date() for article in articles}
    assert len(days) == len(articles)
    assert all(article.published_at < article.updated_at for article in articles)


def test_demo_articles_carry_the_disclaimer_once(client, demo_site):
    for article in Article.objects.published():
        html = client.get(article.get_absolute_url()).content.decode()
        assert html.count('<aside class="medical-disclaimer') == 1
        assert "does not replace individual advice" not in html  # no second one in the body


def test_demo_home_leads_with_three_featured_articles(client, demo_site):
    html = client.get(reverse("articles:home")).content.decode()
    lead = html[html.index('id="featured-title"') : html.index("More articles")]
    assert lead.count('class="card article-card') == 3

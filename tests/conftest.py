"""Shared fixtures: named after what they are, documented by what they hold."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Category
from authors.models import Author
from comments.models import Comment


@pytest.fixture
def category(db):
    """A category readers can browse."""
    return Category.objects.create(name="Mental Health", slug="mental-health")


@pytest.fixture
def other_category(db):
    """A second category, for related-article ordering."""
    return Category.objects.create(name="Nutrition", slug="nutrition")


@pytest.fixture
def author(db):
    """An author with credentials and a bio, no photo (initials avatar)."""
    return Author.objects.create(
        name="Ada Okafor", slug="ada-okafor", credentials="PharmD, MPH", bio="Writes on medicines."
    )


BODY = """Intro paragraph.

## First section

Some text.

### A subsection

| Factor | Share |
| --- | --- |
| Childhood trauma | 64% |

1. one
2. two

- alpha
- beta
"""


@pytest.fixture
def make_article(db, category, author):
    """Factory: an article, published an hour ago unless told otherwise."""

    def make(**fields):
        values = {
            "title": "Trauma and recovery",
            "slug": "trauma-and-recovery",
            "category": category,
            "author": author,
            "summary": "How trauma and dependence are linked.",
            "body": BODY,
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=1),
        }
        values.update(fields)
        return Article.objects.create(**values)

    return make


@pytest.fixture
def article(make_article):
    """A published article with sections, a table and both kinds of list."""
    return make_article()


@pytest.fixture
def make_comment(db):
    """Factory: a comment on an article, approved unless told otherwise."""

    def make(article, parent=None, status=Comment.Status.APPROVED, **fields):
        values = {
            "author_name": "Reader",
            "author_email": "reader@example.com",
            "body": "A thoughtful comment.",
        }
        values.update(fields)
        return Comment.objects.create(article=article, parent=parent, status=status, **values)

    return make


@pytest.fixture
def moderator(django_user_model):
    """A staff member in the Moderators group (created by a data migration)."""
    user = django_user_model.objects.create_user("mod", "mod@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor(django_user_model):
    """A staff member in the Editors group (created by a data migration)."""
    user = django_user_model.objects.create_user("ed", "ed@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def comment_data():
    """What a reader types into a valid comment form."""
    return {
        "author_name": "Jamie Reader",
        "author_email": "jamie@example.com",
        "author_website": "",
        "body": "This helped me understand my brother's treatment.",
    }

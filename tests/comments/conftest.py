"""Fixtures for the moderator's desk: people with moderation rights, and queues to work."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.helpers import fill_queue


@pytest.fixture
def chief_moderator(django_user_model):
    """A moderator who may also export and erase a commenter's data."""
    user = django_user_model.objects.create_user(
        "chief", "chief@example.com", "pw", is_staff=True, first_name="Chris", last_name="Chief"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    user.user_permissions.add(Permission.objects.get(codename="erase_commenter_data"))
    return user


@pytest.fixture
def second_moderator(django_user_model):
    """Another member of the Moderators group, named Ben."""
    user = django_user_model.objects.create_user(
        "ben", "ben@example.com", "pw", is_staff=True, first_name="Ben"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def waiting_three(article, make_comment):
    """Three pending comments, oldest first by name: Ann, Bob, Cy (the queue shows the
    newest first, so Cy, Bob, Ann)."""
    return fill_queue(make_comment, article, 3, names=["Ann", "Bob", "Cy"])

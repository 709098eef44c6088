"""Edit locks, as WordPress's: opening the article form takes the lock; a second editor is
told who is editing it and since when, and may take over; heartbeats (and autosaves) keep
it; a lock nobody refreshes expires by itself; saving and leaving gives it back."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.locks import LOCK_SECONDS, ArticleLock
from tests.helpers import form_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("patient_markdown")]

NOTICE = "is editing this article (since"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def heartbeat_url(article):
    return reverse("admin:articles_article_heartbeat", args=[article.pk])


def test_opening_the_form_takes_the_lock(client, editor, article):
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()

    lock = ArticleLock.objects.get(article=article)
    assert lock.user == editor
    left = (lock.expires_at - timezone.now()).total_seconds()
    assert LOCK_SECONDS - 5 < left <= LOCK_SECONDS
    assert NOTICE not in html  # nobody else has it


def test_a_second_editor_sees_who_is_editing_and_since_when(
    client, editor, second_editor, article
):
    client.force_login(second_editor)
    client.get(change_url(article))
    ArticleLock.objects.update(since=timezone.now().replace(hour=14, minute=2))

    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()

    assert "<strong>Dana Editor</strong> is editing this article (since 14:02)." in html
    take_over = reverse("admin:articles_article_take_over", args=[article.pk])
    assert f'action="{take_over}"' in html
    assert ArticleLock.objects.get().user == second_editor  # still Dana's


def test_the_heartbeat_keeps_the_lock_and_tells_who_else_holds_it(
    client, editor, second_editor, article
):
    client.force_login(second_editor)
    client.get(change_url(article))
    ArticleLock.objects.update(expires_at=timezone.now() + timedelta(seconds=5))
    assert client.post(heartbeat_url(article)).json() == {"lockedBy": None}
    assert (ArticleLock.objects.get().expires_at - timezone.now()).total_seconds() > 100

    client.force_login(editor)
    answer = client.post(heartbeat_url(article)).json()

    assert answer["lockedBy"]["name"] == "Dana Editor"
    assert ArticleLock.objects.get().user == second_editor


def test_an_autosave_is_a_heartbeat_too(client, editor, second_editor, article):
    client.force_login(editor)
    autosave = reverse("admin:articles_article_autosave", args=[article.pk])
    assert client.post(autosave, {"body": "Typing."}).json()["lockedBy"] is None
    assert ArticleLock.objects.get().user == editor

    client.force_login(second_editor)
    assert client.post(autosave, {"body": "Also typing."}).json()["lockedBy"]["name"] == "ed"


def test_a_lock_nobody_refreshes_expires(client, editor, second_editor, article):
    client.force_login(second_editor)
    client.get(change_url(article))
    ArticleLock.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()

    assert NOTICE not in html
    assert ArticleLock.objects.get().user == editor


def test_taking_over(client, editor, second_editor, article):
    client.force_login(second_editor)
    client.get(change_url(article))
    client.force_login(editor)
    take_over = reverse("admin:articles_article_take_over", args=[article.pk])

    assert client.get(take_over).status_code == 302  # a GET changes nothing
    assert ArticleLock.objects.get().user == second_editor
    response = client.post(take_over, follow=True)

    assert "You are now editing this article." in response.content.decode()
    assert NOTICE not in response.content.decode()
    assert ArticleLock.objects.get().user == editor
    # Dana's next heartbeat tells her.
    client.force_login(second_editor)
    assert client.post(heartbeat_url(article)).json()["lockedBy"]["name"] == "ed"


def test_saving_and_leaving_gives_the_lock_back(client, editor, article):
    client.force_login(editor)
    fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")

    client.post(change_url(article), {**fields, "_continue": "1"})
    assert ArticleLock.objects.filter(user=editor).exists()  # still on the form
    fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")
    client.post(change_url(article), {**fields, "_save": "1"})
    assert not ArticleLock.objects.exists()


def test_people_who_may_not_change_the_article_take_no_lock(client, moderator, article):
    client.force_login(moderator)
    assert client.post(heartbeat_url(article)).status_code == 403
    assert not ArticleLock.objects.exists()


def test_a_heartbeat_costs_the_same_few_queries_every_time(
    client, editor, article, django_assert_num_queries
):
    client.force_login(editor)
    client.post(heartbeat_url(article))
    with django_assert_num_queries(9):  # session, user, article, permissions, the lock
        assert client.post(heartbeat_url(article)).status_code == 200

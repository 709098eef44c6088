"""Medical reviewers read every article and sign the medical review off (a confirmation page,
then a POST), which sets the reviewer and the date; they can do nothing else."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.helpers import edit_in_admin

CHANGELIST = reverse("admin:articles_article_changelist")


def sign_off_url(article):
    return reverse("admin:articles_article_sign_off", args=[article.pk])


def test_reviewer_signs_off_from_the_article_page(client, medical_reviewer, review_article):
    client.force_login(medical_reviewer)
    change = client.get(reverse("admin:articles_article_change", args=[review_article.pk]))
    assert f'href="{sign_off_url(review_article)}"' in change.content.decode()

    confirm = client.get(sign_off_url(review_article)).content.decode()
    assert "You sign off as <strong>Dr Lena Marsh</strong>, MD, FRCP" in confirm
    review_article.refresh_from_db()
    assert review_article.reviewer is None  # a GET changes nothing

    response = client.post(sign_off_url(review_article))
    assert response.status_code == 302
    review_article.refresh_from_db()
    today = timezone.localdate()
    assert review_article.reviewer.name == "Dr Lena Marsh"
    assert review_article.last_reviewed == today
    assert review_article.next_review_due > today + timedelta(days=360)
    latest = review_article.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        medical_reviewer,
        "Medical review signed off",
    )


def test_reviewer_signs_off_several_through_the_action(client, medical_reviewer, make_article):
    first = make_article(slug="first", status=Article.Status.REVIEW, published_at=None)
    second = make_article(slug="second", status=Article.Status.REVIEW, published_at=None)
    client.force_login(medical_reviewer)
    selection = {"action": "sign_off", "_selected_action": [first.pk, second.pk]}
    confirm = client.post(CHANGELIST, selection)
    assert confirm.status_code == 200
    assert "Yes, sign off" in confirm.content.decode()
    assert Article.objects.filter(reviewer__isnull=False).count() == 0

    client.post(CHANGELIST, {**selection, "confirm": "yes"})
    assert Article.objects.filter(last_reviewed=timezone.localdate()).count() == 2
    assert "Medical review signed off for 2 articles." in client.get(CHANGELIST).content.decode()


def test_reviewer_can_do_nothing_else(client, medical_reviewer, review_article):
    client.force_login(medical_reviewer)
    html = client.get(CHANGELIST).content.decode()
    assert 'value="sign_off"' in html
    for other in ("publish", "unpublish", "send_to_review", "delete_selected"):
        assert f'value="{other}"' not in html
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [review_article.pk]})
    change_url = reverse("admin:articles_article_change", args=[review_article.pk])
    assert edit_in_admin(client, change_url, review_article, title="Mine").status_code == 403
    assert client.get(reverse("admin:articles_article_add")).status_code == 403
    review_article.refresh_from_db()
    assert (review_article.status, review_article.title) == (
        Article.Status.REVIEW,
        "Waiting for review",
    )


def test_sign_off_needs_the_permission(client, editor, review_article):
    client.force_login(editor)
    assert client.post(sign_off_url(review_article)).status_code == 403
    html = client.get(reverse("admin:articles_article_change", args=[review_article.pk]))
    assert sign_off_url(review_article) not in html.content.decode()


def test_reviewer_without_an_author_profile_is_told_why(client, medical_reviewer, reviewer,
                                                        review_article):  # fmt: skip
    reviewer.user = None
    reviewer.save()
    client.force_login(medical_reviewer)
    assert "has no author profile" in client.get(sign_off_url(review_article)).content.decode()
    client.post(sign_off_url(review_article))
    review_article.refresh_from_db()
    assert review_article.reviewer is None


def test_only_sign_off_sets_the_review_fields(client, editor, review_article, reviewer):
    client.force_login(editor)
    change_url = reverse("admin:articles_article_change", args=[review_article.pk])
    assert 'name="reviewer"' not in client.get(change_url).content.decode()
    edit_in_admin(
        client, change_url, review_article, reviewer=reviewer.pk, last_reviewed_0="2026-01-01"
    )
    review_article.refresh_from_db()
    assert review_article.reviewer is None

"""Comparing two versions of an article side by side (the body word by word, the other fields,
references and corrections) and restoring one from the comparison."""

import re

import pytest
from django.urls import reverse

from articles import revisions
from articles.models import Article
from tests.helpers import edit_in_admin


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def compare_url(article, old, new):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return f"{url}?old={old.pk}&new={new.pk}"


def restore_url(article, version):
    return reverse("admin:articles_article_restore", args=[article.pk, version.pk])


def with_reference(article, **changes):
    """The admin form's data with one reference row added."""
    return {
        "references-TOTAL_FORMS": "1",
        "references-0-position": "1",
        "references-0-citation": "Walker M. Why we sleep. 2017.",
        "references-0-url": "https://example.org/sleep",
        "references-0-doi": "",
        "references-0-pubmed_id": "",
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-date": "2026-11-30",
        "corrections-0-text": "We corrected the dose.",
        **changes,
    }


@pytest.fixture
def edited(client, editor, article):
    """The article edited once in the admin: a word of the body changed, a new title, and a
    reference and a correction added.  Returns (article, first version, second version)."""
    client.force_login(editor)
    body = article.body.replace("Some text.", "Some better text [1].")
    response = edit_in_admin(
        client, change_url(article), article, title="Trauma, recovery and hope", body=body,
        **with_reference(article),
    )  # fmt: skip
    assert response.status_code == 302
    first, second = article.history.order_by("history_date", "history_id")
    return article, first, second


def test_word_diff_marks_only_the_words_that_changed():
    old, new = revisions.word_diff("Take two tablets daily.", "Take one tablet daily.")
    assert [(s.op, s.text) for s in old] == [
        ("equal", "Take "),
        ("delete", "two tablets"),
        ("equal", " daily."),
    ]
    assert [(s.op, s.text) for s in new if s.op != "equal"] == [("insert", "one tablet")]


def test_history_page_offers_a_comparison_of_any_two(client, edited):
    article, first, second = edited
    html = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = html.content.decode()
    assert f'action="{reverse("admin:articles_article_compare", args=[article.pk])}"' in html
    assert f'name="old" value="{first.pk}"' in html
    assert f'name="new" value="{second.pk}"' in html


def test_comparison_marks_words_fields_references_and_corrections(client, edited):
    article, first, second = edited
    response = client.get(compare_url(article, first, second))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>text.</del>" in html
    assert "<ins>better text [1].</ins>" in html
    title = re.search(
        r'<tr class="compare-field changed" data-field="title">(.*?)</tr>', html, re.S
    )
    assert "<del>Trauma and recovery</del>" in title.group(1)
    assert "<ins>Trauma, recovery and hope</ins>" in title.group(1)
    assert 'class="compare-field" data-field="summary"' in html  # unchanged, not marked
    reference = re.search(r'<tr class="compare-reference changed">(.*?)</tr>', html, re.S)
    assert "added" in reference.group(1)
    assert "Walker M. Why we sleep. 2017. · https://example.org/sleep" in reference.group(1)
    correction = re.search(r'<tr class="compare-correction changed">(.*?)</tr>', html, re.S)
    assert "2026-11-30: We corrected the dose." in correction.group(1)


def test_versions_keep_the_references_as_they_were(client, edited):
    article, first, second = edited
    assert first.related["references"] == []
    assert second.related["references"][0]["citation"] == "Walker M. Why we sleep. 2017."
    ref = article.references.get()
    data = with_reference(
        article,
        **{
            "references-INITIAL_FORMS": "1",
            "references-0-id": str(ref.pk),
            "references-0-article": str(article.pk),
            "references-0-citation": "Walker M. Why we sleep. Scribner, 2017.",
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "1",
            "corrections-0-id": str(article.corrections.get().pk),
            "corrections-0-article": str(article.pk),
        },
    )
    article.refresh_from_db()
    edit_in_admin(client, change_url(article), article, **data)
    third = article.history.first()
    assert third.related["references"][0]["citation"] == "Walker M. Why we sleep. Scribner, 2017."
    html = client.get(compare_url(article, second, third)).content.decode()
    assert "<ins>" in re.search(r'compare-reference changed">(.*?)</tr>', html, re.S).group(1)


def test_versions_are_compared_in_order_whichever_is_chosen_first(client, edited):
    article, first, second = edited
    html = client.get(compare_url(article, second, first)).content.decode()
    assert "<ins>better text [1].</ins>" in html


@pytest.mark.parametrize("bad", ["abc", "99999999", "1" * 30, ""])
def test_unknown_versions_are_a_404(client, edited, bad):
    article, first, _second = edited
    url = reverse("admin:articles_article_compare", args=[article.pk])
    assert client.get(f"{url}?old={first.pk}&new={bad}").status_code == 404


def test_restore_asks_first_then_restores_fields_references_and_corrections(client, edited):
    article, first, second = edited
    confirm = client.get(restore_url(article, first))
    assert confirm.status_code == 200
    assert "Yes, restore this version" in confirm.content.decode()
    assert article.history.count() == 2  # a GET changes nothing

    response = client.post(restore_url(article, first))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Trauma and recovery"
    assert "Some text." in article.body
    assert article.references.count() == 0 and article.corrections.count() == 0
    assert '<h2 id="first-section">First section</h2>' in article.body_html
    assert article.history.count() == 3  # the restore is a new version ...
    assert article.history.first().history_change_reason.startswith("Restored the version")

    # ... and the version it replaced can itself be restored, references and all.
    client.post(restore_url(article, second))
    article.refresh_from_db()
    assert article.title == "Trauma, recovery and hope"
    assert list(article.references.values_list("citation", flat=True)) == [
        "Walker M. Why we sleep. 2017."
    ]
    assert article.corrections.get().text == "We corrected the dose."
    assert '<sup id="cite-1"><a href="#ref-1"' in article.body_html


def test_restore_keeps_the_status_and_publication(client, editor, draft_article):
    draft_article.status = Article.Status.PUBLISHED
    draft_article.save()  # an editor published it; the first version is the draft
    first = draft_article.history.earliest()
    client.force_login(editor)
    client.post(restore_url(draft_article, first))
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.PUBLISHED


def test_only_staff_who_may_change_the_article_compare_and_restore(
    client, edited, medical_reviewer, writer
):
    article, first, second = edited
    for user in (medical_reviewer, writer):
        client.force_login(user)
        assert client.get(compare_url(article, first, second)).status_code in (403, 404)
        assert client.post(restore_url(article, first)).status_code in (403, 404)
    article.refresh_from_db()
    assert article.title == "Trauma, recovery and hope"


def test_a_view_only_reviewer_cannot_post_a_revert(client, edited, medical_reviewer):
    article, first, _second = edited
    client.force_login(medical_reviewer)
    revert = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
    assert edit_in_admin(client, revert, first.instance).status_code == 403
    article.refresh_from_db()
    assert article.title == "Trauma, recovery and hope"


def test_comparison_query_budget(client, edited, django_assert_num_queries):
    """Session, user and permissions; the article and the two versions; the category and
    author each version names.  References and corrections come with the versions."""
    article, first, second = edited
    with django_assert_num_queries(13):
        assert client.get(compare_url(article, first, second)).status_code == 200


def test_versions_from_before_say_their_references_were_not_recorded(client, edited):
    article, first, second = edited
    type(first).objects.filter(pk=first.pk).update(related={})  # as migration 0013 left it
    html = client.get(compare_url(article, first, second)).content.decode()
    assert "Not recorded: one of these versions was saved before" in html
    assert "Not recorded" not in client.get(compare_url(article, second, second)).content.decode()

"""The pre-publish checklist: each item passes, warns or blocks; which ones block is a site
setting; the panel shows on the article form and is computed again on every save."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import checklist
from articles.models import SiteSettings
from articles.rendering import render_markdown
from tests.helpers import edit_in_admin, image_file


def items(article, **kwargs):
    return {item.name: item for item in checklist.check_article(article, **kwargs)}


def item(article, name, **kwargs):
    return items(article, **kwargs)[name]


@pytest.fixture
def site(db):
    """The site settings row, with the default blocking checks."""
    return SiteSettings.load()


# Figures and citations


def test_an_uncited_percentage_warns_and_names_its_sentence(make_article, site):
    article = make_article(
        body="Sleep matters. About 64% of adults sleep badly. Rest helps.\n\n"
        "Half of them snore [1]; 30% more do at 60."
    )
    result = item(article, "citations")
    assert result.level == checklist.WARN
    assert "“About 64% of adults sleep badly.”" in result.detail
    assert "30% more" not in result.detail  # its paragraph cites a source


@pytest.mark.parametrize(
    "body",
    [
        "No figures at all, only words.",
        "About 64% of adults sleep badly [1].",
        "Born in 1999, she wrote in 2024.",  # years are dates, not claims
        "## 2024 guidance\n\n| Group | Share |\n| --- | --- |\n| Adults | 64% |",
    ],
)
def test_cited_or_figure_free_paragraphs_pass(make_article, site, body):
    assert item(make_article(body=body), "citations").level == checklist.PASS


def test_one_in_four_and_large_numbers_count_as_figures(make_article, site):
    article = make_article(body="One study found 1 in 4 people affected.\n\n- 1,200 patients")
    detail = item(article, "citations").detail
    assert "“One study found 1 in 4 people affected.”" in detail
    assert "“1,200 patients”" in detail


# References


def test_well_formed_references_pass(make_article, site):
    article = make_article(body="Evidence [1] and [2].")
    article.references.create(position=1, citation="A", doi="10.1016/S0749-3797(98)00017-8")
    article.references.create(
        position=2, citation="B", pubmed_id="30562212", url="https://example.org/b"
    )
    assert item(article, "references").level == checklist.PASS


def test_malformed_references_warn_with_what_is_wrong(make_article, site):
    article = make_article(body="Evidence [1] and [2] and [3].")
    # Saved without the form's validators, as an import or an old row could be.
    article.references.create(position=1, citation="A", doi="doi.org/10.1/x")
    article.references.create(position=2, citation="B", pubmed_id="PMID123")
    article.references.create(position=3, citation="C", url="www.example.org/paper")
    detail = item(article, "references").detail
    assert "Reference 1: the DOI does not look like 10.1000/xyz" in detail
    assert "reference 2: a PubMed ID is digits only" in detail
    assert "reference 3: the URL must start with https:// or http://" in detail


def test_citing_a_missing_reference_warns(make_article, site):
    article = make_article(body="Evidence [1] and [4].")
    article.references.create(position=1, citation="A", url="https://example.org/a")
    assert "The body cites [4] but there are 1 references." in item(article, "references").detail


# Reading level


def test_plain_words_pass_the_reading_level(make_article, site):
    body = "Sleep helps you heal. Go to bed at the same time. Keep the room dark and cool."
    assert item(make_article(body=body), "reading_level").level == checklist.PASS


def test_dense_prose_warns_with_the_grade_and_the_target(make_article, site):
    body = (
        "Pharmacokinetic interindividual variability notwithstanding, contemporaneous "
        "administration of cytochrome-metabolised antidepressant medications necessitates "
        "comprehensive individualised therapeutic drug monitoring considerations."
    )
    result = item(make_article(body=body), "reading_level")
    assert result.level == checklist.WARN
    assert "the site aims for grade 8 or below" in result.detail


def test_the_target_grade_is_a_site_setting(make_article, site):
    body = "Regular exercise improves your heart health and your general mood."  # grade 8.4
    article = make_article(body=body)
    assert item(article, "reading_level").level == checklist.WARN
    site.target_reading_grade = 9
    site.save()
    assert item(article, "reading_level").level == checklist.PASS


# Headings


@pytest.mark.parametrize(
    ("body", "level", "words"),
    [
        ("## One\n\n### Two\n\n## Three", checklist.PASS, ""),
        ("Intro only.", checklist.PASS, ""),
        ("### Starts too deep\n\ntext", checklist.WARN, "start with ## (h2)"),
        ("## One\n\n#### Skips h3\n\ntext", checklist.WARN, "An h4 follows an h2"),
    ],
)
def test_headings_in_order(make_article, site, body, level, words):
    result = item(make_article(body=body), "headings")
    assert result.level == level
    assert words in result.detail


# Summary, cover, medical review, disclaimer: the first three block by default


@pytest.mark.parametrize(
    ("summary", "level"),
    [("A short summary.", checklist.PASS), ("", checklist.BLOCK), ("x" * 161, checklist.BLOCK)],
)
def test_summary_present_and_at_most_160_characters(make_article, site, summary, level):
    result = item(make_article(summary=summary), "summary")
    assert result.level == level
    if summary:
        assert ("161 characters" in result.detail) is (level == checklist.BLOCK)


def test_cover_needs_an_image_and_its_description(make_article, site):
    assert item(make_article(), "cover").level == checklist.BLOCK  # no cover at all
    covered = make_article(slug="covered", cover_image=image_file(), cover_alt="A blue sky")
    assert item(covered, "cover").level == checklist.PASS
    covered.cover_alt = ""  # as a form would have it, before the model's own check
    assert "Describe the cover image" in item(covered, "cover").detail


def test_a_cover_from_the_library_passes_with_the_library_s_description(
    make_article, site, library_image
):
    article = make_article(cover_library_image=library_image)
    assert item(article, "cover").level == checklist.PASS


def test_medical_review_needs_a_reviewer_and_a_current_date(make_article, site, reviewer):
    today = timezone.localdate()
    article = make_article()
    assert item(article, "medical_review").level == checklist.BLOCK
    article.reviewer, article.last_reviewed = reviewer, today - timedelta(days=30)
    assert item(article, "medical_review").level == checklist.PASS
    article.last_reviewed = today - timedelta(days=400)  # older than 12 months
    assert "out of date" in item(article, "medical_review").detail
    article.last_reviewed, article.next_review_due = today - timedelta(10), today - timedelta(1)
    assert item(article, "medical_review").level == checklist.BLOCK  # its next review passed


def test_review_interval_is_a_site_setting(make_article, site, reviewer):
    article = make_article(reviewer=reviewer)
    article.last_reviewed = timezone.localdate() - timedelta(days=100)
    assert item(article, "medical_review").level == checklist.PASS
    site.review_interval_months = 3
    site.save()
    assert item(article, "medical_review").level == checklist.BLOCK


def test_disclaimer_must_be_present(article, site):
    assert item(article, "disclaimer").level == checklist.PASS
    site.medical_disclaimer = "  "
    site.save()
    assert "disclaimer is empty" in item(article, "disclaimer").detail


# Which items block


def test_blocking_items_are_a_site_setting(make_article, site):
    article = make_article(summary="", body="About 64% of adults sleep badly.")
    levels = {name: result.level for name, result in items(article).items()}
    assert levels["summary"] == checklist.BLOCK and levels["citations"] == checklist.WARN
    site.blocking_checks = ["citations"]
    site.save()
    levels = {name: result.level for name, result in items(article).items()}
    assert levels["summary"] == checklist.WARN and levels["citations"] == checklist.BLOCK


def test_editor_chooses_blocking_items_in_site_settings(client, editor, site):
    client.force_login(editor)
    url = reverse("admin:articles_sitesettings_change", args=[site.pk])
    html = client.get(url).content.decode()
    assert re.search(r'value="medical_review"[^>]*checked', html)  # the defaults
    assert not re.search(r'value="headings"[^>]*checked', html)
    data = {
        "medical_disclaimer": site.medical_disclaimer,
        "target_reading_grade": "9",
        "review_interval_months": "6",
        "blocking_checks": ["headings", "disclaimer"],
    }
    assert client.post(url, data).status_code == 302
    site = SiteSettings.load()
    assert sorted(site.blocking_checks) == ["disclaimer", "headings"]
    assert (site.target_reading_grade, site.review_interval_months) == (9, 6)


# The panel on the form


def test_panel_on_the_form_is_computed_again_on_save(client, editor, article, site):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(url).content.decode()
    assert "Before publishing" in html
    assert 'data-check="summary"' in html
    assert "No medical reviewer has signed the article off yet." in html

    edit_in_admin(client, url, article, body="Nearly 40% of us nap.", _continue="1")
    html = client.get(url).content.decode()
    assert "“Nearly 40% of us nap.”" in html


def test_panel_follows_the_unsaved_form(client, editor, article, site):
    client.force_login(editor)
    url = reverse("admin:articles_article_checklist")
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert f'data-checklist-url="{url}"' in form.content.decode()
    data = {
        "article": str(article.pk), "title": article.title, "slug": article.slug,
        "category": article.category_id, "author": article.author_id,
        "summary": "x" * 170, "body": "Typed just now: 12% of us snore.", "status": "draft",
    }  # fmt: skip
    html = client.post(url, data).content.decode()
    assert "“Typed just now: 12% of us snore.”" in html
    assert "The summary has 170 characters" in html
    article.refresh_from_db()
    assert article.summary == "How trauma and dependence are linked."  # nothing saved


def test_panel_judges_a_restored_autosave_not_the_saved_text(client, editor, article, site):
    client.force_login(editor)
    autosave = reverse("admin:articles_article_autosave", args=[article.pk])
    client.post(autosave, {"title": article.title, "body": "Restored: 12% of us snore."})
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(url, {"restore-autosave": "1"}).content.decode()
    assert "“Restored: 12% of us snore.”" in html
    article.refresh_from_db()
    assert "12% of us snore" not in article.body  # nothing saved


def test_panel_endpoint_is_for_those_who_may_edit(client, writer, article, site):
    client.force_login(writer)
    url = reverse("admin:articles_article_checklist")
    assert client.post(url, {"article": str(article.pk)}).status_code == 403
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "body",
    ["# One\n\n### Two\n\ntext", "## A\n\n```\n# code\n```\n\n#### B", "No headings [1]."],
)
def test_the_live_sketch_reads_headings_as_the_rendering_does(body):
    """The panel refreshed while typing reads the source; the one made on save, the HTML."""
    assert re.findall(r"<h(\d)", checklist.sketch(body).html) == re.findall(
        r"<h(\d)", render_markdown(body).html
    )

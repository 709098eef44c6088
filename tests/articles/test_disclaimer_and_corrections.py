"""Every article ends with the site's medical disclaimer; corrections are public and dated."""

from datetime import date

from django.urls import reverse

from articles.models import DEFAULT_MEDICAL_DISCLAIMER, SiteSettings


def test_default_disclaimer_ends_every_article(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Medical disclaimer" in html
    assert "It is not medical advice" in html
    assert SiteSettings.load().medical_disclaimer == DEFAULT_MEDICAL_DISCLAIMER


def test_editor_changes_the_disclaimer_in_the_admin(client, editor, article):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_sitesettings_changelist"))
    assert response.status_code == 302  # straight to the one row
    change_url = response["Location"]
    form = {"target_reading_grade": "8", "review_interval_months": "12"}  # as the page has
    client.post(change_url, {**form, "medical_disclaimer": "Ask your <doctor> first."})
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ask your &lt;doctor&gt; first." in html
    assert SiteSettings.objects.count() == 1


def test_site_settings_cannot_be_deleted_or_added_twice(client, editor):
    SiteSettings.load()
    client.force_login(editor)
    assert client.get(reverse("admin:articles_sitesettings_add")).status_code == 403
    assert client.get(reverse("admin:articles_sitesettings_delete", args=[1])).status_code == 403


def test_corrections_are_shown_with_their_dates_newest_first(client, article):
    article.corrections.create(date=date(2026, 2, 1), text="We gave the wrong dose.")
    article.corrections.create(date=date(2026, 3, 5), text="A study's year was wrong.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<time datetime="2026-03-05">5 March 2026</time>: A study&#x27;s year was wrong.' in html
    )
    assert html.index("5 March 2026") < html.index("1 February 2026")
    assert "We gave the wrong dose." in html


def test_no_corrections_section_without_corrections(client, article):
    assert 'id="corrections"' not in client.get(article.get_absolute_url()).content.decode()

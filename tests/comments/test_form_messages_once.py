"""The comment pages say each thing once and offer no empty choice: the flood message in the
error summary only (crispy's own copy of a form's non-field errors is switched off), a report
form whose reasons start unchosen without a "---------" radio button, and a draft previewed
without a date shows its byline without a dangling separator."""

import re

from django.test import Client
from django.urls import reverse

from tests.helpers import post_comment

FLOOD = "You have posted several comments in a short time."


def test_the_flood_message_appears_once(article, human_post):
    client = Client()
    for n in range(6):
        response = post_comment(
            client, article, human_post | {"author_email": f"r{n}@example.com", "body": f"C {n}."}
        )
    assert response.status_code == 429
    html = response.content.decode()
    assert html.count(FLOOD) == 1
    summary = html[html.index('class="alert alert-danger error-summary"') :]
    assert summary.index(FLOOD) < summary.index("</div>")
    assert "C 5." in html  # what they typed is kept


def test_the_report_form_has_no_empty_choice(client, article, make_comment):
    comment = make_comment(article)
    html = client.get(reverse("comments:report", args=[comment.pk])).content.decode()
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    values = [re.search(r'value="([^"]*)"', tag).group(1) for tag in radios]
    assert values == ["spam", "abuse", "misinformation", "other"]
    assert "---------" not in html
    assert not any("checked" in tag for tag in radios)


def test_a_draft_previewed_without_a_date_has_no_dangling_separator(client, editor, make_article):
    draft = make_article(
        title="Undated draft", slug="undated-draft", status="draft", published_at=None
    )
    client.force_login(editor)
    html = client.get(reverse("articles:preview", args=[draft.pk])).content.decode()
    meta = " ".join(html[html.index('class="article-meta') :].split("</p>")[0].split())
    assert "· By" not in meta and meta.split(">", 1)[1].startswith(" By")

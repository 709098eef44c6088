"""Health-specific triage: crisis language goes to the top of the queue and is never
published, personal data is held, and medicines or doses with a link wait for a human."""

import pytest

from comments import checks
from tests.helpers import codes, publishing, submission


def test_medicine_with_a_link_is_held_for_a_human():
    result = checks.assess(submission(
        "My pharmacist said tramadol can interact with sertraline; the NHS page explains it: "
        "https://www.nhs.uk/medicines/tramadol/"
    ))  # fmt: skip
    assert "medicine_link" in codes(result)
    assert result.status == "pending"
    # Three words and a link to an unknown site is how pharmacy spam drops its links: the
    # spam filter may send that to Spam; it is never published.
    drop = checks.assess(submission("Tramadol info here: https://drugs.example/tramadol"))
    assert "medicine_link" in codes(drop)
    assert drop.status in ("pending", "spam")
    dose = checks.assess(submission("Take 100 mg, see https://dose.example/guide for more."))
    assert "medicine_link" in codes(dose)


@pytest.mark.parametrize(
    "body",
    [
        "I don't want to live any more.",
        "I don\u2019t want to live any more.",  # typed on a phone: a curly apostrophe
        "I've taken too many pills and I feel strange.",
        "I\u2019ve taken too many pills and I feel strange.",
        "Sometimes I think about killing myself.",
        "I'm overdosing right now, what do I do",
        "I've been feeling suicidal again since the dose changed.",
        "I've been self-harming again and I can't stop.",
    ],
)
def test_crisis_language_is_urgent_and_never_published(body):
    discussion = publishing()
    result = checks.assess(submission(body, discussion=discussion))
    assert result.urgent
    assert result.status == "pending"
    assert "crisis" in codes(result)


def test_crisis_with_spammy_score_still_reaches_the_queue():
    links = " ".join(f"https://{host}.example" for host in "abcd")
    result = checks.assess(submission(f"I want to die {links}", honeypot="x"))
    assert (result.status, result.urgent) == ("pending", True)


@pytest.mark.parametrize(
    "body",
    [
        "Naloxone reverses an overdose within minutes; every family should have a kit.",
        "My brother overdosed two years ago and is now three years into recovery.",
        "This article on suicide prevention helped me support a friend at work.",
        "The section on self-harm in teenagers helped me talk to my daughter.",
    ],
)
def test_talking_about_the_topic_is_not_urgent(body):
    result = checks.assess(submission(body))
    assert not result.urgent, result.reasons


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Happy to talk, call me on 07700 900123 any evening.", "phone number"),
        ("US readers can reach me on +1 (555) 123-4567.", "phone number"),
        ("Write to me at jo.bloggs@example.com if you want to talk.", "email address"),
        ("Our support group meets at 12 Acacia Avenue on Tuesdays.", "street address"),
        ("typed on my phone: come round to 12 acacia avenue tonight", "street address"),
    ],
)
def test_personal_data_is_held_with_its_reason(body, kind):
    discussion = publishing()
    result = checks.assess(submission(body, discussion=discussion))
    assert result.status == "pending"
    assert "personal_data" in codes(result)
    assert kind in next(r["message"] for r in result.reasons if r["code"] == "personal_data")


@pytest.mark.parametrize(
    "body",
    [
        "I took 20 mg citalopram from 2019 to 2023, then 10 mg for 3 months.",
        "In the UK call Samaritans on 116 123, or 999 in an emergency.",
        "After 3 weeks my Dr said to double it.",  # "Dr" is a doctor, not a drive
        "I take 2 tablets the same way every morning.",
    ],
)
def test_doses_years_and_helplines_are_not_personal_data(body):
    assert list(checks.check_personal_data(submission(body))) == []


def test_the_form_warns_that_comments_are_public(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    form = html[html.index('id="comment-form"') :]
    assert "Comments are public. Please leave out phone numbers, addresses" in form

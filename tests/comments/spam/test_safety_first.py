"""Crisis triage and the personal-data guard stay rules and always win: however spammy a
comment reads, it waits for a person, and the commenter is told why in plain words."""

import pytest

from comments import checks
from comments.models import Comment

SPAMMY_CRISIS = [
    "I want to die. Buy cheap viagra online no prescription at rxquickmeds.shop",
    "I've taken too many pills https://casino-bonus.win https://casino-bonus.win/slots",
    "Great article! I don't want to live any more. Visit my site bestdeals-outlet.com",
]


@pytest.mark.parametrize("body", SPAMMY_CRISIS)
def test_a_crisis_comment_is_never_filed_as_spam(assess, corpus_filter, body):
    result = assess(body, classifier=corpus_filter)
    assert (result.status, result.urgent) == ("pending", True)
    assert "crisis" in {r["code"] for r in result.reasons}


def test_crisis_hidden_by_a_disguise_is_still_found(assess, corpus_filter):
    result = assess("I w\u200bant to d\u200bie tonight", classifier=corpus_filter)
    assert result.urgent


def test_personal_data_is_held_even_when_the_rest_reads_like_spam(assess, corpus_filter):
    result = assess(
        "Cheap loans today, no credit check! Call me on 07700 900123 or write to "
        "loans.fast@example.com",
        classifier=corpus_filter,
    )
    assert result.status == "pending"
    assert "personal_data" in {r["code"] for r in result.reasons}


def test_the_commenter_is_told_in_plain_words(assess, corpus_filter):
    result = assess("Happy to talk, call me on 07700 900123 any evening.",
                    classifier=corpus_filter)  # fmt: skip
    notice = checks.personal_data_notice(result)
    assert "a phone number" in notice
    assert "edit your comment" in notice
    assert checks.personal_data_notice(assess("Thank you for this.")) == ""


def test_a_post_with_a_phone_number_is_held_not_spam(client, post_url, human_post, discussion):
    human_post["body"] = "Cheap pills! Text me on 07700 900123 for a price list."
    assert client.post(post_url, human_post).status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "personal_data" in [r["code"] for r in comment.reasons]


@pytest.mark.parametrize(
    "body",
    [
        "\u202e\u200b" * 400 + "v i a g r a",
        "[" * 2000 + "](" * 1000,
        "𝐁𝐮𝐲 " * 800,
        "\x00 a nul byte",
    ],
)
def test_hostile_comments_are_stored_not_500(client, post_url, human_post, body):
    human_post["body"] = body
    response = client.post(post_url, human_post)
    assert response.status_code in (200, 302)

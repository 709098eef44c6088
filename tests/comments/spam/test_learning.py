"""The filter learns from the moderators: every decision is a label, 20 of them retrain it
in the background, and a campaign it missed is caught after moderators mark ten."""

from comments.models import Comment
from comments.spam import decisions
from comments.spam.models import SpamFilterModel


def test_a_new_campaign_is_learned_from_ten_decisions(
    assess, corpus_filter, decide, campaign, sleepless_readers
):
    marked, following = campaign[:10], campaign[10:]
    # The shipped filter misses the campaign: it reads like readers.
    missed = [assess(body, classifier=corpus_filter).status for body in campaign]
    assert missed.count("spam") <= 2, missed

    # Moderators mark ten as spam and, as every day, approve ten readers: 20 decisions
    # retrain the filter in the background.
    decide(marked, Comment.Status.SPAM)
    decide(sleepless_readers, Comment.Status.APPROVED)
    latest = SpamFilterModel.objects.latest_version()
    assert latest.trigger == SpamFilterModel.Trigger.DECISIONS
    assert (latest.decision_spam, latest.decision_real) == (10, 10)

    statuses = [assess(body).status for body in following]
    assert statuses.count("spam") >= 6, statuses  # most of the next ones go to Spam


def test_readers_on_the_same_subject_stay_out_of_spam_after_learning(
    assess, decide, campaign, sleepless_readers
):
    decide(campaign[:10], Comment.Status.SPAM)
    decide(sleepless_readers[:10], Comment.Status.APPROVED)
    for body in [
        "I couldn't sleep for months after my divorce; talking therapy helped me most.",
        "Does anyone use a weighted blanket? My daughter says it helps her anxiety at night.",
        "My sleep tracker says I wake ten times a night. Should I see my GP?",
    ]:
        assert assess(body).status != "spam"


def test_a_retraining_after_every_twenty_decisions(decide, sleepless_readers):
    decide(sleepless_readers * 2, Comment.Status.APPROVED)  # 20 at once: one retraining
    assert SpamFilterModel.objects.count() == 1
    decide(sleepless_readers[:9] + ["One more."] * 10, Comment.Status.APPROVED)  # 39
    assert SpamFilterModel.objects.count() == 1
    decide(["The fortieth decision."], Comment.Status.APPROVED)
    assert SpamFilterModel.objects.count() == 2
    assert decisions.since_last_training() == 0


def test_every_kind_of_decision_is_a_label(decide):
    decide(["Buy pills at pills.example"], Comment.Status.SPAM)
    decide(["You are all idiots."], Comment.Status.REJECTED)
    decide(["Thank you for this."], Comment.Status.APPROVED)
    labels = {row["body"]: row["spam"] for row in decisions.labelled()}
    assert labels == {
        "Buy pills at pills.example": True,
        "You are all idiots.": False,  # written by a person, even if not publishable
        "Thank you for this.": False,
    }


def test_a_commenters_own_deletion_and_erased_text_are_not_labels(
    article, make_comment, moderator
):
    from comments import privacy, services

    own = make_comment(article, body="Changed my mind.")
    services.delete_own_comment(own)
    make_comment(article, body="Mine.", author_email="gone@example.com")
    services.moderate(Comment.objects.filter(body="Mine."), "spam", moderator=moderator)
    privacy.erase_commenter("gone@example.com", by=moderator)
    assert decisions.labelled() == []


def test_the_evaluation_counts_caught_missed_and_false_alarms(decide, campaign):
    decide(campaign[:5], Comment.Status.SPAM)
    approved = ["Buy cheap viagra online no prescription at rxquickmeds.shop"]
    approved += ["I found the section on withdrawal useful."] * 14
    decide(approved, Comment.Status.APPROVED)
    figures = SpamFilterModel.objects.latest_version().evaluation
    assert figures["decisions"] == 20
    assert figures["spam"] == 5
    assert figures["caught"] + figures["missed"] == 5
    assert figures["real"] == 15
    assert figures["false_alarms"] >= 1  # the "approved" pharmacy spam would have been filed

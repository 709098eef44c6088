"""Fixtures for the learning spam filter: the filter a fresh install starts with, a way to
record moderator decisions, and a spam campaign written for these tests (not in the corpus)."""

import pytest

from comments import checks, services
from comments.models import Comment, DiscussionSettings
from comments.spam import store


@pytest.fixture
def corpus_filter():
    """The filter trained on the shipped corpus alone, as a fresh install gets it (trained
    once per test process)."""
    return store.corpus_classifier()


@pytest.fixture(autouse=True)
def fresh_filter():
    """No test sees a model another test's database left in this process's memory."""
    store.forget()
    yield
    store.forget()


@pytest.fixture
def assess():
    """Factory: the status and reasons a comment gets when a person posts it (a minute on
    the page, no honeypot), under "publish unless a check flags it"."""

    def run(body, *, name="Jamie Reader", website="", classifier=None, discussion=None):
        sub = checks.Submission(
            article=None, name=name, email="jamie@example.com", body=body, website=website,
            ip_address="198.51.100.4", form_age=60.0,
            discussion=discussion or DiscussionSettings(
                moderation=DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED),
        )  # fmt: skip
        return checks.assess(sub, classifier=classifier)

    return run


@pytest.fixture
def decide(article, make_comment, moderator, django_capture_on_commit_callbacks):
    """Factory: comments with these bodies, waiting in the queue, then set to ``status`` by
    a moderator through services.moderate(); background tasks it queues run at once."""

    def run(bodies, status):
        pks = [
            make_comment(article, status=Comment.Status.PENDING, body=body,
                         author_email=f"writer{i}@example.com").pk
            for i, body in enumerate(bodies)
        ]  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            services.moderate(Comment.objects.filter(pk__in=pks), status, moderator=moderator)
        return pks

    return run


# A campaign the shipped corpus has never seen: praise for a made-up sleep gadget, written
# the way astroturfing reads (like a reader, no link).
CAMPAIGN = [
    "What finally helped my sleep was the Drowsa wristband, it plays gentle pulses at night. "
    "Search Drowsa if you struggle too.",
    "I was sceptical, but the Drowsa band has given me full nights again after years of "
    "insomnia. Worth looking up Drowsa.",
    "For anyone with restless nights: my husband and I both use the Drowsa wristband now and "
    "we sleep through.",
    "Not an ad, just grateful: the Drowsa sleep band worked when the tablets didn't. Look for "
    "Drowsa online.",
    "My teenager's sleep improved within a week of wearing a Drowsa band. Happy to answer "
    "questions about Drowsa.",
    "After my surgery I couldn't sleep; a nurse mentioned the Drowsa wristband and it really "
    "helped me.",
    "The Drowsa band is the only thing that has calmed my night-time anxiety. Search for "
    "Drowsa, they have a trial.",
    "I'd add the Drowsa wristband to your list of sleep aids, it changed my nights completely.",
    "Three months with the Drowsa sleep band and I no longer wake at 3am. Highly recommend "
    "looking up Drowsa.",
    "My mum has dementia and sleeps much better since we got her a Drowsa wristband. Search "
    "Drowsa sleep band.",
    "If the sleep hygiene tips don't work for you, try the Drowsa band like I did. Drowsa has "
    "a money-back trial.",
    "The Drowsa wristband helped me come off sleeping pills. Look it up, Drowsa is on sale "
    "this month.",
    "Honestly the best thing I did for my insomnia was buying a Drowsa band. You can find "
    "Drowsa online.",
    "Shift worker here, the Drowsa sleep band lets me sleep in the day. I recommend Drowsa to "
    "all my colleagues.",
    "My GP was surprised how well I sleep since I started using the Drowsa wristband at night.",
    "Drowsa band user for a year now, my sleep score doubled. Search Drowsa and read the reviews.",
    "For menopause night sweats and waking up, the Drowsa wristband has been a blessing. Try "
    "Drowsa.",
    "I gave my dad a Drowsa band for his birthday and he sleeps eight hours now. Drowsa is "
    "worth it.",
    "Insomnia for ten years and the Drowsa wristband finally fixed it. Look for the official "
    "Drowsa site.",
    "Add the Drowsa sleep band to this article, readers deserve to know about Drowsa.",
]

# Readers' comments on the same subject, which the filter must keep leaving alone.
SLEEPLESS_READERS = [
    "I've had insomnia since my son was born. CBT-I through the NHS helped more than pills.",
    "Does anyone else wake at 3am with racing thoughts? Writing a list before bed helps me.",
    "My sleep got much better when I stopped drinking coffee after lunch.",
    "The section on sleep hygiene was useful, but shift workers need different advice.",
    "I tried melatonin for jet lag and it worked, but it did nothing for my everyday insomnia.",
    "My GP suggested a sleep diary for two weeks before trying any medication.",
    "Night sweats in menopause wrecked my sleep; HRT has made a real difference for me.",
    "Since my dad's dementia diagnosis he sleeps in the day and wanders at night. Any tips?",
    "Going to bed at the same time every night sounds boring but it really works.",
    "I use an old-fashioned alarm clock so my phone can stay out of the bedroom.",
]


@pytest.fixture
def campaign():
    """Twenty comments of one new spam campaign the shipped corpus has never seen."""
    return list(CAMPAIGN)


@pytest.fixture
def sleepless_readers():
    """Ten real readers' comments on the campaign's subject (sleep)."""
    return list(SLEEPLESS_READERS)

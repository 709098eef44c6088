"""The shipped filter on comments it never trained on (written for this test, in none of
the corpus files): spam of several kinds goes straight to Spam, readers never do, and
moderators can read why."""

import pytest

from comments.spam import shipped

NEW_SPAM = [
    "Order tramadol and oxycodone online tonight, no prescription needed, discreet "
    "overnight shipping: painrelief-fastmeds.shop",
    "Best slots and live roulette, 250% first deposit bonus and instant withdrawals at "
    "goldenreels-casino.bet",
    "Dear webmaster, we place dofollow backlinks on high authority health blogs for $20 "
    "each. Reply for our price list.",
    "Payday loans up to $2,000 in ten minutes, bad credit fine, no credit check: "
    "cashtoday-loans.net",
    "Vіаgrа аnd Сіаlіs сhеар оnlіnе at bluepill-bargains.com",
    "c\u200ba\u200bs\u200bi\u200bn\u200bo free spins tonight at spinzone dot win",
    "Nice article, very useful! https://cheapwatches-outlet.shop",
    "Our herbal capsules cure type 2 diabetes in 21 days, throw away your metformin: "
    "sugarfree-herbs.com",
    "Lost your bitcoin to a scam? Our recovery hackers get it back in 48 hours, contact "
    "us: chainrescue-experts.io",
    "Compra cialis sin receta con envío urgente a toda España: farmacia-urgente.es",
]
NEW_READERS = [
    "My GP wants to start me on 25 mg of sertraline. Did anyone else feel jittery at first?",
    "I've been sober for two years and the part about shame really rang true for me.",
    "The NICE guidance linked here is clear: https://www.nice.org.uk/guidance/ng215",
    "I disagree with the author about cannabis; my son's psychosis started with it.",
    "Gracias por el artículo, mi madre tiene párkinson y esto nos ayuda mucho.",
    "Is it safe to take ibuprofen with naproxen? The leaflet isn't clear.",
    "Thank you, this helped me talk to my dad about his drinking.",
    "My online gambling started with free spins; GamCare helped me stop.",
    "@Maya the carers' assessment from the council is worth asking for, it got us respite.",
    "Спасибо за статью, очень полезно для нашей семьи.",
]


def test_the_comments_here_are_not_in_the_corpus():
    corpus = {item.text for item in shipped.items()}
    assert not corpus & {*NEW_SPAM, *NEW_READERS}


def test_most_new_spam_goes_straight_to_spam(assess, corpus_filter):
    statuses = [assess(body, classifier=corpus_filter).status for body in NEW_SPAM]
    assert statuses.count("spam") >= 9, statuses
    assert "approved" not in statuses


@pytest.mark.parametrize("body", NEW_READERS)
def test_new_readers_are_not_sent_to_spam(assess, corpus_filter, body):
    result = assess(body, classifier=corpus_filter)
    assert result.status in ("approved", "pending"), result.reasons


def test_moderators_see_the_words_and_domains_that_weighed(assess, corpus_filter):
    result = assess(NEW_SPAM[0], classifier=corpus_filter)
    reason = next(r for r in result.reasons if r["code"] == "spam_filter")
    assert "likely spam" in reason["message"]
    assert "painrelief-fastmeds.shop" in reason["message"] or "“" in reason["message"]
    assert reason["score"] >= 10


def test_the_disguise_itself_is_a_reason(assess, corpus_filter):
    result = assess(NEW_SPAM[4], classifier=corpus_filter)
    reason = next(r for r in result.reasons if r["code"] == "disguised")
    assert "look-alike letters" in reason["message"]


@pytest.mark.parametrize(
    "body", ["Fantastic!", "Wow. Just wow.", "Nice one!", "I have a question.", "Back again."]
)
def test_a_few_words_without_a_link_are_never_filed_as_spam(assess, corpus_filter, body):
    assert assess(body, classifier=corpus_filter).status != "spam"

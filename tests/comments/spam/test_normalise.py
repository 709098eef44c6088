"""Normalisation before every check: disguises undone, links found in every form, and real
writing (other scripts, units, acronyms) left as it was."""

import pytest

from comments.spam import normalise


def hosts(text):
    return [(link.host, link.form) for link in normalise.normalise(text).links]


@pytest.mark.parametrize(
    ("typed", "reads"),
    [
        ("Вuy сheap vіаgrа", "Buy cheap viagra"),  # Cyrillic В, с, і, а inside Latin words
        ("ΒUΥ ΤRΑΜΑDΟL", "BUY TRAMADOL"),  # Greek capitals
        ("раураl.com", "paypal.com"),  # a whole look-alike word in Latin text
        ("ᴄʜᴇᴀᴘ ʀᴇᴘʟɪᴄᴀ", "cheap replica"),  # small capitals
        ("ｃｈｅａｐ ｍｅｄｓ", "cheap meds"),  # full width
        ("𝐁𝐞𝐬𝐭 𝐜𝐚𝐬𝐢𝐧𝐨", "Best casino"),  # mathematical bold
        ("🅱🆄🆈 now", "BUY now"),  # negative squared letters
        ("Ⓒⓗⓔⓐⓟ", "Cheap"),  # circled letters
    ],
)
def test_look_alike_letters_are_read_as_latin(typed, reads):
    result = normalise.normalise(typed)
    assert result.text == reads
    assert result.tricks & {normalise.LOOK_ALIKE_LETTERS, normalise.STYLED_LETTERS}


@pytest.mark.parametrize(
    "text",
    [
        "Мне помогла эта статья, спасибо",  # Russian stays Russian
        "Ευχαριστώ για το άρθρο",  # so does Greek
        "TNF-α and β-blockers, 5 μg a day",  # Greek letters as symbols and units
        "ＣＯＶＩＤワクチン を打ちました",  # Japanese with a full-width word
        "ممنون از این مقاله",  # Persian, whose zero-width non-joiner is spelling
    ],
)
def test_real_writing_in_other_scripts_is_left_alone(text):
    result = normalise.normalise(text)
    assert normalise.LOOK_ALIKE_LETTERS not in result.tricks
    assert normalise.HIDDEN_CHARACTERS not in result.tricks


@pytest.mark.parametrize(
    "typed",
    [
        "cas\u200bino bonus",  # zero-width space
        "c\u200ca\u200cs\u200ci\u200cn\u200co bonus",  # zero-width non-joiners
        "cas\u2060ino bonus",  # word joiner
        "cas\ufeffino bonus",  # zero-width no-break space
        "cas\u202eino bonus",  # a direction override
        "cas\u00adino bonus",  # soft hyphen
    ],
)
def test_hidden_characters_are_removed(typed):
    result = normalise.normalise(typed)
    assert result.text == "casino bonus"
    assert normalise.HIDDEN_CHARACTERS in result.tricks


def test_a_joiner_inside_an_emoji_is_not_a_trick():
    result = normalise.normalise("Our nurse 👩\u200d⚕️ was wonderful")
    assert normalise.HIDDEN_CHARACTERS not in result.tricks


@pytest.mark.parametrize(
    ("typed", "reads"),
    [
        ("v i a g r a today", "viagra today"),
        ("c.a.s.i.n.o bonus", "casino bonus"),
        ("V-I-A-G-R-A", "VIAGRA"),
        ("l*o*a*n*s fast", "loans fast"),
        ("k e t o  p i l l s", "keto pills"),
    ],
)
def test_spaced_out_letters_are_rejoined(typed, reads):
    result = normalise.normalise(typed)
    assert result.text == reads
    assert normalise.SPACED_LETTERS in result.tricks


def test_acronyms_are_rejoined_but_not_a_trick():
    result = normalise.normalise("My son has A.D.H.D. and we live in the U.S.A.")
    assert "ADHD" in result.text
    assert not result.tricks


def test_struck_through_letters_lose_their_marks_but_accents_stay():
    assert normalise.normalise("s̶t̶r̶i̶k̶e̶ now").text == "strike now"
    assert normalise.normalise("Très bon article, café").text == "Très bon article, café"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("see https://www.nhs.uk/conditions/naloxone/", [("nhs.uk", "url")]),
        ("at www.cheap-pills.example/buy", [("cheap-pills.example", "url")]),
        ("defanged hxxp://bad.example/x", [("bad.example", "url")]),
        ("order at rxquickmeds.shop/buy now", [("rxquickmeds.shop", "bare")]),
        ("read who.int and nhs.uk", [("who.int", "bare"), ("nhs.uk", "bare")]),
        ("short bit.ly/3xYz", [("bit.ly", "bare")]),
        ("[the NHS](https://www.nhs.uk/) says", [("nhs.uk", "markdown")]),
        ("[1]: https://ref.example/paper", [("ref.example", "markdown")]),
        ('<a href="https://spam.example/x">here</a>', [("spam.example", "html")]),
        ("<a class=x href=http://spam.example>x</a>", [("spam.example", "html")]),
        ("[url=https://bb.example]pills[/url]", [("bb.example", "bbcode")]),
        ("[url]http://bb.example/y[/url]", [("bb.example", "bbcode")]),
        ("[link=http://bb.example]x[/link]", [("bb.example", "bbcode")]),
        ("visit pills dot shop", [("pills.shop", "spelled_out")]),
        ("visit pills [dot] net", [("pills.net", "spelled_out")]),
        ("visit casino(.)com", [("casino.com", "spelled_out")]),
        ("visit kidsmedia . com today", [("kidsmedia.com", "spelled_out")]),
        ("www dot bestbet dot com", [("bestbet.com", "spelled_out")]),
        ("vіаgrа at rх-shop.com", [("rx-shop.com", "bare")]),  # look-alike letters in the link
    ],
)
def test_links_are_found_in_every_form(text, found):
    assert hosts(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "the dot com bubble burst",
        "I stopped.It was hard.",
        "I need help.Today was bad.",
        "Take 2.5mg twice, e.g. morning and night, i.e. with food.",
        "Write to jo.bloggs@example.com",  # an email address is personal data, not a link
        "Version 1.2.3 of the app",
    ],
)
def test_ordinary_writing_has_no_links(text):
    assert hosts(text) == []


def test_text_without_links_is_what_is_left_to_read():
    result = normalise.normalise(
        'Great post! <a href="https://x.example">click</a> [url=y.example]z[/url]'
    )
    assert result.text_without_links == "Great post! click z"


def test_the_website_field_is_a_link():
    link = normalise.website_link("https://shop.pills.example/")
    assert (link.host, link.domain, link.form) == (
        "shop.pills.example",
        "pills.example",
        "website",
    )
    assert normalise.website_link("") is None
    assert normalise.website_link("not a url at all") is None


@pytest.mark.parametrize(
    "hostile",
    [
        "[" * 3000 + "](" * 3000,
        "<a href=" * 2000,
        "a." * 6000,
        "w.w dot " * 2000,
        "\u200b" * 9000,
        "\u0336" * 9000,
        "x" * 50_000,
        "\x00\x01\x02 nul bytes \ud800 and a lone surrogate",
        "",
    ],
)
def test_hostile_input_is_normalised_without_error(hostile):
    result = normalise.normalise(hostile)
    assert len(result.text) <= normalise.MAX_CHARS

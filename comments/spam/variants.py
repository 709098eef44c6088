"""Disguised copies of the shipped corpus's own texts, made the ways spammers disguise theirs.

The corpus is written by hand; spammers then run the same pitch through look-alike letters,
zero-width spaces, spaced-out words and "dot com" links.  Training on a few such copies of
each spam text teaches the filter that a disguise changes nothing, and copies of real
comments typed carelessly (all lower case, no punctuation) teach it that sloppiness is not
spam.  Every copy is deterministic for a given seed and stays with its source text when the
benchmark splits the corpus, so no disguise of a held-out text is ever trained on.
"""

import itertools
import random
import re

_CYRILLIC = str.maketrans("aceopxyiAEOPCHKMTBX", "асеорхуіАЕОРСНКМТВХ")
_GREEK = str.maketrans("AoBEHIKMNTXYZ", "ΑοΒΕΗΙΚΜΝΤΧΥΖ")
_LEET = str.maketrans("aeiost", "431057")
_FULLWIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
_BOLD = {**{chr(65 + i): chr(0x1D400 + i) for i in range(26)},
         **{chr(97 + i): chr(0x1D41A + i) for i in range(26)}}  # fmt: skip
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
_WORD_RE = re.compile(r"[A-Za-z]{4,}")
_DOMAIN_RE = re.compile(r"\b([a-z0-9-]+)\.([a-z]{2,6})\b")
_SPINTAX_RE = re.compile(r"\{([^{}]*)\}")


def expand_spintax(template, count, rng):
    """Up to ``count`` distinct texts from a ``{a|b}`` template (how spam tools vary a pitch)."""
    options = [group.split("|") for group in _SPINTAX_RE.findall(template)]
    total = 1
    for choices in options:
        total *= len(choices)
    texts = set()
    for _attempt in range(count * 20):
        if len(texts) >= min(count, total):
            break
        texts.add(_SPINTAX_RE.sub(lambda m: rng.choice(m.group(1).split("|")), template))
    return sorted(texts)


def _key_words(text, rng, share=0.5):
    words = _WORD_RE.findall(text)
    return {word for word in words if rng.random() < share} or set(words[:1])


def look_alike(text, rng):
    table = rng.choice([_CYRILLIC, _GREEK])
    words = _key_words(text, rng)
    return _WORD_RE.sub(lambda m: m.group().translate(table) if m.group() in words
                        else m.group(), text)  # fmt: skip


def zero_width(text, rng):
    words = _key_words(text, rng)
    mark = rng.choice(_ZERO_WIDTH)
    return _WORD_RE.sub(lambda m: mark.join(m.group()) if m.group() in words
                        else m.group(), text)  # fmt: skip


def spaced(text, rng):
    words = _key_words(text, rng, share=0.3)
    sep = rng.choice([" ", ".", "-", " . ", "*"])
    return _WORD_RE.sub(lambda m: sep.join(m.group()) if m.group() in words
                        else m.group(), text)  # fmt: skip


def leet(text, rng):
    words = _key_words(text, rng)

    def swap(word):
        return "".join(char.translate(_LEET) if rng.random() < 0.5 else char for char in word)

    return _WORD_RE.sub(lambda m: swap(m.group()) if m.group() in words else m.group(), text)


def wide_letters(text, rng):
    table = rng.choice([_FULLWIDTH, _BOLD])
    return "".join(table.get(char, char) for char in text)


def spelled_out_links(text, rng):
    form = rng.choice([" dot ", " [dot] ", "(.)", " . ", " DOT "])
    return _DOMAIN_RE.sub(lambda m: f"{m.group(1)}{form}{m.group(2)}", text)


def shouting(text, rng):
    return text.upper()


DISGUISES = [look_alike, zero_width, spaced, leet, wide_letters, spelled_out_links, shouting]


def careless(text, rng):
    """A real comment typed in a hurry: lower case, little punctuation, a slip or two."""
    text = text.lower()
    if rng.random() < 0.5:
        text = re.sub(r"[.,;:!?]", "", text)
    words = text.split()
    if len(words) > 4 and rng.random() < 0.5:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def disguised(text, count, seed):
    """``count`` disguised copies of a spam text, each with one or two disguises."""
    rng = random.Random(seed)
    copies = []
    for disguises in itertools.islice(_combinations(rng), count):
        copy = text
        for disguise in disguises:
            copy = disguise(copy, rng)
        if copy != text:
            copies.append(copy)
    return copies


def _combinations(rng):
    while True:
        first = rng.choice(DISGUISES)
        if rng.random() < 0.4:
            yield (first, rng.choice([d for d in DISGUISES if d is not first]))
        else:
            yield (first,)

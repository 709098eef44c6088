"""What the classifier reads of a comment: hashed words, character n-grams and "signals".

Three scikit-learn ``HashingVectorizer`` s, side by side: the comment's words and word pairs
(links taken out: their domains are signals of their own); character 3–5-grams of a
"skeleton" of the text (lower case, accents and look-alike digits folded, ``v1agra`` read as
``viagra``), which catches misspellings and other languages; and signal tokens: link domains
and their written form, the commenter's name and website, the tricks normalisation undid,
and the form signals (timing, token).  Hashing keeps no
vocabulary, so the model is small, has no personal data in it, and never needs refitting to
see a word it has not met.

Signal tokens are readable on purpose (``domain=pills.shop``): :func:`describe` shows them to
moderators as the reasons a comment was filed.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from . import normalise, scoring


def _words(text):
    """A set of the whitespace-separated words of ``text`` (for long constant lists)."""
    return frozenset(text.split())


# Bump when the features change: a stored model built on other features is retrained.
FEATURES_VERSION = 1

# Form signals (rule codes from comments/checks.py) the classifier may learn weights for.
FORM_SIGNALS = ("honeypot", "too_fast", "form_token", "stale_form")

# Words too common to explain anything to a moderator (they still count in the model).
FUNCTION_WORDS = _words(
    """
    a an the and or but of to in on at for with from by is are was were be been am it its this
    that these those i me my we our you your he she they them his her their as so if not no do
    does did have has had will would can could there here what which who
    """
)

# 2**18 columns a block: collisions cost nothing measurable (cross-validation) and the naive
# Bayes half of the model stays a few megabytes.
WORD_FEATURES = 2**18
CHAR_FEATURES = 2**18
SIGNAL_FEATURES = 2**15
# The signals are few tokens against hundreds of n-grams: at full weight a link alone would
# outweigh everything a comment says (cross-validation agreed).
SIGNAL_WEIGHT = 0.5

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s"})  # fmt: skip
_LEET_WORD_RE = re.compile(r"[\w@$]+")
_LATIN_RE = re.compile(r"[a-z]")
_NOT_LEET_RE = re.compile(r"\d+[^\W\d_]{0,4}|[^\W\d_]{0,8}\d+|[^\W\d_]+")
_INNER_PUNCT_RE = re.compile(r"(?<=[^\W\d_])[.\-_*'’](?=[^\W\d_])")
_REPEATS_RE = re.compile(r"(\w)\1{2,}")
_WORD_COUNT_RE = re.compile(r"\w+")
# What a short spam comment sells, when it has no link: a way to reach them, or their page.
_CONTACT_RE = re.compile(
    r"@|\d{6,}|whats ?app|telegram|\b(?:dm|message|inbox|text|call) (?:me|us)\b|subscrib|"
    r"\bchannel\b|\bfollow (?:me|my)\b|\bcheck (?:out )?my\b|\bmy (?:page|profile|bio|blog|"
    r"site|website|videos?)\b|\blink in\b",
    re.IGNORECASE,
)
_SCRIPTS = (("LATIN", "latin"), ("CYRILLIC", "cyrillic"), ("GREEK", "greek"),
            ("ARABIC", "arabic"), ("HEBREW", "hebrew"), ("DEVANAGARI", "devanagari"),
            ("CJK", "cjk"), ("HIRAGANA", "cjk"), ("KATAKANA", "cjk"), ("HANGUL", "hangul"),
            ("THAI", "thai"))  # fmt: skip


@dataclass(frozen=True)
class Sample:
    """One comment as the classifier sees it (already normalised)."""

    body: normalise.Normalised
    name: normalise.Normalised
    website: normalise.Link | None = None
    signals: tuple = ()


def sample(body, name="", website="", signals=()):
    """A Sample from raw fields, for training and benchmarks."""
    return Sample(
        normalise.normalise(body),
        normalise.normalise(name),
        normalise.website_link(website),
        tuple(s for s in signals if s in FORM_SIGNALS),
    )


def is_bare(item):
    """A few words and nothing to sell with them: no link in the body or name, no website,
    no email address, phone number, messaging app or "my channel" (scoring.filter_points)."""
    if item.body.links or item.name.links or item.website is not None:
        return False
    if _CONTACT_RE.search(item.body.text):
        return False
    return len(_WORD_COUNT_RE.findall(item.body.text)) <= scoring.BARE_WORDS


def words_of(item):
    """The text the word features read: links out, look-alike digits read as letters."""
    return _LEET_WORD_RE.sub(_unleet, item.body.text_without_links.casefold())


def skeleton(text):
    """The text reduced to what it spells: for the character n-grams only."""
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    text = _LEET_WORD_RE.sub(_unleet, text)
    text = _INNER_PUNCT_RE.sub("", text)
    return _REPEATS_RE.sub(r"\1\1", text)


def _unleet(match):
    word = match.group()
    # "v1agra", "r3pl1c4s" and "5h0p" are disguised words; "50mg", "b12", "24h" are not.
    if not _LATIN_RE.search(word) or _NOT_LEET_RE.fullmatch(word):
        return word
    return word.translate(_LEET)


def signal_tokens(item):
    """The readable signal tokens of one Sample (see the module docstring)."""
    body = item.body
    tokens = [f"trick={trick}" for trick in sorted(body.tricks | item.name.tricks)]
    links = [*body.links, *item.name.links]
    # Tokens are emitted for what is there, not for what is missing ("no link" would teach
    # the filter that spam without a link is a reader).
    if len(links) > 1:
        tokens.append(f"links={min(len(links), 3)}")
    for link in links:
        tokens += [f"domain={link.domain}", f"tld=.{link.tld}", f"form={link.form}"]
        suffix = link.domain.partition(".")[2]
        if "." in suffix:
            tokens.append(f"suffix={suffix}")
        if link.shortened:
            tokens.append("form=shortened")
    if item.name.links:
        tokens.append("name=has link")
    if item.website is not None:
        tokens += [f"website={item.website.domain}", f"website tld=.{item.website.tld}"]
    for word in _WORD_COUNT_RE.findall(item.name.text.casefold())[:6]:
        tokens.append(f"name={word}")
    words = len(_WORD_COUNT_RE.findall(body.text_without_links))
    tokens.append(f"length={_bucket(words, (0, 1, 3, 8, 20, 50))}")
    letters = [char for char in body.text if char.isalpha()]
    if len(letters) >= 12 and sum(char.isupper() for char in letters) * 2 > len(letters):
        tokens.append("capitals=most")
    script = _script(letters)
    if script != "latin":
        tokens.append(f"script={script}")
    tokens += [f"signal={code}" for code in item.signals]
    return tokens


def _bucket(value, edges):
    for low, high in itertools.pairwise(edges):
        if value <= low:
            return str(low)
        if value <= high:
            return f"{low + 1}-{high}" if high > low + 1 else str(high)
    return f"{edges[-1]}+"


def _script(letters):
    counts = {}
    for char in letters[:400]:
        if char.isascii():
            counts["latin"] = counts.get("latin", 0) + 1
            continue
        name = unicodedata.name(char, "")
        script = next((label for prefix, label in _SCRIPTS if name.startswith(prefix)), "other")
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else "none"


def _as_is(tokens):
    return tokens


class Vectoriser:
    """Turns Samples into hashed counts, and counts into what each model reads."""

    def __init__(self):
        counts = {"alternate_sign": False, "norm": None}
        self.words = HashingVectorizer(n_features=WORD_FEATURES, ngram_range=(1, 2),
                                       token_pattern=r"(?u)\b\w+\b", **counts)  # fmt: skip
        self.chars = HashingVectorizer(n_features=CHAR_FEATURES, analyzer="char_wb",
                                       ngram_range=(3, 5), lowercase=False, **counts)  # fmt: skip
        self.signals = HashingVectorizer(n_features=SIGNAL_FEATURES, analyzer=_as_is, **counts)
        # The words' twin puts one given token in its column: it names the columns that
        # weighed most (the signals' vectoriser already takes tokens as they are).
        self._word_columns = HashingVectorizer(n_features=WORD_FEATURES, analyzer=_as_is,
                                               **counts)  # fmt: skip

    def counts(self, samples):
        """Raw hashed counts: words, character n-grams and signals, side by side."""
        samples = list(samples)
        return sp.hstack(
            [
                self.words.transform([words_of(item) for item in samples]),
                self.chars.transform([skeleton(item.body.text) for item in samples]),
                self.signals.transform([signal_tokens(item) for item in samples]),
            ],
            format="csr",
        )

    @staticmethod
    def scaled(counts):
        """Counts as the linear model reads them: each block of unit length, signals lighter."""
        blocks = [counts[:, :WORD_FEATURES],
                  counts[:, WORD_FEATURES : WORD_FEATURES + CHAR_FEATURES],
                  counts[:, WORD_FEATURES + CHAR_FEATURES :]]  # fmt: skip
        weights = (1.0, 1.0, SIGNAL_WEIGHT)
        return sp.hstack([_unit_rows(block, weight) for block, weight in zip(blocks, weights,
                          strict=True)], format="csr")  # fmt: skip

    def named_columns(self, item):
        """{column: readable token} for the words and signals of one Sample."""
        words = sorted(set(self.words.build_analyzer()(words_of(item))))
        signals = sorted(set(signal_tokens(item)))
        names = {}
        if words:
            matrix = self._word_columns.transform([[word] for word in words]).tocsr()
            for row, word in enumerate(words):
                names.setdefault(int(matrix.indices[matrix.indptr[row]]), word)
        if signals:
            offset = WORD_FEATURES + CHAR_FEATURES
            matrix = self.signals.transform([[token] for token in signals]).tocsr()
            for row, token in enumerate(signals):
                names.setdefault(offset + int(matrix.indices[matrix.indptr[row]]), token)
        return names


def _unit_rows(block, weight):
    """Each row scaled to length ``weight`` (what sklearn's normalize() does, without its
    input checks, which cost more than the arithmetic on one comment)."""
    norms = np.sqrt(np.asarray(block.multiply(block).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(weight / norms) @ block


def describe(token):
    """A token as a moderator should read it."""
    key, sep, value = token.partition("=")
    if not sep:
        return f"“{token}”"
    labels = {
        "trick": lambda v: v.replace("_", " "),
        "domain": lambda v: f"link to {v}",
        "tld": lambda v: f"a {v} link",
        "form": lambda v: f"{v.replace('_', ' ')} link",
        "links": lambda v: f"{v} link(s)",
        "name": lambda v: f"name “{v}”" if v != "has link" else "a link in the name",
        "website": lambda v: f"website {v}",
        "website tld": lambda v: f"a {v} website",
        "length": lambda v: f"{v} words",
        "capitals": lambda v: "mostly capital letters",
        "suffix": lambda v: f"a link under .{v}",
        "script": lambda v: f"{v} script",
        "signal": lambda v: v.replace("_", " "),
    }
    return labels.get(key, lambda v: token)(value)

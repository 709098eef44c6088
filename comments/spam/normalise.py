"""Comment text as the checks should read it, not as it was dressed up to slip past them.

Spammers hide the words a filter looks for: ``ｃｈｅａｐ`` in full-width letters, ``vіagra``
with a Cyrillic і, ``cas\u200bino`` with a zero-width space, ``v i a g r a`` spaced out, and
links written as ``pills dot shop`` or tucked into Markdown, HTML or BBCode.  :func:`normalise`
undoes that once, before any check runs, and says which tricks it found (a reader almost
never uses them, so they are evidence in themselves).

The text a reader typed is never changed: only the checks see the normalised copy.  Real
writing in other scripts is left alone: a Russian reply keeps its Cyrillic, because only
words that mix scripts, or look-alike words inside Latin text, are folded.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit


def _words(text):
    """A set of the whitespace-separated words of ``text`` (for long constant lists)."""
    return frozenset(text.split())


# Link forms, as recorded on each Link and used as classifier features.
URL = "url"
BARE = "bare"
MARKDOWN = "markdown"
HTML = "html"
BBCODE = "bbcode"
SPELLED_OUT = "spelled_out"
WEBSITE = "website"

# Tricks, as recorded on Normalised.tricks.
HIDDEN_CHARACTERS = "hidden_characters"
LOOK_ALIKE_LETTERS = "look_alike_letters"
SPACED_LETTERS = "spaced_letters"
STACKED_MARKS = "stacked_marks"
STYLED_LETTERS = "styled_letters"
SPELLED_OUT_LINK = "spelled_out_link"

# Longer input is cut before normalising: the comment field allows 5,000 characters, and no
# check needs more to decide, whatever a bot sends.
MAX_CHARS = 10_000

# Top-level domains that are not everyday words: a bare "name.tld" with one of these is a link.
TLDS = _words(
    """
    com net org edu gov mil int info biz name pro mobi asia tel travel xxx xyz top site online
    shop store club vip win bet casino poker loan loans money cash credit creditcard finance app
    dev io co ai tv cc ly gl gd ws su ru ua kz uk ca au nz ie fr nl ch dk fi pl cz sk hu ro
    bg gr pt br mx ar cl pe ve pk bd lk np cn hk tw jp kr sg th vn ph ng ke za eg ma tr il ir sa
    ae qa icu buzz website tech pw tk ml ga cf gq men bid trade webcam cricket racing accountant
    download stream review pharmacy pills rehab clinic dental hospital fitness diet email agency
    services solutions digital media blog wiki guru global lol fyi cheap deals sale eu rs lt lv
    ee si hr ba mk al ge uz az kg tj tm mn
    """
)
# Top-level domains that are also words ("stopped.It was", "help.Today"): counted only with
# a path, a "www." or a hyphen or digit in the name, which typing slips do not have.
WORDY_TLDS = _words(
    """
    it in me us to be at is so no do my am as go by de es se la one best help life world news
    page link click work today zone date party care plus tips fun space live health doctor
    studio love gold
    """
)
# Public suffixes under which people register names (bbc.co.uk, not co.uk).
SECOND_LEVEL = _words(
    """
    co.uk org.uk ac.uk gov.uk nhs.uk ltd.uk me.uk net.uk com.au net.au org.au gov.au edu.au
    co.nz org.nz govt.nz co.in org.in gov.in ac.in com.br gov.br org.br com.mx gob.mx com.ar
    co.jp or.jp ac.jp co.za org.za gov.za com.ng gov.ng com.tr gov.tr com.cn gov.cn com.hk
    com.sg gov.sg com.pk com.ph com.my co.kr or.kr com.tw co.il org.il com.ua com.ru com.pl
    """
)
SHORTENERS = _words(
    """
    bit.ly tinyurl.com t.co goo.gl is.gd cutt.ly rebrand.ly shorturl.at tiny.cc ow.ly buff.ly
    rb.gy t.ly s.id lnkd.in v.gd bl.ink short.io linktr.ee wa.me t.me
    """
)

# Characters that render as nothing or steer the text's direction: removed everywhere.
_INVISIBLE_EXTRA = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, 0x180B, 0x180C,
                    0x180D, *range(0xFE00, 0xFE10)}  # fmt: skip
# Enclosed letters with no compatibility decomposition (🅰 🅱 🇦 …), which NFKC leaves alone.
_ENCLOSED = {
    **{0x1F150 + i: chr(65 + i) for i in range(26)},  # negative circled
    **{0x1F170 + i: chr(65 + i) for i in range(26)},  # negative squared
    **{0x1F1E6 + i: chr(65 + i) for i in range(26)},  # regional indicators
}
# Scripts whose letters are used to impersonate Latin ones (and Latin's own odd forms).
_LOOK_ALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "LISU", "LATIN",
                       "MODIFIER LETTER", "MATHEMATICAL", "ROMAN NUMERAL")  # fmt: skip
# Small capitals (there is no small x), which Unicode's confusables map mostly to other
# scripts.
_SMALL_CAPS = dict(zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnopqrstuvwyz", strict=True))

_WORD_RE = re.compile(r"\w+")
# "Fancy text" letters: mathematical bold and script, circled and squared letters, and two
# or more full-width Latin letters in a row (an East Asian keyboard types one, not a sentence).
_STYLED_RE = re.compile(
    r"[\U0001D400-\U0001D7FF\u24B6-\u24E9\U0001F130-\U0001F189]|[\uFF21-\uFF5A]{3}"
)
# Three or more single Latin letters, each set off by the same separator: "v i a g r a",
# "c.a.s.i.n.o", "V-I-A-G-R-A".
_SPACED_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]([ .\-_*+|~•·/\\]{1,3})[A-Za-z](?:\1[A-Za-z])+(?![A-Za-z0-9])"
)
_SPACE_RE = re.compile(r"[^\S\n]+")

# Every quantifier that could backtrack is atomic or possessive, and repeats are bounded, so
# that a hostile comment ("[[[[…", "a.a.a.a…") costs linear time.
_LABEL = r"(?>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)"
_HTML_LINK_RE = re.compile(
    r"<a\b[^>]{0,500}?\bhref\s*=\s*(?:\"([^\"]{1,2000}+)\"|'([^']{1,2000}+)'|([^\s>]{1,2000}+))"
    r"[^>]{0,500}+>?",
    re.IGNORECASE,
)
_MARKDOWN_LINK_RE = re.compile(
    r"!?\[([^\]\n]{0,500}+)\]\(\s*+<?([^\s)>]{1,2000}+)>?[^)\n]{0,200}+\)"
)
_MARKDOWN_REF_RE = re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,200}+\]:[ \t]*+<?([^\s>]{1,2000}+)",
                              re.MULTILINE)  # fmt: skip
_BBCODE_RE = re.compile(
    r"\[(?:url|link)\s*+=\s*+[\"']?([^\]\"'\s]{1,2000}+)[\"']?\s*+\]?"
    r"|\[(?:url|link)\]\s*+([^\[\s]{1,2000}+)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"\b(?:(?:https?|hxxps?|ftp)://|www\.)[^\s<>\"'(){}\[\]]{1,2000}",
                     re.IGNORECASE)  # fmt: skip
_BARE_RE = re.compile(
    rf"(?<![\w@.\-/])((?>{_LABEL}\.){{1,8}}([a-z]{{2,13}}))(?![\w\-@])(/[^\s<>\"'(){{}}\[\]]{{0,2000}}+)?",
    re.IGNORECASE,
)
# "pills dot shop", "pills [dot] shop", "pills(.)shop", "pills . shop", "www dot x dot com".
_SEP = r"\s*+(?:[\[({]\s*+(?:dot|\.)\s*+[\])}]|\bdot\b|\bpunkt\b|\bpunto\b|\bponto\b|\.)\s*+"
_SPELLED_RE = re.compile(
    rf"(?<![\w.@-])((?>{_LABEL}{_SEP}){{1,6}})([a-z]{{2,13}})\b", re.IGNORECASE
)
_SPELLED_SEP_RE = re.compile(_SEP, re.IGNORECASE)
_TAG_RE = re.compile(
    r"</?[a-z][^<>]{0,500}+>|\[/?(?:url|link|b|i|u|img|color|size)\b[^\[\]]{0,200}+\]",
    re.IGNORECASE,
)
_NOT_NAMES = _words("the a an this that my your our their his her its one")
_TRAILING = ".,;:!?)]}'\"»”’"


@dataclass(frozen=True)
class Link:
    """A link as found in a comment: where it points and how it was written."""

    url: str
    host: str
    form: str

    @property
    def domain(self):
        """The registered name (``nhs.uk``, ``bbc.co.uk``): what a reputation is about."""
        labels = self.host.split(".")
        if len(labels) >= 3 and ".".join(labels[-2:]) in SECOND_LEVEL:
            return ".".join(labels[-3:])
        return ".".join(labels[-2:])

    @property
    def tld(self):
        return self.host.rpartition(".")[2]

    @property
    def shortened(self):
        return self.host in SHORTENERS or self.domain in SHORTENERS


@dataclass(frozen=True)
class Normalised:
    """One field of a comment, ready for the checks."""

    text: str
    links: tuple
    tricks: frozenset
    text_without_links: str

    @property
    def domains(self):
        return sorted({link.domain for link in self.links})


def normalise(raw):
    """Normalise one field (a comment body or a name): see the module docstring."""
    text, tricks = clean(raw)
    links, spans = find_links(text)
    if any(link.form == SPELLED_OUT for link in links):
        tricks.add(SPELLED_OUT_LINK)
    return Normalised(text, tuple(links), frozenset(tricks), _cut(text, spans))


def website_link(website):
    """The commenter's website field as a Link, or None."""
    website = (website or "").strip()
    if not website:
        return None
    host = _host(website)
    return Link(website, host, WEBSITE) if host else None


def clean(raw):
    """(normalised text, set of tricks found)."""
    tricks = set()
    text = str(raw or "")[:MAX_CHARS].replace("\r\n", "\n")
    text = html.unescape(text)
    if _STYLED_RE.search(text):
        tricks.add(STYLED_LETTERS)
    text = unicodedata.normalize("NFKC", text)
    text = _remove_invisible(text, tricks)
    text = _remove_stacked_marks(text, tricks)
    text = _fold_look_alikes(text, tricks)
    text = _rejoin_spaced_letters(text, tricks)
    return _SPACE_RE.sub(" ", text).strip(), tricks


def _remove_invisible(text, tricks):
    out = []
    for i, char in enumerate(text):
        code = ord(char)
        if code in _ENCLOSED:
            out.append(_ENCLOSED[code])
            tricks.add(LOOK_ALIKE_LETTERS)
            continue
        category = unicodedata.category(char)
        invisible = code in _INVISIBLE_EXTRA or category == "Cf"
        if category == "Cc" and char not in "\n\t":
            invisible = True
        if code == 0x2800:  # a braille blank looks like a space
            out.append(" ")
            continue
        if not invisible:
            out.append(char)
            continue
        # Hidden inside a Latin word is a trick; a joiner in an emoji or in Persian is not.
        before = out[-1] if out else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            tricks.add(HIDDEN_CHARACTERS)
    return "".join(out)


def _remove_stacked_marks(text, tricks):
    """Drop combining marks that NFKC could not attach to a Latin letter (s̶t̶r̶i̶k̶e̶, Zalgo):
    real accents on Latin letters were composed by NFKC; marks on other scripts stay."""
    out = []
    base_is_ascii = False
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me"):
            if base_is_ascii:
                tricks.add(STACKED_MARKS)
                continue
        else:
            base_is_ascii = char.isascii() and char.isalpha()
        out.append(char)
    return "".join(out)


@cache
def _fold_table():
    """Non-Latin characters that look like a Latin letter, from Unicode's confusables."""
    from confusable_homoglyphs.confusables import confusables_data

    table = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        if not unicodedata.name(char, "").startswith(_LOOK_ALIKE_SCRIPTS):
            continue  # a Japanese or Arabic letter that resembles an "I" is not a disguise
        for glyph in glyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isascii() and target.isalpha():
                table[char] = target
                break
    table.update(_SMALL_CAPS)
    for micro in "µμ":  # the micro sign in "5 μg" is a unit, not a disguised "u"
        table.pop(micro, None)
    return table


def _fold_look_alikes(text, tricks):
    table = _fold_table()
    if not any(char in table for char in text):
        return text
    letters = [char for char in text if char.isalpha()]
    latin = sum(1 for char in letters if char.isascii() or _is_latin(char))
    mostly_latin = latin * 2 >= len(letters)

    def fold(match):
        word = match.group()
        if not any(char in table for char in word):
            return word
        has_latin = any(char.isascii() and char.isalpha() for char in word)
        all_foldable = all(char in table or char.isdigit() for char in word)
        # A word mixing scripts is a disguise at any length; a whole word of look-alikes
        # only in Latin text and from three letters ("β" and "Ω" alone are symbols).
        if has_latin or (mostly_latin and all_foldable and len(word) >= 3):
            tricks.add(LOOK_ALIKE_LETTERS)
            return "".join(table.get(char, char) for char in word)
        return word

    return _WORD_RE.sub(fold, text)


def _is_latin(char):
    return unicodedata.name(char, "").startswith("LATIN")


def _rejoin_spaced_letters(text, tricks):
    def rejoin(match):
        letters = re.sub(r"[^A-Za-z]", "", match.group())
        # Dotted capitals are how acronyms are written (A.D.H.D.); anything else is a disguise.
        if match.group(1) != "." or not letters.isupper():
            tricks.add(SPACED_LETTERS)
        return letters

    return _SPACED_RE.sub(rejoin, text)


def find_links(text):
    """Every link in ``text`` and the spans they cover, each written form found once."""
    links, spans = [], []

    def add(start, end, url, form):
        if any(start < e and s < end for s, e in spans):
            return
        url = url.rstrip(_TRAILING)
        host = _host(url)
        if host:
            links.append(Link(url, host, form))
            spans.append((start, end))

    for match in _HTML_LINK_RE.finditer(text):
        add(match.start(), match.end(), next(g for g in match.groups() if g), HTML)
    for match in _MARKDOWN_LINK_RE.finditer(text):
        add(match.start(), match.end(), match.group(2), MARKDOWN)
    for match in _MARKDOWN_REF_RE.finditer(text):
        add(match.start(1), match.end(1), match.group(1), MARKDOWN)
    for match in _BBCODE_RE.finditer(text):
        add(match.start(), match.end(), match.group(1) or match.group(2), BBCODE)
    for match in _URL_RE.finditer(text):
        add(match.start(), match.end(), match.group(), URL)
    for match in _BARE_RE.finditer(text):
        host, tld, path = match.group(1), match.group(2).lower(), match.group(3)
        if _bare_domain_is_link(host, tld, path):
            add(match.start(), match.end(), match.group(), BARE)
    for match in _SPELLED_RE.finditer(text):
        labels = [label for label in _SPELLED_SEP_RE.split(match.group(1)) if label]
        tld = match.group(2)
        separators = _SPELLED_SEP_RE.findall(match.group(1))
        # A plain "name.tld" is the bare form above; here a separator must be disguised.
        if all(sep.strip() == "." and sep == "." for sep in separators):
            continue
        if not labels or labels[0].lower() in _NOT_NAMES:
            continue
        if tld.lower() not in TLDS or (tld != tld.lower() and "dot" not in match.group(1).lower()):
            continue
        host = ".".join([*labels, tld]).lower()
        add(match.start(), match.end(), host, SPELLED_OUT)
    order = sorted(range(len(links)), key=lambda i: spans[i][0])
    return [links[i] for i in order], sorted(spans)


def _bare_domain_is_link(host, tld, path):
    if tld in TLDS:
        return True
    if tld in WORDY_TLDS:
        name = host[: -len(tld) - 1]
        return (
            bool(path and len(path) > 1)
            or host.lower().startswith("www.")
            or bool(re.search(r"[\d-]", name))
        )
    return False


def _host(url):
    candidate = url.strip()
    candidate = re.sub(r"^hxxp", "http", candidate, flags=re.IGNORECASE)  # "defanged" links
    if "://" not in candidate[:12]:
        candidate = "http://" + candidate.lstrip("/")
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        return ""
    host = host.strip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    if "." not in host or len(host) > 253:
        return ""
    return host


def _cut(text, spans):
    """The text with its links (and any HTML or BBCode tags) taken out: what is left to read."""
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return _SPACE_RE.sub(" ", _TAG_RE.sub(" ", " ".join(pieces))).strip()

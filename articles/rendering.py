"""Turn an editor's Markdown into the sanitised HTML, table of contents and reading time that
an article stores.  Runs once per save, never per request.

Citation markers such as ``[1]`` become superscript links to the numbered references section
that the article page renders (``#ref-1``), each with an id (``cite-1``, ``cite-1-2`` for a
second citation of the same source) that the section links back to.

Markdown allows raw HTML, so its output is only trusted after nh3 has reduced it to the
tags and attributes below: editors' HTML is never trusted as is.
"""

import html
import math
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

WORDS_PER_MINUTE = 220

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
    "sup": {"id"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
}
# Markdown's table extension aligns columns with an inline style; nothing else is allowed.
ALLOWED_STYLE_PROPERTIES = {"text-align"}


@dataclass
class RenderedBody:
    html: str
    toc: list = field(default_factory=list)
    word_count: int = 0
    citations: list = field(default_factory=list)
    text: str = ""  # the body as plain text, for search and its excerpts

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))


class _DemoteH1(markdown.treeprocessors.Treeprocessor):
    """The page title is the only h1: a "# Heading" in the body becomes an h2."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _DemoteH1Extension(markdown.extensions.Extension):
    def extendMarkdown(self, md):
        # Above the toc extension's priority (5) so that anchors are made for the new h2s.
        md.treeprocessors.register(_DemoteH1(md), "pulse_demote_h1", 30)


# [12] but not a link's text "[12](…)", a reference link "[12][…]" or a definition "[12]:".
CITATION_PATTERN = r"\[(\d{1,3})\](?![(\[:])"


class _Citations(InlineProcessor):
    """[n] → <sup id="cite-n"><a href="#ref-n">[n]</a></sup> when reference n exists;
    any other number in brackets is left as the editor wrote it."""

    def __init__(self, pattern, md, reference_count):
        super().__init__(pattern, md)
        self.reference_count = reference_count
        self.seen = {}

    def handleMatch(self, match, data):
        number = int(match.group(1))
        if not 1 <= number <= self.reference_count:
            return None, None, None
        occurrence = self.seen[number] = self.seen.get(number, 0) + 1
        sup = etree.Element("sup")
        sup.set("id", citation_id(number, occurrence))
        link = etree.SubElement(sup, "a")
        link.set("href", f"#ref-{number}")
        link.text = AtomicString(f"[{number}]")
        return sup, match.start(0), match.end(0)


class _CitationExtension(markdown.extensions.Extension):
    def __init__(self, reference_count):
        self.reference_count = reference_count
        super().__init__()

    def extendMarkdown(self, md):
        # Before links (160) so that "[1]" is never read as a shortcut reference link, after
        # code spans (190) and escapes (180) so that `[1]` and \[1] stay as written.
        self.processor = _Citations(CITATION_PATTERN, md, self.reference_count)
        md.inlinePatterns.register(self.processor, "pulse_citations", 175)


def citation_id(number, occurrence=1):
    return f"cite-{number}" if occurrence == 1 else f"cite-{number}-{occurrence}"


def _toc_entries(tokens):
    """Markdown's toc tokens, reduced to what the template needs (h2 with their h3s)."""
    return [
        {
            "id": token["id"],
            "name": html.unescape(token["name"]),
            "children": [
                {"id": child["id"], "name": html.unescape(child["name"])}
                for child in token["children"]
            ],
        }
        for token in tokens
    ]


# Ids the page itself uses (templates/): a body heading must never take one of them.
RESERVED_IDS = re.compile(
    r"^(?:main|comments|write-comment|comment-form|site-nav|site-search|search-q|"
    r"(?:article|comments|write-comment|related|author-box|toc|error-summary)-title|"
    r"comment-\d+(?:-author)?|id_[\w-]+|(?:cite|ref)-[\d-]+|references|corrections|"
    r"medical-disclaimer)$"
)


def heading_slug(value, separator):
    """Markdown's own slugify, moved aside when it would clash with the page's ids."""
    slug = slugify_unicode(value, separator)
    return f"{slug}{separator}section" if RESERVED_IDS.match(slug) else slug


def render_markdown(source, reference_count=0):
    """Render an article body; returns sanitised HTML, a two-level TOC, a word count and the
    reference numbers the body cites (for the references section's back-links)."""
    citations = _CitationExtension(reference_count)
    md = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", _DemoteH1Extension(), citations],
        extension_configs={"toc": {"toc_depth": "2-3", "slugify": heading_slug}},
        output_format="html",
    )
    raw_html = md.convert(source or "")
    clean_html = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", clean_html)).split())
    return RenderedBody(
        html=clean_html,
        toc=_toc_entries(md.toc_tokens),
        word_count=len(re.findall(r"\w+", text)),
        citations=sorted(citations.processor.seen),
        text=text,
    )

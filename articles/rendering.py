"""Turn an editor's Markdown into the sanitised HTML, table of contents and reading time that
an article stores.  Runs once per save, never per request.

Citation markers such as ``[1]`` become superscript links to the numbered references section
that the article page renders (``#ref-1``), each with an id (``cite-1``, ``cite-1-2`` for a
second citation of the same source) that the section links back to.

Markdown allows raw HTML, so its output is only trusted after nh3 has reduced it to the
tags and attributes below: editors' HTML is never trusted as is, and keeps no ``id`` of its
own (only the ids Markdown gives headings and citations survive), so it can never take an
id the page itself uses.

Pictures come only from the media library: ``![alt](image:42 "caption")`` becomes a
``<figure>`` with a ``<picture>`` of the image's renditions (its data is handed in, worked out
by articles/figures.py in one query, so that this module needs no database and runs in a
child process too).  Any other picture (``![x](https://…)``, raw ``<img>``, an unknown id)
is left out, so that a reader's page never asks a third party for anything, and is listed in
``RenderedBody.problems`` for the editor's preview to explain.

Some inputs make Python-Markdown slow (thousands of unclosed "[" take seconds) or exhaust
its recursion; what an editor sends (the preview, the body field) is therefore rendered by
:func:`render_markdown_within`: capped in size, in a separate process that is stopped at
a deadline, so that no worker is ever tied up.
"""

import dataclasses
import html
import json
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from .figure_markdown import LibraryFiguresExtension, without_raw_pictures

WORDS_PER_MINUTE = 220
# The most an article body may hold (about 15,000 words; a long article is 20,000 characters).
MAX_SOURCE_CHARS = 100_000
PROJECT = Path(__file__).resolve().parent.parent

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "picture", "pre", "q", "s", "small", "source", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "figure": {"class"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "small": {"class"},
    "source": {"type", "srcset", "sizes"},
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
# Attributes that make a browser fetch something: only the renditions this render put in.
FETCHING_ATTRIBUTES = {"src", "srcset"}
EMPTY_PARAGRAPH_RE = re.compile(r"<p>\s*</p>\n?")


@dataclass
class RenderedBody:
    html: str
    toc: list = field(default_factory=list)
    word_count: int = 0
    citations: list = field(default_factory=list)
    text: str = ""  # the body as plain text, for search and its excerpts
    images: list = field(default_factory=list)  # ids of the library images shown, in order
    # Pictures left out, for the editor: {"code": "external_image" | "unknown_image" |
    # "html_image", "src": …, "alt": …}.
    problems: list = field(default_factory=list)

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


class _OwnIds(markdown.treeprocessors.Treeprocessor):
    """Notes the ids Markdown itself gave (headings, citations): the only ids the
    sanitiser lets through.  Raw HTML is not in the tree at this point (Markdown keeps it
    aside until the end), so none of its ids is noted."""

    def run(self, root):
        self.md.pulse_ids = {el.get("id") for el in root.iter() if el.get("id")}


# An id attribute in a raw HTML tag, however it is quoted or cased.
RAW_ID_RE = re.compile(r"""([<\s/])id\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)


class _NoRawIds(markdown.postprocessors.Postprocessor):
    """Takes every id out of the raw HTML Markdown kept aside, before it is put back: so
    that raw HTML cannot repeat an id Markdown gave (a heading's, a citation's) either.
    Its picture tags go too (noted for the editor): only the library's pictures show."""

    def run(self, text):
        stash = self.md.htmlStash
        blocks = []
        for block in stash.rawHtmlBlocks:
            if isinstance(block, str):
                without = without_raw_pictures(block)
                if without != block:
                    self.md.pulse_problems.append({"code": "html_image", "src": "", "alt": ""})
                block = RAW_ID_RE.sub(r"\1", without)
            blocks.append(block)
        stash.rawHtmlBlocks = blocks
        return text


class _OwnIdsExtension(markdown.extensions.Extension):
    def extendMarkdown(self, md):
        # After the toc extension (5) has given the headings their ids.
        md.treeprocessors.register(_OwnIds(md), "pulse_own_ids", 1)
        # Before the raw HTML goes back in (30).
        md.postprocessors.register(_NoRawIds(md), "pulse_no_raw_ids", 35)


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


def render_markdown(source, reference_count=0, images=None):
    """Render an article body; returns sanitised HTML, a two-level TOC, a word count, the
    reference numbers the body cites (for the references section's back-links), the library
    images it shows and the pictures it left out.  ``images`` maps an image id (as a string)
    to its figure data (articles/figures.py)."""
    citations = _CitationExtension(reference_count)
    md = markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            "toc",
            _DemoteH1Extension(),
            citations,
            LibraryFiguresExtension(images or {}),
            _OwnIdsExtension(),
        ],
        extension_configs={"toc": {"toc_depth": "2-3", "slugify": heading_slug}},
        output_format="html",
    )
    md.pulse_ids = set()
    md.pulse_image_urls, md.pulse_images, md.pulse_problems = set(), [], []
    raw_html = md.convert(source or "")
    own_ids = md.pulse_ids
    own_urls = md.pulse_image_urls

    def keep_own_ids(element, attribute, value):
        if attribute == "id":
            return value if value in own_ids else None
        if attribute in FETCHING_ATTRIBUTES:
            return value if value in own_urls else None
        return value

    clean_html = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_own_ids,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # A paragraph that held only a picture left out (raw HTML's is only seen here).
    clean_html = EMPTY_PARAGRAPH_RE.sub("", clean_html)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", clean_html)).split())
    return RenderedBody(
        html=clean_html,
        toc=_toc_entries(md.toc_tokens),
        word_count=len(re.findall(r"\w+", text)),
        citations=sorted(citations.processor.seen),
        text=text,
        images=md.pulse_images,
        problems=md.pulse_problems,
    )


class MarkdownError(Exception):
    """An editor's body that cannot be rendered within the limits.  ``code`` says why:
    "too_long", "too_slow" or "failed" (the admin words it for the editor)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def render_markdown_within(source, reference_count=0, *, seconds, images=None):
    """render_markdown, for text an editor just sent: refused past MAX_SOURCE_CHARS, and
    run in a child process that is killed after ``seconds`` (start-up included), so that
    pathological input answers at once with an error instead of tying up this worker."""
    source = source or ""
    if len(source) > MAX_SOURCE_CHARS:
        raise MarkdownError("too_long")
    request = json.dumps(
        {"source": source, "reference_count": reference_count, "images": images or {}}
    )
    try:
        done = subprocess.run(
            [sys.executable, "-m", "articles.rendering"],
            input=request, capture_output=True, text=True, timeout=seconds, cwd=PROJECT,
        )  # fmt: skip
    except subprocess.TimeoutExpired as error:  # subprocess.run has killed the child
        raise MarkdownError("too_slow") from error
    if done.returncode != 0:
        raise MarkdownError("failed")
    return RenderedBody(**json.loads(done.stdout))


def _render_request():
    """The child process's side: one render request on stdin, the result on stdout."""
    request = json.load(sys.stdin)
    rendered = render_markdown(
        request["source"], request["reference_count"], request.get("images")
    )
    json.dump(dataclasses.asdict(rendered), sys.stdout)


if __name__ == "__main__":
    _render_request()

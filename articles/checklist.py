"""The pre-publish checklist: what an editor should fix before an article goes out, computed
by the server from the body and the fields (never trusted from the browser).

Each check is a small function of a :class:`Draft` returning ``None`` when the article passes
or a detail in words when it does not.  Whether a failing check warns or blocks publishing is
the site's choice (``SiteSettings.blocking_checks``); a category that requires a medical
sign-off makes the medical review block for its articles whatever the site says.
"""

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import textstat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .rendering import CITATION_PATTERN, render_markdown

PASS, WARN, BLOCK = "pass", "warn", "block"

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
PUBMED_RE = re.compile(r"^\d{1,10}$")
SUMMARY_MAX = 160

# A figure a reader should be able to check: a percentage, a "1 in 4", or a number of two
# or more digits that is not a year (years are dates, not claims).
STATISTIC_RE = re.compile(
    r"\d+(?:[.,]\d+)?\s?(?:%|per ?cent\b)"
    r"|\b\d+\s+(?:in|out of)\s+\d+\b"
    r"|\b(?!(?:19|20)\d\d\b)\d[\d,.]*\d\b",
    re.IGNORECASE,
)
CITATION_RE = re.compile(CITATION_PATTERN)
# Markdown blocks that are not prose: headings, tables, code, block HTML.
NOT_PROSE_RE = re.compile(r"^\s*(?:#|\||```|~~~|<|    )")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
HEADING_RE = re.compile(r"<h([1-6])\b")


@dataclass
class Draft:
    """What the checks read: the article's fields, its rendered body and its references
    (a list of objects with position, url, doi and pubmed_id)."""

    article: object
    references: list
    html: str
    text: str
    blocking: frozenset
    target_grade: int
    review_interval_months: int
    disclaimer: str
    today: date = field(default_factory=timezone.localdate)


@dataclass(frozen=True)
class Item:
    name: str
    level: str  # PASS, WARN or BLOCK
    label: str
    detail: str = ""

    @property
    def blocks(self):
        return self.level == BLOCK


def prose_paragraphs(body):
    """The body's paragraphs and list items as plain-ish text (links reduced to their
    words), leaving out headings, tables and code."""
    paragraphs = []
    in_code = False
    for block in re.split(r"\n\s*\n", body or ""):
        if block.lstrip().startswith(("```", "~~~")):
            in_code = block.count("```") + block.count("~~~") == 1 and not in_code
            continue
        if in_code or NOT_PROSE_RE.match(block):
            continue
        for item in re.split(r"\n\s*(?:[-*+]|\d+[.)])\s+", "\n" + block):
            text = " ".join(LINK_RE.sub(r"\1", item).split())
            text = re.sub(r"^(?:[-*+>]|\d+[.)])\s+", "", text)
            if text:
                paragraphs.append(text)
    return paragraphs


def check_citations(draft):
    """Figures in a paragraph with no citation marker anywhere in that paragraph."""
    uncited = []
    for paragraph in prose_paragraphs(draft.article.body):
        if CITATION_RE.search(paragraph):
            continue
        for sentence in SENTENCE_END_RE.split(paragraph):
            if STATISTIC_RE.search(sentence):
                uncited.append(sentence.strip())
    if not uncited:
        return None
    quoted = "; ".join(f"“{sentence}”" for sentence in uncited[:3])
    more = len(uncited) - 3
    detail = ngettext(
        "A figure without a citation [n]: %(sentences)s",
        "Figures without a citation [n]: %(sentences)s",
        len(uncited),
    ) % {"sentences": quoted}
    if more > 0:
        detail += " " + ngettext("(and %d more)", "(and %d more)", more) % more
    return detail


def check_references(draft):
    problems = []
    for number, reference in enumerate(draft.references, start=1):
        if reference.doi and not DOI_RE.match(reference.doi):
            problems.append(
                _("reference %(n)d: the DOI does not look like 10.1000/xyz") % {"n": number}
            )
        if reference.pubmed_id and not PUBMED_RE.match(reference.pubmed_id):
            problems.append(_("reference %(n)d: a PubMed ID is digits only") % {"n": number})
        if reference.url:
            parts = urlsplit(reference.url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                problems.append(
                    _("reference %(n)d: the URL must start with https:// or http://")
                    % {"n": number}
                )
    cited = {int(number) for number in CITATION_RE.findall(draft.article.body or "")}
    missing = sorted(n for n in cited if n > len(draft.references) or n < 1)
    if missing:
        problems.append(
            _("the body cites %(cited)s but there are %(count)d references")
            % {"cited": ", ".join(f"[{n}]" for n in missing), "count": len(draft.references)}
        )
    if not problems:
        return None
    detail = "; ".join(str(problem) for problem in problems)
    return detail[0].upper() + detail[1:] + "."


def reading_grade(text):
    """The Flesch-Kincaid grade of plain text (textstat, offline: pyphen syllables)."""
    return textstat.flesch_kincaid_grade(text)


def check_reading_level(draft):
    if not draft.text.strip():
        return str(_("The body is empty."))
    grade = reading_grade(draft.text)
    if grade <= draft.target_grade:
        return None
    return str(
        _(
            "The body reads at grade %(grade).1f; the site aims for grade %(target)d or below. "
            "Shorter sentences and everyday words help."
        )
        % {"grade": grade, "target": draft.target_grade}
    )


def check_headings(draft):
    levels = [int(level) for level in HEADING_RE.findall(draft.html)]
    if not levels:
        return None
    if levels[0] != 2:
        return str(
            _("The first heading is h%(level)d; start with ## (h2).") % {"level": levels[0]}
        )
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            return str(
                _("An h%(after)d follows an h%(before)d: a heading level is skipped.")
                % {"after": after, "before": before}
            )
    return None


def check_summary(draft):
    summary = (draft.article.summary or "").strip()
    if not summary:
        return str(_("Write a summary: cards and search engines show it."))
    if len(summary) > SUMMARY_MAX:
        return str(
            _("The summary has %(count)d characters; search engines cut it after %(max)d.")
            % {"count": len(summary), "max": SUMMARY_MAX}
        )
    return None


def check_cover(draft):
    """An uploaded cover needs the article's description; a cover from the library has its
    own alt text (required there), which the article's description may override."""
    article = draft.article
    if article.cover_library_image_id:
        described = article.cover_alt or article.cover_library_image.alt_text
    elif article.cover_image:
        described = article.cover_alt
    else:
        return str(_("Add a cover image and describe it."))
    if not (described or "").strip():
        return str(_("Describe the cover image for readers who cannot see it."))
    return None


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def check_medical_review(draft):
    article = draft.article
    if not article.reviewer_id or not article.last_reviewed:
        return str(_("No medical reviewer has signed the article off yet."))
    expires = add_months(article.last_reviewed, draft.review_interval_months)
    due = article.next_review_due
    if (due and due < draft.today) or expires < draft.today:
        return str(
            _("The medical review of %(date)s is out of date; it needs a new sign-off.")
            % {"date": article.last_reviewed.isoformat()}
        )
    return None


def check_disclaimer(draft):
    if not draft.disclaimer.strip():
        return str(_("The site's medical disclaimer is empty (Articles › Site settings)."))
    return None


# name: (label, check).  The names are what SiteSettings.blocking_checks stores.
CHECKS = {
    "citations": (_("Figures are cited"), check_citations),
    "references": (_("References are well-formed"), check_references),
    "reading_level": (_("Reading level"), check_reading_level),
    "headings": (_("Headings in order"), check_headings),
    "summary": (_("Summary of at most 160 characters"), check_summary),
    "cover": (_("Cover image with a description"), check_cover),
    "medical_review": (_("Medical review signed off and current"), check_medical_review),
    "disclaimer": (_("Medical disclaimer"), check_disclaimer),
}


def choices():
    return [(name, label) for name, (label, _check) in CHECKS.items()]


def blocking_for(article, site):
    """The check names that stop this article being published."""
    blocking = set(site.blocking_checks or ()) & set(CHECKS)
    category = getattr(article, "category", None) if article.category_id else None
    if category is not None and category.requires_medical_signoff:
        blocking.add("medical_review")
    return frozenset(blocking)


@dataclass
class Sketch:
    """What the checks read of a rendered body (its headings and plain text), read from
    the Markdown source with a few expressions: for the live panel, which must stay cheap
    while an editor types (no Markdown rendering, so no pathological input to fear).  The
    panel made on save reads the real rendering."""

    html: str
    text: str


MARKDOWN_SYNTAX_RE = re.compile(r"[*_`>#|~]+|^\s*(?:[-+]|\d+[.)])\s+|\[\d{1,3}\]", re.MULTILINE)


def sketch(body):
    headings, prose = [], []
    # Pulse's Markdown has no fenced code blocks (articles/rendering.py): ``` is text there.
    for line in (body or "").splitlines():
        if line.startswith(("    ", "\t")):  # indented code
            continue
        heading = re.match(r"^(#{1,6})\s+\S", line)
        if heading:
            headings.append(f"<h{max(2, len(heading.group(1)))}>")  # # is shown as h2
            continue
        if re.match(r"^\s*\|?\s*:?-{3,}", line):  # a table's rule
            continue
        prose.append(LINK_RE.sub(r"\1", line))
    text = " ".join(MARKDOWN_SYNTAX_RE.sub(" ", "\n".join(prose)).split())
    return Sketch(html="".join(headings), text=text)


def draft_for(article, *, references=None, rendered=None, site=None):
    """A Draft of ``article`` as it stands in memory (a form's unsaved instance too): its
    stored rendering when the body is unchanged, otherwise the body rendered now."""
    from .models import SiteSettings

    site = site or SiteSettings.load()
    if rendered is not None:
        html, text = rendered.html, rendered.text
    elif article.body_html and article.body == article.loaded_body:
        html, text = article.body_html, article.body_text
    else:
        fresh = render_markdown(article.body)
        html, text = fresh.html, fresh.text
    if references is None:
        references = list(article.references.all()) if article.pk else []
    return Draft(
        article=article,
        references=references,
        html=html,
        text=text,
        blocking=blocking_for(article, site),
        target_grade=site.target_reading_grade,
        review_interval_months=site.review_interval_months,
        disclaimer=site.medical_disclaimer,
    )


def run(draft):
    """Every item of the checklist, in a stable order."""
    items = []
    for name, (label, check) in CHECKS.items():
        detail = check(draft)
        level = PASS if detail is None else BLOCK if name in draft.blocking else WARN
        items.append(Item(name=name, level=level, label=str(label), detail=detail or ""))
    return items


def check_article(article, **kwargs):
    return run(draft_for(article, **kwargs))


def blocking_items(items):
    return [item for item in items if item.blocks]

"""Comparing two versions of an article and restoring one.

A version is a django-simple-history record of the article's fields plus, in ``related``,
its references and corrections as they stood (articles/models.py ArticleVersionBase).  The
body is compared word by word (difflib on word and space tokens); the other fields one by
one; references by their number and corrections in their order.  What is computed here is
plain data: the template marks it up (<ins>/<del>), never this module.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .models import REFERENCE_FIELDS, Article, Correction, Reference, related_snapshot

TOKEN_RE = re.compile(r"\s+|[^\s]+")

# Fields a restore leaves as they are now: publishing and the medical sign-off are decisions
# of their own (made through the publishing service), not content to roll back.
KEPT_ON_RESTORE = {"status", "published_at", "reviewer", "last_reviewed", "next_review_due"}
# Not compared, or compared on their own (the body).
NOT_COMPARED = {"id", "body", "updated_at", "created_by"}


@dataclass
class Segment:
    """A run of the body: "equal", "insert" (only in the newer) or "delete" (only in the
    older)."""

    op: str
    text: str


@dataclass
class FieldChange:
    name: str
    label: str
    old: object
    new: object

    @property
    def changed(self):
        return self.old != self.new


@dataclass
class RowChange:
    """One reference or correction, on either side (None where it does not exist)."""

    label: str
    old: dict | None
    new: dict | None

    @property
    def changed(self):
        return self.old != self.new


def word_diff(old, new):
    """The two texts as (older side, newer side) lists of Segments: lines are matched first,
    then the words (and the spaces between them) of each changed run of lines, so that a
    changed word is marked and not the whole line, and a long body stays quick to compare
    (difflib is quadratic in what it is given)."""
    old_lines = (old or "").splitlines(keepends=True)
    new_lines = (new or "").splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    before, after = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_text, new_text = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if op == "equal":
            before.append(Segment("equal", old_text))
            after.append(Segment("equal", new_text))
        elif op == "replace":
            old_part, new_part = _words_diff(old_text, new_text)
            before += old_part
            after += new_part
        else:
            if old_text:
                before.append(Segment("delete", old_text))
            if new_text:
                after.append(Segment("insert", new_text))
    return _merge(before), _merge(after)


# Beyond this many token pairs, a changed run of lines is shown as replaced whole.
MAX_WORD_PAIRS = 4_000_000


def _words_diff(old, new):
    old_tokens, new_tokens = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    if len(old_tokens) * len(new_tokens) > MAX_WORD_PAIRS:
        return [Segment("delete", old)], [Segment("insert", new)]
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    before, after = [], []
    for op, i1, i2, j1, j2 in _joined(matcher.get_opcodes(), old_tokens):
        old_text, new_text = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if op == "equal":
            before.append(Segment("equal", old_text))
            after.append(Segment("equal", new_text))
            continue
        if old_text:
            before.append(Segment("delete", old_text))
        if new_text:
            after.append(Segment("insert", new_text))
    return before, after


def _joined(opcodes, old_tokens):
    """Opcodes with a lone space between two changes folded into them, so that "two
    tablets" → "one tablet" is one change, not two changes around an unchanged space."""
    opcodes = list(opcodes)
    joined = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        next_changes = index + 1 < len(opcodes) and opcodes[index + 1][0] != "equal"
        after_change = bool(joined) and joined[-1][0] != "equal"
        if op == "equal" and after_change and next_changes:
            op = "replace" if "".join(old_tokens[i1:i2]).isspace() else op
        if op != "equal" and after_change:
            joined[-1] = ("replace", joined[-1][1], i2, joined[-1][3], j2)
        else:
            joined.append((op, i1, i2, j1, j2))
    return joined


def _merge(segments):
    merged = []
    for segment in segments:
        if merged and merged[-1].op == segment.op:
            merged[-1].text += segment.text
        else:
            merged.append(segment)
    return merged


def compared_fields():
    return [
        field
        for field in Article.history.model._meta.fields
        if field.name not in NOT_COMPARED
        and not field.name.startswith("history_")
        and field.name != "related"
    ]


def display(record, field):
    """A field's value as an editor reads it: a choice's label, a related object's name."""
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    if field.is_relation:
        return getattr(record, field.name) or ""
    value = getattr(record, field.name)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else value


def field_changes(old, new):
    return [
        FieldChange(field.name, field.verbose_name, display(old, field), display(new, field))
        for field in compared_fields()
    ]


def _related(record):
    return record.related or {"references": [], "corrections": []}


def reference_changes(old, new):
    before, after = _related(old)["references"], _related(new)["references"]
    rows = []
    for index in range(max(len(before), len(after))):
        rows.append(
            RowChange(
                _("Reference %(n)d") % {"n": index + 1},
                before[index] if index < len(before) else None,
                after[index] if index < len(after) else None,
            )
        )
    return rows


def correction_changes(old, new):
    before, after = _related(old)["corrections"], _related(new)["corrections"]
    rows = []
    for index in range(max(len(before), len(after))):
        rows.append(
            RowChange(
                _("Correction %(n)d") % {"n": index + 1},
                before[index] if index < len(before) else None,
                after[index] if index < len(after) else None,
            )
        )
    return rows


@dataclass
class Comparison:
    old: object
    new: object
    body_old: list
    body_new: list
    fields: list
    references: list
    corrections: list

    @property
    def body_changed(self):
        return any(segment.op != "equal" for segment in self.body_old + self.body_new)

    @property
    def related_unknown(self):
        """Versions saved before references and corrections were versioned have none on
        record: the comparison says so rather than showing them as empty."""
        return not (self.old.related and self.new.related)


def compare(old, new):
    """Two history records of one article, the older first."""
    if (new.history_date, new.history_id) < (old.history_date, old.history_id):
        old, new = new, old
    body_old, body_new = word_diff(old.body, new.body)
    return Comparison(
        old=old,
        new=new,
        body_old=body_old,
        body_new=body_new,
        fields=field_changes(old, new),
        references=reference_changes(old, new),
        corrections=correction_changes(old, new),
    )


def refresh_snapshot(article):
    """After an admin save, whose inlines are saved after the article (and so after its
    version was recorded): the newest version takes the references and corrections as
    they now are."""
    latest = article.history.order_by("-history_date", "-history_id").first()
    if latest is not None:
        latest.related = related_snapshot(article.pk)
        latest.save(update_fields=["related"])


@transaction.atomic
def restore(user, article, record):
    """Put ``record``'s content back into ``article``: its fields (but not its status,
    publication date or medical sign-off: see KEPT_ON_RESTORE), its references and its
    corrections.  A new version records the result, so the version being replaced stays in
    the history and can itself be restored."""
    if record.id != article.pk:
        raise ValueError("the version belongs to another article")
    for field in compared_fields():
        if field.name in KEPT_ON_RESTORE:
            continue
        setattr(article, field.attname, getattr(record, field.attname))
    article.body = record.body
    if Article.objects.exclude(pk=article.pk).filter(slug=article.slug).exists():
        article.slug = Article.objects.values_list("slug", flat=True).get(pk=article.pk)
    snapshot = _related(record)
    article.references.all().delete()
    Reference.objects.bulk_create(
        Reference(article=article, **{name: row.get(name, "") for name in REFERENCE_FIELDS})
        for row in snapshot["references"]
    )
    article.corrections.all().delete()
    Correction.objects.bulk_create(
        Correction(article=article, date=date.fromisoformat(row["date"]), text=row["text"])
        for row in snapshot["corrections"]
    )
    article.render_body(force=True)  # its [n] markers link to the restored references
    article._history_user = user
    article._change_reason = _("Restored the version of %(date)s") % {
        "date": record.history_date.strftime("%Y-%m-%d %H:%M")
    }
    article.save()  # its version snapshots the references and corrections just put back
    return article

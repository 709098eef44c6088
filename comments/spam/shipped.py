"""The labelled corpus Pulse ships (``corpus/*.jsonl``), as training items.

Each line is one comment the team wrote: ``{"id", "text", "label": "spam" | "real", "kind",
"language"}``, optionally with the ``name`` and ``website`` a spammer would type.  Comments
without a name get one from ``corpus/names.txt``, so that the filter learns what keyword
names look like against people's names, not "a name at all".  Spintax templates are expanded
and spam texts get disguised copies (see ``variants``); every item remembers its ``source``
so a benchmark can split by source text.
"""

import json
import random
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import variants

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
SPAM = "spam"
REAL = "real"
# Disguised copies per spam text, and careless copies per real one.
DISGUISED_COPIES = 2
CARELESS_COPIES = 1
SPINTAX_TEXTS = 4


@dataclass(frozen=True)
class Entry:
    """One line of the corpus."""

    id: str
    text: str
    label: str
    kind: str
    language: str
    name: str = ""
    website: str = ""


@dataclass(frozen=True)
class Item:
    """One training text: an entry, an expansion of it or a disguised copy of it."""

    source: str
    text: str
    spam: bool
    kind: str
    language: str
    name: str
    website: str
    copy: bool = False  # a disguised or careless copy, not the text as written


@cache
def entries():
    """Every corpus entry, in file order."""
    found = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                if row.get("label") not in (SPAM, REAL) or not row.get("text"):
                    raise ValueError(f"{path.name}:{number}: needs a text and a spam/real label")
                found.append(Entry(**{key: row[key] for key in Entry.__annotations__
                                      if key in row}))  # fmt: skip
    return tuple(found)


@cache
def names():
    path = CORPUS_DIR / "names.txt"
    return tuple(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip())  # fmt: skip


def _seed(entry_id):
    return zlib.crc32(entry_id.encode())


def items_for(entry, *, copies=True):
    """The training items one entry gives."""
    seed = _seed(entry.id)
    spam = entry.label == SPAM
    name = entry.name or names()[seed % len(names())]

    def item(text, copy=False):
        return Item(entry.id, text, spam, entry.kind, entry.language, name, entry.website, copy)

    if entry.kind == "spintax":
        texts = variants.expand_spintax(entry.text, SPINTAX_TEXTS, random.Random(seed))
    else:
        texts = [entry.text]
    found = [item(text) for text in texts]
    if not copies:
        return found
    for index, text in enumerate(texts[:1] if entry.kind == "spintax" else texts):
        if spam:
            found += [item(copy, True) for copy in
                      variants.disguised(text, DISGUISED_COPIES, seed + index)]  # fmt: skip
        else:
            rng = random.Random(seed + index)
            found += [item(variants.careless(text, rng), True) for _ in range(CARELESS_COPIES)]
    return found


def items(*, copies=True):
    """Every training item of the shipped corpus."""
    return [item for entry in entries() for item in items_for(entry, copies=copies)]

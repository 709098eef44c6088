"""Two texts side by side, line against line, for the comparison pages: the rows are plain
data (kind, left line, right line) that a template lays out, so no HTML is made here."""

import difflib

KINDS = {"replace": "changed", "delete": "removed", "insert": "added"}


def side_by_side(left, right):
    """Rows of (kind, left line or None, right line or None); kind is "same", "changed",
    "removed" (only on the left) or "added" (only on the right)."""
    old, new = (left or "").splitlines(), (right or "").splitlines()
    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(("same", line, line) for line in old[i1:i2])
            continue
        removed, added = old[i1:i2], new[j1:j2]
        for index in range(max(len(removed), len(added))):
            rows.append(
                (
                    KINDS[tag],
                    removed[index] if index < len(removed) else None,
                    added[index] if index < len(added) else None,
                )
            )
    return rows

"""What changed between the approved text of a comment and its author's edit, word by
word, for the moderation queue and the moderators' email links."""

import re
from difflib import SequenceMatcher

# Words and the spaces between them, so that the pieces join back into the texts.
TOKENS_RE = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """[(kind, text)] with kind "same", "del" (only in ``old``) or "ins" (only in
    ``new``); "del" comes before "ins" where words were replaced."""
    before, after = TOKENS_RE.findall(old or ""), TOKENS_RE.findall(new or "")
    pieces = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("del", "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("ins", "".join(after[j1:j2])))
    return pieces

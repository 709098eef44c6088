"""Characters that have no place in what readers type, and what each output does with
whatever is stored anyway.

The forms refuse C0 control characters (and DEL) with a message beside the field; only a
comment's text may hold tabs and line breaks.  Every output still cleans what it writes,
because stored data may predate the forms or come from elsewhere: feeds drop what XML 1.0
cannot carry, email headers get one plain line, email bodies lose invisible codes.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 controls and DEL; tab, LF and CR are allowed in a comment's text.
LINE_CONTROLS_RE = re.compile("[\x00-\x1f\x7f]")
TEXT_CONTROLS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What XML 1.0 cannot carry at all (its Char production), surrogates included.
NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Anything that breaks or hides a line in a header: controls, and Unicode's line breaks.
HEADER_BREAKS_RE = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]+")


def _describe(char):
    return f"U+{ord(char):04X}"


def validate_single_line(value):
    """For names, emails and websites: no line breaks, tabs or other control characters."""
    found = LINE_CONTROLS_RE.search(value or "")
    if found:
        if found.group() in "\r\n":
            raise ValidationError(
                _("Keep this on one line: it contains a line break."), code="line_break"
            )
        raise ValidationError(
            _("This contains an invisible control character (%(char)s). Please remove it."),
            code="control_character",
            params={"char": _describe(found.group())},
        )


def validate_text(value):
    """For a comment's text and a report's details: line breaks and tabs are fine, other
    control characters are not."""
    found = TEXT_CONTROLS_RE.search(value or "")
    if found:
        raise ValidationError(
            _(
                "Your text contains an invisible control character (%(char)s) that cannot "
                "be published. Please remove it; the rest of what you typed is kept."
            ),
            code="control_character",
            params={"char": _describe(found.group())},
        )


def xml_safe(text):
    """``text`` without the characters an XML 1.0 document cannot hold (feeds)."""
    return NOT_XML_RE.sub("", str(text)) if text else text


def header_safe(text, limit=150):
    """One plain line for an email header: no line break or control character survives,
    so a stored name can never add a header or fail the message."""
    line = " ".join(HEADER_BREAKS_RE.sub(" ", str(text or "")).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def plain_text(text):
    """An email body's share of stored text: line breaks kept, other controls dropped."""
    return TEXT_CONTROLS_RE.sub("", str(text or "")).replace("\r\n", "\n").replace("\r", "\n")

"""{% table_of_contents %}: the article's sections and their subsections as nested lists.
Written in Python: a template loop costs a tag evaluation per attribute per heading, and
this is on every article page."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def table_of_contents(toc):
    """``toc`` is Article.toc: [{"id", "name", "children": [{"id", "name"}]}], plain text.
    Every value is escaped here (html.escape, as Django's escape() does), so the list is
    safe HTML."""
    return mark_safe(f"<ol>{''.join(_entry(entry) for entry in toc)}</ol>")


def _entry(entry):
    children = entry.get("children") or ()
    nested = "".join(_link(child) + "</li>" for child in children)
    return _link(entry) + (f"<ol>{nested}</ol>" if nested else "") + "</li>"


def _link(entry):
    return f'<li><a href="#{escape(entry["id"])}">{escape(entry["name"])}</a>'

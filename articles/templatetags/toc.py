"""{% table_of_contents %}: the article's sections and their subsections as nested lists.
Written in Python: a template loop costs a tag evaluation per attribute per heading, and
this is on every article page."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def table_of_contents(toc):
    """``toc`` is Article.toc: [{"id", "name", "children": [{"id", "name"}]}], plain text."""
    return format_html("<ol>{}</ol>", format_html_join("", "{}", ((_entry(e),) for e in toc)))


def _entry(entry):
    children = entry.get("children")
    nested = (
        format_html(
            "<ol>{}</ol>",
            format_html_join(
                "", '<li><a href="#{}">{}</a></li>', ((c["id"], c["name"]) for c in children)
            ),
        )
        if children
        else ""
    )
    return format_html('<li><a href="#{}">{}</a>{}</li>', entry["id"], entry["name"], nested)

"""{% table_of_contents %}: the article's sections and their subsections as nested lists
(templates/includes/table-of-contents.html)."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/table-of-contents.html")
def table_of_contents(toc):
    """``toc`` is Article.toc: [{"id", "name", "children": [{"id", "name"}]}], plain text."""
    return {"toc": toc}

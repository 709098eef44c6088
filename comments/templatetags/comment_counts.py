"""Comment counts for a list of article cards, in one query for the whole list.

The articles app never names comments (not even as a reverse relation in a queryset), so its
listing templates ask this library: ``{% comment_counts articles as counts %}`` once, then
``{{ counts|count_for:article }}`` on each card."""

from django import template
from django.db.models import Count

from ..models import Comment

register = template.Library()


@register.simple_tag
def comment_counts(*articles):
    """{article pk: number of public comments} for the given articles and lists of them."""
    ids = set()
    for item in articles:
        if hasattr(item, "pk"):
            ids.add(item.pk)
        elif item:
            ids.update(article.pk for article in item)
    if not ids:
        return {}
    rows = (
        Comment.objects.public()
        .filter(article_id__in=ids)
        .order_by()
        .values_list("article_id")
        .annotate(count=Count("pk"))
    )
    return dict(rows)


@register.filter
def count_for(counts, article):
    return counts.get(article.pk, 0) if counts else 0

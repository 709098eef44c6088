"""The moderation summary at the top of the admin index."""

from django import template
from django.db.models import Count, Q

from ..models import Comment

register = template.Library()


@register.inclusion_tag("admin/comments/moderation-summary.html", takes_context=True)
def moderation_summary(context):
    request = context["request"]
    if not request.user.has_perm("comments.moderate_comment"):
        return {"show": False}
    counts = Comment.objects.aggregate(
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        urgent=Count("pk", filter=Q(status=Comment.Status.PENDING, urgent=True)),
        reported=Count("pk", filter=Q(report_count__gt=0, status__in=["pending", "approved"])),
        spam=Count("pk", filter=Q(status=Comment.Status.SPAM)),
    )
    return {"show": True, **counts}

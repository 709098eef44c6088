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
    waiting_edit = Q(status=Comment.Status.APPROVED, pending_since__isnull=False)
    counts = Comment.objects.aggregate(
        # The queue's "Pending" list: held comments and edits waiting beside approved ones.
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING) | waiting_edit),
        urgent=Count("pk", filter=Q(status=Comment.Status.PENDING, urgent=True)),
        reported=Count(
            "pk",
            filter=Q(
                report_count__gt=0,
                status__in=[Comment.Status.PENDING, Comment.Status.APPROVED],
            ),
        ),
        spam=Count("pk", filter=Q(status=Comment.Status.SPAM)),
    )
    return {"show": True, **counts}

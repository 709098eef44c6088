"""Template tags that put an article's comments on its page, so the articles app never
imports this one."""

from django import template
from django.utils.translation import ngettext

from ..forms import CommentForm
from ..models import Comment
from ..threads import build_thread

register = template.Library()


@register.inclusion_tag("comments/comment_section.html", takes_context=True)
def comment_section(context, article):
    """The "N Comments" heading, the approved thread and the comment form.

    A bound form left in the context by the post view (``comment_form``) is shown with its
    errors; otherwise a fresh one, set to reply to ``?replyto=ID`` when that is a public
    comment in this thread (the no-JavaScript Reply link).
    """
    request = context["request"]
    nodes = build_thread(Comment.objects.thread_for(article))
    form = context.get("comment_form")
    reply_to = None
    if form is None:
        reply_to = _reply_target(request.GET.get("replyto"), nodes)
        initial = {"parent": reply_to.pk} if reply_to else {}
        form = CommentForm(article=article, initial=initial)
    elif form.parent_comment is not None:
        reply_to = form.parent_comment
    count = len(nodes)
    return {
        "request": request,
        "article": article,
        "nodes": nodes,
        "count": count,
        "count_label": ngettext("%(count)d Comment", "%(count)d Comments", count)
        % {"count": count},
        "form": form,
        "reply_to": reply_to,
        "messages": context.get("messages", ()),
    }


def _reply_target(raw_id, nodes):
    """The public comment a ?replyto= link names, or None (never a query, never an error)."""
    if not raw_id or not (raw_id.isascii() and raw_id.isdigit()):
        return None
    wanted = int(raw_id)
    return next((node.comment for node in nodes if node.comment.pk == wanted), None)

"""Template tags that put an article's comments on its page, so the articles app never
imports this one."""

from dataclasses import dataclass
from datetime import timedelta

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import ngettext

from core import pagecache
from core.siteurl import absolute

from .. import tokens
from ..forms import CommentForm
from ..models import Comment, DiscussionSettings
from ..structured_data import comments_graph
from ..threads import build_thread, paginate_thread

register = template.Library()


@dataclass(frozen=True, slots=True)
class ThreadLinks:
    """What the comment template needs once per page, not per comment."""

    article: str
    editable: frozenset


@register.inclusion_tag("comments/comment_section.html", takes_context=True)
def comment_section(context, article):
    """The "N Comments" heading, one page of the approved thread and the comment form.

    A bound form left in the context by the post view (``comment_form``) is shown with its
    errors; otherwise a fresh one, set to reply to ``?replyto=ID`` when that is a public
    comment in this thread (the no-JavaScript Reply link).  A reader's own comments still
    waiting for a moderator are shown to them in place, marked as such.
    """
    request = context["request"]
    discussion = DiscussionSettings.load()
    owned = tokens.owned_comment_ids(request)
    public = Comment.objects.thread_for(article)
    nodes = build_thread(_with_own_pending(public, article, owned))
    page = paginate_thread(
        nodes,
        per_page=discussion.comments_per_page,
        page=_page_number(request.GET.get("cpage")),
        newest_first=discussion.order == DiscussionSettings.Order.NEWEST,
    )
    accepts = discussion.accepts_comments(article)
    pagecache.expire_at(request, discussion.closes_at(article))
    form = context.get("comment_form")
    reply_to = None
    if form is None:
        reply_to = _reply_target(request.GET.get("replyto"), article)
        initial = tokens.remembered_commenter(request)
        if reply_to:
            initial["parent"] = reply_to.pk
        form = CommentForm(
            article=article, discussion=discussion, user=request.user, initial=initial
        )
    elif form.parent_comment is not None:
        reply_to = form.parent_comment
    count = sum(1 for node in nodes if not node.comment.awaiting)
    form_html = ""
    if accepts:
        # Signed-in readers post with Django's CSRF token; anonymous pages carry none
        # (core/origin.py), so that they are the same bytes for everyone.
        signed_in = request.user.is_authenticated
        form.helper.disable_csrf = not signed_in
        token = get_token(request) if signed_in else None
        form_html = render_crispy_form(form, context={"csrf_token": token})
    page_url = absolute(article.get_absolute_url())
    if page.number > 1:
        page_url += f"?cpage={page.number}"
    return {
        "request": request,
        "article": article,
        "nodes": page.nodes,
        "links": ThreadLinks(
            article=article.get_absolute_url(), editable=_editable_ids(owned, page.nodes)
        ),
        "thread_page": page,
        "count": count,
        "count_label": ngettext("%(count)d Comment", "%(count)d Comments", count)
        % {"count": count},
        "form": form,
        "form_html": form_html,
        "structured_data": comments_graph(page.nodes, count=count, page_url=page_url)
        if count
        else None,
        "reply_to": reply_to,
        "accepts_comments": accepts,
        "sign_in_required": discussion.who_can_comment == DiscussionSettings.Who.USERS
        and not request.user.is_authenticated,
        "messages": context.get("messages", ()),
    }


def _with_own_pending(public, article, owned):
    """The public thread, and this browser's own comments that wait for a moderator (one
    more query, only for a browser that has posted), oldest first."""
    if not owned:
        return public
    mine = Comment.objects.own_pending(article, owned)
    if not mine:
        return public
    return sorted([*public, *mine], key=lambda row: (row.created_at, row.pk))


def _page_number(raw):
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 6 else 1


def _reply_target(raw_id, article):
    """The public comment a ?replyto= link names, or None (garbage is ignored, never a 500)."""
    if not raw_id or not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 18:
        return None
    candidate = Comment.objects.filter(article=article, pk=int(raw_id)).first()
    return candidate if candidate is not None and candidate.is_public_in_thread() else None


def _editable_ids(owned, nodes):
    """Comments on this page that this browser posted minutes ago (edit / delete links)."""
    if not owned:
        return frozenset()
    cutoff = timezone.now() - timedelta(minutes=settings.PULSE_COMMENT_EDIT_MINUTES)
    return frozenset(
        node.comment.pk
        for node in nodes
        if node.comment.pk in owned and node.comment.created_at >= cutoff
    )

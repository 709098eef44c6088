"""Template tags that put an article's comments on its page, so the articles app never
imports this one."""

from datetime import timedelta

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from articles import pagecache

from .. import tokens
from ..forms import CommentForm
from ..models import Comment, DiscussionSettings
from ..structured_data import comments_graph
from ..thread_html import render_thread
from ..threads import build_thread, paginate_thread

register = template.Library()
# {(build, article pk, slug, language): the empty form's punched HTML}, per process.
_EMPTY_FORMS = {}
_EMPTY_FORMS_LIMIT = 2048
_FRESH = pagecache.fresh_inputs()


@register.inclusion_tag("comments/comment_section.html", takes_context=True)
def comment_section(context, article):
    """The "N Comments" heading, one page of the approved thread and the comment form.

    A bound form left in the context by the post view (``comment_form``) is shown with its
    errors; otherwise a fresh one, set to reply to ``?replyto=ID`` when that is a public
    comment in this thread (the no-JavaScript Reply link).
    """
    request = context["request"]
    discussion = DiscussionSettings.load()
    nodes = build_thread(Comment.objects.thread_for(article))
    page = paginate_thread(
        nodes,
        per_page=discussion.comments_per_page,
        page=_page_number(request.GET.get("cpage")),
        newest_first=discussion.order == DiscussionSettings.Order.NEWEST,
    )
    form = context.get("comment_form")
    reply_to = None
    if form is None:
        reply_to = _reply_target(request.GET.get("replyto"), article)
        initial = tokens.remembered_commenter(request)
        if reply_to:
            initial["parent"] = reply_to.pk

        def make_form():
            return CommentForm(
                article=article, discussion=discussion, user=request.user, initial=initial
            )

        # An empty form is the same for everyone: built only when its HTML is not kept.
        form = make_form() if initial else None
    elif form.parent_comment is not None:
        reply_to = form.parent_comment
    count = len(nodes)
    accepts = discussion.accepts_comments(article)
    if not accepts:
        form_html = ""
    elif form is None:
        form_html = _empty_form_html(request, article, make_form)
    else:
        form_html = render_crispy_form(form, context={"csrf_token": get_token(request)})
    return {
        "request": request,
        "article": article,
        "nodes": page.nodes,
        "thread_html": render_thread(
            page.nodes,
            article=article,
            accepts_comments=accepts,
            editable_ids=_editable_ids(request, page.nodes),
        ),
        "thread_page": page,
        "count": count,
        "count_label": ngettext("%(count)d Comment", "%(count)d Comments", count)
        % {"count": count},
        "form": form,
        "form_html": form_html,
        "structured_data": comments_graph(
            page.nodes,
            count=count,
            page_url=request.build_absolute_uri(article.get_absolute_url()),
        )
        if count
        else None,
        "reply_to": reply_to,
        "accepts_comments": accepts,
        "sign_in_required": discussion.who_can_comment == DiscussionSettings.Who.USERS
        and not request.user.is_authenticated,
        "messages": context.get("messages", ()),
    }


def _page_number(raw):
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 6 else 1


def _reply_target(raw_id, article):
    """The public comment a ?replyto= link names, or None (garbage is ignored, never a 500)."""
    if not raw_id or not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 18:
        return None
    candidate = Comment.objects.filter(article=article, pk=int(raw_id)).first()
    return candidate if candidate is not None and candidate.is_public_in_thread() else None


def _editable_ids(request, nodes):
    """Comments on this page that this browser posted minutes ago (edit / delete links)."""
    owned = tokens.owned_comment_ids(request)
    if not owned:
        return set()
    cutoff = timezone.now() - timedelta(minutes=settings.PULSE_COMMENT_EDIT_MINUTES)
    return {
        node.comment.pk
        for node in nodes
        if node.comment.pk in owned and node.comment.created_at >= cutoff
    }


def _empty_form_html(request, article, make_form):
    """The empty comment form's HTML.  crispy-forms takes milliseconds per render, and the
    empty form is the same for every reader but for the CSRF token and the signed
    timestamp; so each process renders it once per article (and release), and those values
    are filled in per request (the page cache's punch / fill)."""
    key = (pagecache.build_id(), article.pk, article.slug, get_language())
    html = _EMPTY_FORMS.get(key)
    if html is None:
        rendered = render_crispy_form(make_form(), context={"csrf_token": get_token(request)})
        html = pagecache.punch(rendered, _FRESH)
        if len(_EMPTY_FORMS) >= _EMPTY_FORMS_LIMIT:
            _EMPTY_FORMS.clear()
        _EMPTY_FORMS[key] = html
    # Safe: crispy's own rendering of our form, with escaped per-reader values filled in.
    return mark_safe(pagecache.fill(html, request, _FRESH))

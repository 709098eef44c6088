"""Template tags that put an article's comments on its page, so the articles app never
imports this one."""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from core import pagecache
from core.memo import Memo

from .. import tokens
from ..forms import CommentForm
from ..models import Comment, DiscussionSettings
from ..structured_data import comments_graph
from ..threads import build_thread, paginate_thread

register = template.Library()
# A comment's HTML, kept by everything it is rendered from: a thread page rendered again
# after one comment is approved renders that one comment, not the hundreds beside it.
# Bounded: a key holds the comment's HTML twice (source and output), about 2 KB, so 5,000
# comments (some 25 long thread pages) take about 10 MB of each process.
_comments_html = Memo(limit=5_000)
# The empty comment form, the same for every anonymous reader but for its signed
# timestamp, which is renewed every FORM_SECONDS (spam checks read it to the minute).
_empty_forms = Memo(limit=1024)
FORM_SECONDS = 300
# Threads longer than this are laid out from their outline (_thread_page); the articles
# seen with one, remembered per process.
LONG_THREAD = 200
_long_threads = set()
# The thread as an article page shows it (its count and one page of it), kept under that
# page's generations in the page cache: every change to the thread gives the page a new
# one (comments/pages.py), so what is kept here is never stale, and the page made again
# without a change (in another process's first visit, after the page cache's timeout, or
# for ?replyto=) reads no comments.  Bounded: a key holds up to one page's rows, some
# 180 comments' text in a long thread, so 64 keys take at most some 20 MB of a process.
_thread_pages = Memo(limit=64)


@dataclass(frozen=True, slots=True)
class ThreadLinks:
    """What the comment template needs once per page, not per comment."""

    article: str
    editable: frozenset
    # What else a comment's HTML depends on: release, language, time zone, script prefix.
    scope: tuple


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
    count, page = _shown_thread(
        request,
        article,
        owned,
        {
            "per_page": discussion.comments_per_page,
            "page": _page_number(request.GET.get("cpage")),
            "newest_first": discussion.order == DiscussionSettings.Order.NEWEST,
        },
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
        new_form = partial(
            CommentForm, article=article, discussion=discussion, user=request.user,
            initial=initial,
        )  # fmt: skip
        form_html = (
            _new_form_html(request, article, new_form, empty=not initial) if accepts else ""
        )
    else:
        reply_to = form.parent_comment
        form_html = _form_html(request, form) if accepts else ""
    return {
        "request": request,
        "article": article,
        "nodes": page.nodes,
        "links": ThreadLinks(
            article=article.get_absolute_url(),
            editable=_editable_ids(owned, page.nodes),
            scope=(
                settings.PULSE_RELEASE,
                get_language(),
                timezone.get_current_timezone_name(),
                get_script_prefix(),
            ),
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
            article_url=article.get_absolute_url(),
            page=page.number,
            num_pages=page.num_pages,
        )
        if count
        else None,
        "reply_to": reply_to,
        "accepts_comments": accepts,
        "sign_in_required": discussion.who_can_comment == DiscussionSettings.Who.USERS
        and not request.user.is_authenticated,
        "messages": context.get("messages", ()),
    }


@register.simple_tag(takes_context=True)
def comment_html(context, node):
    """comments/comment.html for one thread row, rendered once for what it shows."""
    comment = node.comment
    links = context["links"]
    accepts = context["accepts_comments"]
    key = (
        links.scope, links.article, accepts, comment.pk in links.editable,
        comment.pk, comment.author_name, comment.author_website, comment.body_html,
        comment.created_at, comment.by_article_author, comment.by_staff, comment.awaiting,
    )  # fmt: skip
    return _comments_html.get(
        key,
        lambda: mark_safe(  # our template's output: escaped values and nh3's body HTML
            get_template("comments/comment.html").render(
                {"comment": comment, "links": links, "accepts_comments": accepts}
            )
        ),
    )


def _form_html(request, form):
    """Signed-in readers post with Django's CSRF token; anonymous pages carry none
    (core/origin.py), so that they are the same bytes for everyone."""
    if request.user.is_authenticated:
        return render_crispy_form(form, context={"csrf_token": get_token(request)})
    form.helper.disable_csrf = True
    return render_crispy_form(form)


def _new_form_html(request, article, new_form, *, empty):
    """A fresh form.  An anonymous reader's empty one is rendered once per article every
    FORM_SECONDS, and only then made."""
    if not empty or request.user.is_authenticated:
        return _form_html(request, new_form())
    key = (
        settings.PULSE_RELEASE, get_language(), get_script_prefix(), article.pk, article.slug,
        int(timezone.now().timestamp() // FORM_SECONDS),
    )  # fmt: skip
    return _empty_forms.get(key, lambda: mark_safe(_form_html(request, new_form())))


def _shown_thread(request, article, owned, layout):
    """The number of comments the page counts, and the page of the thread it shows
    (``layout``: paginate_thread's options).  Kept (_thread_pages) for an anonymous
    reader's article page the page cache serves; a page of the reader's own, a preview or
    a page the cache could not answer for is laid out from the database every time.
    What is kept is shared: nothing changes it after this."""

    def lay_out():
        nodes, page = _thread_page(article, owned, partial(paginate_thread, **layout))
        return sum(1 for node in nodes if not node.comment.awaiting), page

    generations = getattr(request, "page_cache_generations", ("-",))
    if owned or "-" in generations or request.path != article.get_absolute_url():
        return lay_out()
    key = (*generations, request.path, article.pk, *sorted(layout.items()))
    return _thread_pages.get(key, lay_out)


def _thread_page(article, owned, paginate):
    """The whole thread's nodes and the page of it shown.  A thread of up to LONG_THREAD
    comments comes in one query.  A longer one is laid out from its outline (ids and
    parents), and only the comments its page shows are read whole: the 1,000-comment
    thread reads some 180 comments' text and dates, not 1,000.  Each process remembers
    which articles have long threads, to read those by their outline first (a hint
    only: a wrong one costs a query, never a wrong page)."""
    if owned:  # this browser's own waiting comments sort in by date: whole rows
        public = Comment.objects.thread_for(article)
        nodes = build_thread(_with_own_pending(public, article, owned))
        return nodes, paginate(nodes)
    rows = []
    if article.pk not in _long_threads:
        rows = Comment.objects.thread_for(article, limit=LONG_THREAD + 1)
        if len(rows) <= LONG_THREAD:
            nodes = build_thread(rows)
            return nodes, paginate(nodes)
    outline = Comment.objects.thread_outline(article)
    _remember_length(article, long=len(outline) > LONG_THREAD)
    nodes = build_thread(outline)
    page = paginate(nodes)
    known = {row.pk: row for row in rows}
    unread = [node.comment.pk for node in page.nodes if node.comment.pk not in known]
    known.update(Comment.objects.thread_rows(unread))
    if any(node.comment.pk not in known for node in page.nodes):
        # Moderated between the two reads: lay the thread out again from whole rows.
        nodes = build_thread(Comment.objects.thread_for(article))
        return nodes, paginate(nodes)
    for node in page.nodes:
        node.comment = known[node.comment.pk]
    return nodes, page


def _remember_length(article, *, long):
    if not long:
        _long_threads.discard(article.pk)
        return
    if len(_long_threads) >= 10_000:  # bounded, as the memos are
        _long_threads.clear()
    _long_threads.add(article.pk)


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

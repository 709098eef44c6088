"""The comment thread's HTML, written in Python in one pass.

A thread of a thousand comments is the page's hot path.  Rendering it through the template
engine costs a tag evaluation per attribute and a URL reversal per link per comment (what
makes django-comments-xtd slow); here every per-page value (labels, URL patterns, month
names) is computed once and each comment costs one ``str.format`` with escaped values.
Comment bodies are the HTML that nh3 produced when the comment was saved
(comments/rendering.py); every other value is escaped here, with the standard library's
html.escape (what Django's escape() calls, without its lazy-string wrapper per call).
"""

from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# A pk no comment will have, reversed once per page and swapped for each comment's pk.
_SENTINEL = 2_147_483_647

# Compact on purpose: a thousand comments must not weigh a megabyte.  The links' purpose is
# clear from their comment (WCAG 2.4.4, in context); styling hangs on these few classes.
COMMENT_HTML = (
    '<li class="comment{author_class}" id="comment-{pk}">'
    '<article class="comment-card"><header class="comment-header">'
    '<span class="avatar tone-{tone}" aria-hidden="true">{initials}</span><div>'
    '<p class="comment-author">{name}{badge}</p>'
    '<a class="comment-permalink" href="#comment-{pk}"><time datetime="{iso}">{when}</time></a>'
    "</div></header>"
    '<div class="comment-text">{body}</div>'
    '<p class="comment-actions">{reply}{own}'
    '<a href="{report_url}" rel="nofollow">{report}</a></p>'
    "</article>"
)
REPLY_HTML = (
    '<a class="comment-reply" href="{article_url}?replyto={pk}#write-comment" '
    'data-reply-to="{pk}">{reply}<span class="visually-hidden"> {reply_hint}</span></a>'
)
OWN_HTML = '<a href="{edit_url}">{edit}</a> <a href="{delete_url}">{delete}</a>'


def _url_pattern(name):
    """A reversed URL with a placeholder for the pk: reverse() once per page, not per comment."""
    url = escape(reverse(name, args=[_SENTINEL]))
    return lambda pk: url.replace(str(_SENTINEL), str(pk))


def month_name(months, number):
    if number not in months:
        months[number] = str(MONTHS[number])
    return months[number]


def _badge(comment, labels):
    if comment.by_article_author:
        return labels["badge"]
    return labels["staff_badge"] if comment.by_staff else ""


def render_thread(nodes, *, article, accepts_comments, editable_ids=frozenset()):
    """The nested <ol> of ``nodes`` (from comments.threads), as safe HTML."""
    if not nodes:
        return ""
    months = {}  # month number: its translated name, looked up once per page
    labels = {
        "reply": escape(gettext("Reply")),
        "report": escape(gettext("Report")),
        "edit": escape(gettext("Edit")),
        "delete": escape(gettext("Delete")),
        "badge": f' <span class="badge author-badge">{escape(gettext("Author"))}</span>',
        # A reply a moderator wrote from the queue (the article's author, if staff, keeps
        # the Author badge).
        "staff_badge": (
            f' <span class="badge author-badge staff-badge">{escape(gettext("Staff"))}</span>'
        ),
    }
    reply_to = gettext("to %(name)s")
    report_url = _url_pattern("comments:report")
    edit_url = _url_pattern("comments:edit")
    delete_url = _url_pattern("comments:delete")
    article_url = escape(article.get_absolute_url())
    current_tz = timezone.get_current_timezone()

    out = ['<ol class="comment-list list-unstyled">']
    append = out.append
    for node in nodes:
        comment = node.comment
        pk = comment.pk
        name = escape(comment.author_name)
        if comment.author_website:
            name_html = (
                f'<a href="{escape(comment.author_website)}" rel="nofollow ugc noopener">'
                f"{name}</a>"
            )
        else:
            name_html = name
        local = comment.created_at.astimezone(current_tz)
        reply = ""
        if accepts_comments:
            reply = REPLY_HTML.format(
                article_url=article_url, pk=pk, reply=labels["reply"],
                reply_hint=escape(reply_to % {"name": comment.author_name}),
            )  # fmt: skip
        own = ""
        if pk in editable_ids:
            own = OWN_HTML.format(
                edit_url=edit_url(pk), edit=labels["edit"],
                delete_url=delete_url(pk), delete=labels["delete"],
            ) + " "  # fmt: skip
        append(
            COMMENT_HTML.format(
                pk=pk,
                author_class=" by-author" if comment.by_article_author or comment.by_staff else "",
                tone=comment.avatar_tone,
                initials=escape(comment.initials),
                name=name_html,
                badge=_badge(comment, labels),
                iso=local.isoformat(timespec="seconds"),
                when=f"{local.day} {month_name(months, local.month)} {local.year}, {local:%H:%M}",
                body=comment.body_html,
                reply=reply,
                own=own,
                report_url=report_url(pk),
                report=labels["report"],
            )
        )
        if node.has_replies:
            append('<ol class="comment-replies list-unstyled">')
        else:
            append("</li>" + "</ol></li>" * len(node.closes))
    append("</ol>")
    # Safe: every value above is escaped, and bodies are nh3 output.
    return mark_safe("".join(out))

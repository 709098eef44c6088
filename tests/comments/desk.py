"""Helpers shared by the moderator's-desk tests (unit and browser): queues to work, and
reading the queue's rows back out of its HTML."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from comments.models import Comment

QUEUE = reverse("admin:comments_comment_changelist")
DASHBOARD = reverse("admin:comments_dashboard_changelist")

LONG_BODY = "\n\n".join(
    f"Paragraph {n}: I was prescribed this after surgery and the first weeks were hard; "
    "my pharmacist explained how to taper and what to watch for, which helped a lot."
    for n in range(1, 9)
)


def fill_queue(make_comment, article, count, names=None, **fields):
    """``count`` pending comments, one a minute apart (the first is the oldest), each by
    its own commenter; some with reasons, one long, one a reply to a published comment."""
    start = timezone.now() - timedelta(hours=2)
    parent = make_comment(article, author_name="Pat", body="Has anyone tried tapering slowly?")
    comments = []
    for index in range(count):
        name = names[index] if names else f"Reader {index}"
        values = {
            "author_name": name,
            "author_email": f"{name.lower().replace(' ', '.')}@example.com",
            "body": f"Comment number {index} from {name}.",
            "created_at": start + timedelta(minutes=index),
            "reasons": [{"code": "links", "message": "More links than allowed.", "score": 1}]
            if index % 3 == 0
            else [],
            **fields,
        }
        if index == 1:
            values["parent"] = parent
        if index == 2:
            values["body"] = LONG_BODY
        comments.append(make_comment(article, status=Comment.Status.PENDING, **values))
    return comments


def row_ids(html):
    """The comment ids of the queue's rows, in the order shown."""
    return [int(pk) for pk in re.findall(r'<tr id="queue-row-(\d+)"', html)]


def form_fields(html, form_id):
    """What a browser would send for the form ``form_id`` as it stands (hidden inputs and
    management forms included), as a dict to update and post."""
    import html as html_module

    start = html.index(f'id="{form_id}"')
    form = html[start : html.index("</form>", start)]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or (kind and kind.group(1) in ("submit", "button", "checkbox", "radio")):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = html_module.unescape(value.group(1)) if value else ""
    for name, text in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        data[name] = html_module.unescape(text).removeprefix("\n")
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen.group(1) if chosen else ""
    return data

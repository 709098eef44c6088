"""Control characters: the forms refuse them beside the field, keeping everything typed
(only a comment's text may hold tabs and line breaks); and whatever is stored anyway, the
feed stays valid XML, the JSON-LD parses and emails go out with one-line headers."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.urls import reverse

from comments import services
from comments.models import Comment
from tests.helpers import field_block, post_comment

NOT_POSTED = "Your comment was not posted"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("author_name", "Jamie\r\nBcc: everyone@example.com", "Keep this on one line"),
        ("author_name", "Ja\x07mie", "invisible control character (U+0007)"),
        ("author_email", "jamie\x01@example.com", "invisible control character (U+0001)"),
        ("author_website", "https://jamie.example/\x1b[31m", "invisible control character"),
        ("body", "A fine comment\x00 with a NUL.", "invisible control character (U+0000)"),
        ("body", "A fine comment\x08 with a backspace.", "invisible control character (U+0008)"),
    ],
)
def test_control_characters_are_a_clear_error_beside_the_field(
    client, article, human_post, field, value, error
):
    typed = human_post | {"author_website": "https://jamie.example", field: value}
    response = post_comment(client, article, typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert NOT_POSTED in html
    assert error in field_block(html, field)
    for other in ("author_name", "author_email", "body"):  # everything typed is kept
        if other != field:
            assert typed[other].replace("'", "&#x27;")[:12] in field_block(html, other)
    assert not Comment.objects.exists()


def test_tabs_and_line_breaks_are_fine_in_the_text(client, article, human_post):
    response = post_comment(client, article, human_post | {"body": "Line one\r\n\tLine two"})
    assert response.status_code == 302
    assert Comment.objects.get().body == "Line one\r\n\tLine two"


def test_the_edit_and_report_forms_refuse_them_too(client, article, human_post, make_comment):
    post_comment(client, article, human_post)
    mine = Comment.objects.get()
    response = client.post(reverse("comments:edit", args=[mine.pk]), {"body": "Edited\x0b."})
    assert "invisible control character (U+000B)" in response.content.decode()
    published = make_comment(article)
    response = client.post(reverse("comments:report", args=[published.pk]),
                           {"reason": "spam", "note": "See\x1b[0m"})  # fmt: skip
    assert "invisible control character (U+001B)" in response.content.decode()


@pytest.fixture
def dirty_comment(article, make_comment):
    """An approved comment stored with control characters (from before the forms refused
    them, or from an import)."""
    return make_comment(
        article, author_name="Eve\x0b\r\nBcc: all@example.com", body="Bad\x01 bytes\x1f here.",
        notify_on_reply=True, author_email="eve@example.com",
    )  # fmt: skip


def test_a_feed_with_stored_control_characters_stays_valid_xml(client, article, dirty_comment):
    response = client.get(reverse("comments:feed", kwargs={"slug": article.slug}))
    assert response.status_code == 200
    (item,) = ET.fromstring(response.content).iter("item")
    assert "Bad bytes here." in item.findtext("description")


def test_json_ld_survives_stored_control_characters(client, article, dirty_comment):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>',
                         response.content.decode(), re.S)  # fmt: skip
    graphs = [json.loads(script) for script in scripts]
    assert any(graph.get("commentCount") == 1 for graph in graphs)


def test_stored_names_reach_email_headers_as_one_clean_line(
    article, dirty_comment, moderator, django_capture_on_commit_callbacks
):
    # A reply by a commenter whose stored name holds a line break and a fake header.
    reply = services.post_comment(
        article=article, parent=dirty_comment, name="Mallory\r\nBcc: all@example.com",
        email="mallory@example.com", body="Replying.", form_age=60.0,
    ).comment  # fmt: skip
    Comment.objects.filter(pk=dirty_comment.pk).update(author_email="eve@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(Comment.objects.filter(pk=reply.pk), Comment.Status.APPROVED,
                          moderator=moderator)  # fmt: skip
    (message,) = mail.outbox
    assert message.subject == "Mallory Bcc: all@example.com replied to your comment"
    sent = message.message()
    assert sent["Bcc"] is None and message.bcc == []
    assert "\x0b" not in message.body and "\x01" not in message.body
    assert "Hello Eve Bcc: all@example.com," in message.body

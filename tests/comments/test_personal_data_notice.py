"""A commenter whose comment is held for personal data is told so at once, in plain words,
and may edit it out (the edit goes back through the checks)."""

from comments.models import Comment
from tests.helpers import comment_messages, post_comment


def test_the_commenter_is_told_at_once_and_may_edit_it_out(client, article, human_post):
    human_post["body"] = "Call me on 07700 900123 and I will tell you how it went."
    html = post_comment(client, article, human_post, follow=True).content.decode()
    notice = [m for m in comment_messages(html) if "personal" in m.lower() or "phone" in m]
    assert notice, comment_messages(html)
    assert "Comments are public" in notice[0]
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    edit = f"/comments/{comment.pk}/edit/"
    assert f'href="{edit}"' in html  # their own pending comment, in place, with Edit

    client.post(edit, {"body": "It went well, thank you all."})
    comment.refresh_from_db()
    assert comment.body == "It went well, thank you all."
    assert "personal_data" not in [reason["code"] for reason in comment.reasons]


def test_no_notice_for_a_comment_without_personal_data(client, article, human_post):
    html = post_comment(client, article, human_post, follow=True).content.decode()
    assert not any("Comments are public" in m for m in comment_messages(html))

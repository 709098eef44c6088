"""What a row of the queue shows: the whole comment as readers will see it (folded when
long), what it answers, the article and a link to it in its thread, the commenter and
their history, the checks, the age; the status tabs with counts; and the page's query
budget, the same at 20 rows and at 100."""

import re

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.helpers import LONG_BODY, QUEUE, fill_queue, row_ids


def row_html(html, pk):
    match = re.search(rf'<tr id="queue-row-{pk}".*?</tr>', html, re.S)
    assert match, f"no row for comment {pk}"
    return match.group(0)


@pytest.fixture
def queue_page(client, moderator, article, make_comment):
    """The default queue as a moderator sees it, with the comments behind it."""
    comments = fill_queue(make_comment, article, 4)
    client.force_login(moderator)
    return client.get(QUEUE).content.decode(), comments


def test_a_row_shows_the_comment_as_readers_see_it(client, moderator, article, make_comment):
    comment = make_comment(
        article, status=Comment.Status.PENDING, author_name="Sam <b>",
        body="First line.\nSee https://example.org/a <script>alert(1)</script>",
    )  # fmt: skip
    client.force_login(moderator)
    row = row_html(client.get(QUEUE).content.decode(), comment.pk)
    assert comment.body_html in row  # the same HTML as on the article page
    assert "<script>" not in row and "&lt;script&gt;" in row
    assert 'rel="nofollow ugc noopener noreferrer"' in row
    assert "Sam &lt;b&gt;" in row


def test_a_long_comment_is_folded_with_show_all(queue_page):
    html, comments = queue_page
    long_row = row_html(html, comments[2].pk)
    assert 'class="queue-text is-folded"' in long_row
    assert "<summary>" in long_row and "Show all" in long_row
    assert "Paragraph 8" in long_row  # all of it is there, for "Show all" and screen readers
    short_row = row_html(html, comments[0].pk)
    assert "is-folded" not in short_row and "Show all" not in short_row
    assert LONG_BODY.count("\n\n") == 7


def test_a_reply_shows_what_it_answers(queue_page):
    html, comments = queue_page
    row = row_html(html, comments[1].pk)
    assert "in reply to Pat: Has anyone tried tapering slowly?" in row


def in_thread(client, row):
    """Where the row's "View in thread" link lands (it is worked out on the click)."""
    href = re.search(r'href="([^"]+)">View in thread', row).group(1)
    response = client.get(href)
    assert response.status_code == 302
    return response["Location"]


def test_the_article_and_view_in_thread(client, queue_page, article, make_comment):
    html, comments = queue_page
    row = row_html(html, comments[0].pk)
    assert f'href="{article.get_absolute_url()}"' in row and article.title in row
    # Not published yet: the thread link goes to the discussion; a reply, to its parent.
    assert in_thread(client, row) == f"{article.get_absolute_url()}#comments"
    parent = comments[1].parent
    reply_row = row_html(html, comments[1].pk)
    assert in_thread(client, reply_row) == f"{article.get_absolute_url()}#comment-{parent.pk}"


def test_view_in_thread_of_a_published_comment_points_at_it(
    client, moderator, article, make_comment
):
    published = make_comment(article, body="Published.", report_count=1)
    client.force_login(moderator)
    html = client.get(QUEUE + "?status=reported").content.decode()
    assert in_thread(client, row_html(html, published.pk)) == (
        f"{article.get_absolute_url()}#comment-{published.pk}"
    )
    # …which the article page highlights with :target (static/css/pulse.css).
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{published.pk}"' in page


def test_commenter_history_in_any_case(client, moderator, article, make_comment):
    make_comment(article, author_email="sam@example.com", body="Old approved.")
    make_comment(article, author_email="SAM@example.com", body="Old spam.", status="spam")
    make_comment(article, author_email="Sam@Example.com", body="Another approved.")
    waiting = make_comment(article, author_email="sam@example.com", status="pending")
    client.force_login(moderator)
    row = row_html(client.get(QUEUE).content.decode(), waiting.pk)
    assert "2 ✓ · 1 ✗" in row
    assert "History: 2 approved, 1 marked as spam." in row


def test_the_commenter_data_tool_from_a_row(client, moderator, chief_moderator, queue_page):
    _html, comments = queue_page
    tool = reverse("admin:comments_comment_privacy")
    client.force_login(chief_moderator)
    row = row_html(client.get(QUEUE).content.decode(), comments[0].pk)
    assert f'href="{tool}?email=reader.0%40example.com"' in row
    form = client.get(f"{tool}?email=reader.0%40example.com").content.decode()
    assert 'value="reader.0@example.com"' in form
    client.force_login(moderator)  # without the permission: no link
    assert tool not in client.get(QUEUE).content.decode()


def test_checks_and_age(client, moderator, article, make_comment):
    comment = make_comment(
        article, status=Comment.Status.PENDING, urgent=True, report_count=2, score=7,
        reasons=[{"code": "personal_data", "message": "Contains a phone number.", "score": 7}],
        ip_address="198.51.100.7",
    )  # fmt: skip
    client.force_login(moderator)
    row = row_html(client.get(QUEUE).content.decode(), comment.pk)
    for text in ["Urgent", "Reported ×2", "Score 7", "<code>personal_data</code> Contains a "
                 "phone number.", "ago</time>", "IP 198.51.100.7"]:  # fmt: skip
        assert text in row


def test_row_buttons_are_forms_that_work_without_javascript(queue_page):
    html, comments = queue_page
    pk = comments[0].pk
    row = row_html(html, pk)
    for value in ["approve", "spam", "reject"]:
        assert f'form="decide-{pk}" name="decision" value="{value}"' in row
    assert f'<textarea id="reply-body-{pk}" name="body" form="reply-{pk}"' in row
    decide = reverse("admin:comments_comment_decide", args=[pk])
    assert f'<form id="decide-{pk}" class="queue-decide-form"' in html
    assert f'action="{decide}"' in html
    # The rows' forms are outside the bulk-action form: forms cannot nest.
    changelist_form = html[html.index('<form id="changelist-form"') :]
    changelist_form = changelist_form[: changelist_form.index("</form>")]
    assert f'<form id="decide-{pk}"' not in changelist_form


def test_staff_who_may_only_look_see_no_buttons(client, django_user_model, queue_page):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("v", "v@example.com", "pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    _html, comments = queue_page
    client.force_login(viewer)
    html = client.get(QUEUE).content.decode()
    assert row_ids(html) == [c.pk for c in reversed(comments)]
    assert 'name="decision"' not in html and "queue-decide-form" not in html
    change = reverse("admin:comments_comment_change", args=[comments[0].pk])
    assert client.get(change).status_code == 200  # read-only


def test_no_approve_button_on_an_approved_comment(client, moderator, article, make_comment):
    published = make_comment(article, report_count=1)
    spam = make_comment(article, status=Comment.Status.SPAM, body="Spam?")
    client.force_login(moderator)
    html = client.get(QUEUE + "?status=all").content.decode()
    assert 'value="approve"' not in row_html(html, published.pk)
    assert "Not spam" in row_html(html, spam.pk)
    assert 'value="spam"' not in row_html(html, spam.pk)


def test_status_tabs_with_counts(client, moderator, article, make_comment):
    fill_queue(make_comment, article, 3)
    make_comment(article, status=Comment.Status.SPAM, body="Buy now.")
    make_comment(article, status=Comment.Status.PENDING, urgent=True, body="Help.")
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    tabs = dict(re.findall(r'<li class="queue-tab tab-(\w+)"><a [^>]*>[^<]+<span class="count">'
                           r"\((\d+)\)", html))  # fmt: skip
    assert tabs == {
        "urgent": "1", "reported": "0", "pending": "4", "approved": "1", "rejected": "0",
        "spam": "1", "deleted": "0", "all": "6",
    }  # fmt: skip
    assert 'aria-current="page" class="selected">Pending' in html


def test_the_filter_sidebar_is_replaced_by_the_tabs(queue_page):
    html, _comments = queue_page
    assert 'id="changelist-filter"' not in html
    assert '<nav class="queue-tabs"' in html


def test_oldest_first(client, moderator, article, make_comment):
    comments = fill_queue(make_comment, article, 3)
    client.force_login(moderator)
    newest_first = row_ids(client.get(QUEUE).content.decode())
    assert newest_first == [c.pk for c in reversed(comments)]
    html = client.get(QUEUE).content.decode()
    oldest_url = re.search(r'<a href="(\?[^"]*o=\d[^"]*)">Oldest first', html).group(1)
    oldest = row_ids(client.get(QUEUE + oldest_url.replace("&amp;", "&")).content.decode())
    assert oldest == [c.pk for c in comments]


def test_the_dashboard_is_linked_from_the_queue_and_the_index(client, moderator):
    client.force_login(moderator)
    dashboard = reverse("admin:comments_dashboard_changelist")
    assert f'href="{dashboard}"' in client.get(QUEUE).content.decode()
    assert f'href="{dashboard}"' in client.get(reverse("admin:index")).content.decode()


def test_an_empty_queue_says_so(client, moderator):
    client.force_login(moderator)
    assert "Nothing waits here." in client.get(QUEUE).content.decode()


@pytest.mark.parametrize("path", [QUEUE + "?all=", QUEUE + "?status=all&all="])
def test_the_same_queries_for_20_or_100_rows(
    client, moderator, article, make_comment, django_assert_num_queries, path
):
    client.force_login(moderator)
    fill_queue(make_comment, article, 20, report_count=1)
    with django_assert_num_queries(QUEUE_QUERIES) as captured:
        response = client.get(path)
    assert len(row_ids(response.content.decode())) >= 20
    fill_queue(make_comment, article, 80, report_count=1)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(path)
    assert len(row_ids(response.content.decode())) >= 100
    assert "SELECT" in captured.captured_queries[0]["sql"]


# Session, user, the user's and their groups' permissions, the status tabs' counts, the
# page's count, its rows (with article, parent and moderator joined), the commenters'
# history: whatever the number of rows.
QUEUE_QUERIES = 8

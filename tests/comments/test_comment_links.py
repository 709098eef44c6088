"""Every link to a comment lands on the comment page that shows it: ``?cpage=N#comment-ID``
when the thread has several pages, the article itself when it has one."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.links import comment_url
from comments.models import Comment, DiscussionSettings
from tests.helpers import email_link, post_comment


@pytest.fixture
def paged_thread(article, make_comment, discussion):
    """Five top-level comments, two to a page (three pages), oldest first, with replies:

    T0 ── T0r ── T0rr        (page 1)
    T1                       (page 1)
    T2 ── T2r                (page 2)
    T3                       (page 2)
    T4 ── T4r                (page 3)
    """
    discussion.comments_per_page = 2
    discussion.save()
    start = timezone.now() - timedelta(days=1)
    made = {}
    for n in range(5):
        made[f"T{n}"] = make_comment(
            article, author_name=f"T{n}", created_at=start + timedelta(minutes=n)
        )
    later = start + timedelta(hours=1)
    made["T0r"] = make_comment(article, parent=made["T0"], author_name="T0r", created_at=later)
    made["T0rr"] = make_comment(article, parent=made["T0r"], author_name="T0rr", created_at=later)
    made["T2r"] = make_comment(article, parent=made["T2"], author_name="T2r", created_at=later)
    made["T4r"] = make_comment(article, parent=made["T4"], author_name="T4r", created_at=later)
    return made


def page_of(url):
    query = urlsplit(url).query
    return int(query.removeprefix("cpage=")) if query else None


def shows(client, url, comment):
    return f'id="comment-{comment.pk}"' in client.get(url).content.decode()


EXPECTED_PAGES = {"T0": 1, "T0r": 1, "T0rr": 1, "T1": 1, "T2": 2, "T2r": 2, "T3": 2,
                  "T4": 3, "T4r": 3}  # fmt: skip


def test_each_comment_link_lands_on_the_page_that_shows_it(client, article, paged_thread):
    for name, comment in paged_thread.items():
        url = comment_url(comment)
        assert url == (
            f"{article.get_absolute_url()}?cpage={EXPECTED_PAGES[name]}#comment-{comment.pk}"
        )
        assert shows(client, url, comment), name


def test_newest_first_reverses_the_pages(client, article, paged_thread):
    discussion = DiscussionSettings.load()
    discussion.order = DiscussionSettings.Order.NEWEST
    discussion.save()
    pages = {name: page_of(comment_url(c)) for name, c in paged_thread.items()}
    assert pages == {"T4": 1, "T4r": 1, "T3": 1, "T2": 2, "T2r": 2, "T1": 2, "T0": 3,
                     "T0r": 3, "T0rr": 3}  # fmt: skip
    for comment in paged_thread.values():
        assert shows(client, comment_url(comment), comment)


def test_a_thread_on_one_page_links_to_the_article_itself(article, thread):
    for comment in thread.values():
        assert comment_url(comment) == f"{article.get_absolute_url()}#comment-{comment.pk}"


def test_the_redirect_after_posting_lands_on_the_new_comment(
    client, article, paged_thread, human_post
):
    discussion = DiscussionSettings.load()
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.save()
    response = post_comment(client, article, human_post)
    mine = Comment.objects.get(author_email=human_post["author_email"])
    assert response["Location"] == f"{article.get_absolute_url()}?cpage=3#comment-{mine.pk}"
    assert shows(client, response["Location"], mine)


def test_the_redirect_after_editing_lands_on_the_comment(
    client, article, paged_thread, human_post
):
    discussion = DiscussionSettings.load()
    discussion.moderation = DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED
    discussion.save()
    post_comment(client, article, human_post | {"parent": paged_thread["T2"].pk})
    mine = Comment.objects.get(author_email=human_post["author_email"])
    response = client.post(reverse("comments:edit", args=[mine.pk]), {"body": "Corrected."})
    assert page_of(response["Location"]) == 2
    assert response["Location"].endswith(f"#comment-{mine.pk}")


def test_reply_and_approval_emails_link_to_the_comments_page(
    article, paged_thread, moderator, settings, django_capture_on_commit_callbacks
):
    parent = paged_thread["T4"]
    Comment.objects.filter(pk=parent.pk).update(notify_on_reply=True)
    reply = services.post_comment(
        article=article, parent=parent, name="Robin", email="robin@example.com",
        body="Same here.", notify_on_approval=True,
    ).comment  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(Comment.objects.filter(pk=reply.pk), Comment.Status.APPROVED,
                          moderator=moderator)  # fmt: skip
    expected = f"{article.get_absolute_url()}?cpage=3#comment-{reply.pk}"
    bodies = {tuple(m.to): m.body for m in mail.outbox}
    assert f"{settings.PULSE_SITE_URL}{expected}" in bodies[("robin@example.com",)]
    assert f"{settings.PULSE_SITE_URL}{expected}" in bodies[("reader@example.com",)]
    message = next(m for m in mail.outbox if m.to == ["reader@example.com"])
    assert email_link(message, "Read the reply") == urlsplit(expected).path


def test_the_feed_links_each_comment_to_its_page(client, article, paged_thread):
    feed = client.get(reverse("comments:feed", kwargs={"slug": article.slug}))
    links = [item.findtext("link") for item in ET.fromstring(feed.content).iter("item")]
    by_id = {int(re.search(r"#comment-(\d+)$", link).group(1)): link for link in links}
    for name, comment in paged_thread.items():
        assert by_id[comment.pk].endswith(f"?cpage={EXPECTED_PAGES[name]}#comment-{comment.pk}")


def test_the_feed_costs_the_same_queries_for_few_or_many_comments(
    client, article, make_comment, django_assert_max_num_queries
):
    for n in range(40):
        make_comment(article, body=f"Comment {n}.")
    with django_assert_max_num_queries(6):
        client.get(reverse("comments:feed", kwargs={"slug": article.slug}))


def test_view_on_site_in_the_admin_lands_on_the_comment(client, moderator, paged_thread):
    client.force_login(moderator)
    comment = paged_thread["T3"]
    change = client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    link = re.search(r'<a href="([^"]+)" class="viewsitelink">', change.content.decode())
    assert link.group(1) == comment_url(comment)
    assert page_of(link.group(1)) == 2


def test_json_ld_ids_and_urls_are_the_comment_links(client, article, paged_thread):
    import json

    comment = paged_thread["T3"]
    html = client.get(f"{article.get_absolute_url()}?cpage=2").content.decode()
    graphs = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    comments = next(g["comment"] for g in graphs if "comment" in g)
    item = next(c for c in comments if c["@id"].endswith(f"#comment-{comment.pk}"))
    assert item["@id"] == item["url"] == f"http://testserver{comment_url(comment)}"
    assert page_of(item["url"]) == 2

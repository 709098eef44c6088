"""Each article's comment feed: valid RSS with that article's published comments only,
escaped, and no feed at all for an article readers cannot see."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from comments.models import Comment


def feed_url(article):
    return reverse("comments:feed", kwargs={"slug": article.slug})


def items(response):
    """The feed's items as (title, description, link) tuples, newest first."""
    channel = ET.fromstring(response.content).find("channel")
    return [
        (item.findtext("title"), item.findtext("description"), item.findtext("link"))
        for item in channel.findall("item")
    ]


@pytest.fixture
def discussion_feed(article, make_article, make_comment, thread):
    """The thread on the article plus comments the feed must leave out."""
    make_comment(article, author_name="Held Hana", status=Comment.Status.PENDING)
    make_comment(article, author_name="Spammy Sal", status=Comment.Status.SPAM)
    make_comment(article, author_name="Gone Gus", status=Comment.Status.REJECTED)
    make_comment(make_article(title="Elsewhere", slug="elsewhere"), author_name="Other Olu")
    return thread


def test_feed_is_rss_with_the_articles_published_comments(client, article, discussion_feed):
    response = client.get(feed_url(article))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.find("channel").findtext("title") == f"Comments on “{article.title}”"
    titles = [title for title, _description, _link in items(response)]
    assert sorted(title.split(" on ")[0] for title in titles) == sorted(
        c.author_name for c in discussion_feed.values()
    )
    assert titles[0].startswith("Fay Fox")  # newest first


def test_feed_links_point_at_each_comment(client, article, discussion_feed):
    links = [link for _title, _description, link in items(client.get(feed_url(article)))]
    fay = discussion_feed["fay"]
    assert links[0] == f"http://testserver{article.get_absolute_url()}#comment-{fay.pk}"


def test_feed_escapes_what_commenters_typed(client, article, make_comment):
    make_comment(
        article, author_name="<b>Bold</b> & Co", body="<script>alert(1)</script> 5 > 3 & 2 < 4"
    )
    response = client.get(feed_url(article))
    raw = response.content.decode()
    assert "<script>" not in raw and "<b>" not in raw
    [(title, description, _link)] = items(response)  # still well-formed XML
    assert title.startswith("<b>Bold</b> & Co on ")  # shown as text by a reader
    assert "<script>" not in description
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 5 &gt; 3 &amp; 2 &lt; 4" in description


def test_feed_without_comments_is_empty_but_valid(client, article):
    assert items(client.get(feed_url(article))) == []


@pytest.mark.parametrize("which", ["draft", "scheduled", "missing"])
def test_no_feed_for_an_article_readers_cannot_see(
    client, draft_article, scheduled_article, make_comment, which
):
    slug = {"draft": draft_article.slug, "scheduled": scheduled_article.slug}.get(which, "nope")
    if which == "draft":
        make_comment(draft_article)
    assert client.get(reverse("comments:feed", kwargs={"slug": slug})).status_code == 404


def test_page_links_to_its_feed(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{feed_url(article)}"' in html


def test_the_comments_feed_is_also_atom_and_advertised_in_the_head(client, article, thread):
    atom = reverse("comments:feed_atom", kwargs={"slug": article.slug})
    response = client.get(atom)
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(thread)
    link = entries[0].find("{http://www.w3.org/2005/Atom}link").get("href")
    assert re.fullmatch(rf"http://testserver{article.get_absolute_url()}#comment-\d+", link)
    head = client.get(article.get_absolute_url()).content.decode().split("</head>")[0]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    rss = feed_url(article)
    assert (
        f'type="application/rss+xml" title="Comments on {article.title} (RSS)" href="{rss}">'
        in head
    )
    assert (
        f'type="application/atom+xml" title="Comments on {article.title} (Atom)" href="{atom}">'
        in head
    )


def test_an_item_of_a_long_thread_links_to_the_comment_page_that_shows_it(
    client, article, make_comment
):
    from comments.models import DiscussionSettings

    discussion = DiscussionSettings.load()
    discussion.comments_per_page = 2
    discussion.save()
    oldest = make_comment(article, body="The oldest, on page one.")
    for n in range(3):
        make_comment(article, body=f"Newer {n}.")
    links = {link for _title, _description, link in items(client.get(feed_url(article)))}
    assert f"http://testserver{article.get_absolute_url()}?cpage=1#comment-{oldest.pk}" in links
    assert any("?cpage=2#comment-" in link for link in links)


def test_feeds_can_be_revalidated(client, article, thread):
    response = client.get(feed_url(article))
    assert response["Last-Modified"] and response["ETag"]
    again = client.get(feed_url(article), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304

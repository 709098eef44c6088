"""Search engines read the published comments as schema.org Comments of the article: the
same node as the article's own JSON-LD (one node per thing), each comment with its link,
date, author (and their website) and whole text, counted honestly."""

import re

from tests.helpers import json_ld_nodes, nodes_of_type


def discussion(html):
    article = nodes_of_type(json_ld_nodes(html), "Article")
    assert len(article) == 1
    return article[0]


def test_published_comments_are_in_the_json_ld(client, article, make_comment):
    first = make_comment(
        article, author_name="Ana <b>", body="Helpful & clear </script>",
        author_website="https://ana.example.org/",
    )  # fmt: skip
    reply = make_comment(article, parent=first, author_name="Ben", body="Agreed.")
    make_comment(article, author_name="Hidden", body="Waiting.", status="pending")

    html = client.get(article.get_absolute_url()).content.decode()
    graph = discussion(html)

    assert graph["commentCount"] == 2
    assert graph["@id"].endswith(article.get_absolute_url() + "#article")
    names = [item["author"]["name"] for item in graph["comment"]]
    assert names == ["Ana <b>", "Ben"]
    assert graph["comment"][0]["text"] == "Helpful & clear </script>"
    assert graph["comment"][0]["author"]["url"] == "https://ana.example.org/"
    assert "url" not in graph["comment"][1]["author"]
    assert graph["comment"][0]["datePublished"] == first.created_at.isoformat(timespec="seconds")
    assert graph["comment"][1]["parentItem"]["@id"].endswith(f"#comment-{first.pk}")
    assert graph["comment"][1]["@id"].endswith(f"#comment-{reply.pk}")
    assert graph["comment"][1]["url"] == graph["comment"][1]["@id"]
    assert '</script>"' not in html  # the body cannot close the script element


def test_no_comment_data_without_comments(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "comment" not in discussion(html)


def test_a_long_comment_is_given_whole(client, article, make_comment):
    make_comment(article, body="Sleep matters. " * 20 + "\n\nSecond paragraph.")
    html = client.get(article.get_absolute_url()).content.decode()
    text = discussion(html)["comment"][0]["text"]
    assert text == ("Sleep matters. " * 20).strip() + "\n\nSecond paragraph."
    assert "<" not in text


def test_a_later_comment_page_lists_its_own_comments_and_links(
    client, article, make_comment, settings
):
    from comments.models import DiscussionSettings

    discussion_settings = DiscussionSettings.load()
    discussion_settings.comments_per_page = 2
    discussion_settings.save()
    made = [make_comment(article, body=f"Comment number {n}.") for n in range(3)]

    html = client.get(article.get_absolute_url() + "?cpage=2").content.decode()
    graph = discussion(html)
    assert graph["commentCount"] == 3  # the article's, not the page's
    shown = [int(re.search(r"#comment-(\d+)$", c["@id"]).group(1)) for c in graph["comment"]]
    page_ids = [int(pk) for pk in re.findall(r'<li class="comment[^"]*" id="comment-(\d+)"', html)]
    assert shown == page_ids and made[0].pk not in shown
    assert all("?cpage=2#comment-" in c["url"] for c in graph["comment"])

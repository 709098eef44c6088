"""Search engines read the published comments as schema.org Comments of the article."""

import json
import re


def ld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_published_comments_are_in_the_json_ld(client, article, make_comment):
    first = make_comment(article, author_name="Ana <b>", body="Helpful & clear </script>")
    reply = make_comment(article, parent=first, author_name="Ben", body="Agreed.")
    make_comment(article, author_name="Hidden", body="Waiting.", status="pending")

    html = client.get(article.get_absolute_url()).content.decode()
    graph = next(block for block in ld_blocks(html) if "comment" in block)

    assert graph["commentCount"] == 2
    assert graph["@id"].endswith(article.get_absolute_url())
    names = [item["author"]["name"] for item in graph["comment"]]
    assert names == ["Ana <b>", "Ben"]
    assert graph["comment"][0]["text"] == "Helpful & clear </script>"
    assert graph["comment"][1]["parentItem"]["@id"].endswith(f"#comment-{first.pk}")
    assert graph["comment"][1]["@id"].endswith(f"#comment-{reply.pk}")
    assert '</script>"' not in html  # the body cannot close the script element


def test_no_comment_data_without_comments(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert all("comment" not in block for block in ld_blocks(html))


def test_a_long_comment_gives_its_opening_words(client, article, make_comment):
    make_comment(article, body="Sleep matters. " * 20 + "\n\nSecond paragraph.")
    html = client.get(article.get_absolute_url()).content.decode()
    text = next(block for block in ld_blocks(html) if "comment" in block)["comment"][0]["text"]
    assert text.startswith("Sleep matters. Sleep matters.") and text.endswith("…")
    assert len(text) <= 80 and "<" not in text

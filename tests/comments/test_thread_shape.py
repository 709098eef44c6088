"""A thread is a tree: replies under their parent, siblings oldest first, nested lists."""

import re
from types import SimpleNamespace

from django.utils.timezone import localtime

from comments.models import Comment
from comments.threads import build_thread
from tests.helpers import parse


def fake(pk, name, parent=None):
    return SimpleNamespace(pk=pk, parent_id=parent, author_name=name)


def shape(nodes):
    return [(node.comment.author_name, node.depth) for node in nodes]


# Oldest first, as Comment.objects.thread_for returns them.
OLDEST_FIRST = [
    fake(1, "Alice"),
    fake(2, "Erin"),
    fake(3, "Bob", parent=1),
    fake(4, "Dan", parent=1),
    fake(5, "Carol", parent=3),
    fake(6, "Fay", parent=2),
]
EXPECTED = [("Alice", 1), ("Bob", 2), ("Carol", 3), ("Dan", 2), ("Erin", 1), ("Fay", 2)]


def test_build_thread_orders_depth_first_siblings_oldest_first():
    assert shape(build_thread(OLDEST_FIRST)) == EXPECTED


def test_build_thread_says_where_nested_lists_open_and_close():
    nodes = build_thread(OLDEST_FIRST)
    table = [(n.comment.author_name, n.has_replies, len(n.closes)) for n in nodes]
    assert table == [
        ("Alice", True, 0),
        ("Bob", True, 0),
        ("Carol", False, 1),  # closes Bob's replies; Dan follows at depth 2
        ("Dan", False, 1),  # closes Alice's replies
        ("Erin", True, 0),
        ("Fay", False, 1),  # closes Erin's replies at the end
    ]
    opened = sum(n.has_replies for n in nodes)
    assert opened == sum(len(n.closes) for n in nodes)


def test_build_thread_leaves_out_subtrees_of_missing_parents():
    comments = [*OLDEST_FIRST, fake(7, "Orphan", parent=99), fake(8, "Orphan's reply", parent=7)]
    assert shape(build_thread(comments)) == EXPECTED


def test_build_thread_of_nothing_is_empty():
    assert build_thread([]) == []


def test_build_thread_flat_comments_keep_their_order():
    flat = [fake(pk, f"Reader {pk}") for pk in range(1, 6)]
    nodes = build_thread(flat)
    assert shape(nodes) == [(f"Reader {pk}", 1) for pk in range(1, 6)]
    assert not any(n.has_replies or n.closes for n in nodes)


def test_build_thread_deep_chain_closes_every_level_at_the_end():
    chain = [fake(1, "L1")] + [fake(pk, f"L{pk}", parent=pk - 1) for pk in range(2, 7)]
    nodes = build_thread(chain)
    assert shape(nodes) == [(f"L{d}", d) for d in range(1, 7)]
    assert len(nodes[-1].closes) == 5


def test_page_renders_the_tree(client, article, thread):
    html = client.get(article.get_absolute_url()).content.decode()
    parser = parse(html)

    assert parser.errors == []
    assert parser.stack == []  # every <ol> and <li> closed
    names = {c.pk: c.author_name for c in thread.values()}
    rendered = [(names[pk], depth) for pk, depth in parser.comments]
    assert rendered == [
        ("Alice Ames", 1),
        ("Bob Bell", 2),
        ("Carol Cho", 3),
        ("Dan Diaz", 2),
        ("Erin Eze", 1),
        ("Fay Fox", 2),
    ]
    assert "6 Comments" in html


def test_page_depth_matches_stored_depth(client, article, thread):
    parser = parse(client.get(article.get_absolute_url()).content.decode())
    stored = dict(Comment.objects.values_list("pk", "depth"))
    assert all(stored[pk] == depth for pk, depth in parser.comments)


def test_replies_nest_inside_their_parents_item(client, article, thread):
    html = client.get(article.get_absolute_url()).content.decode()
    alice, bob, carol = thread["alice"], thread["bob"], thread["carol"]
    alice_item = html[html.index(f'<li class="comment" id="comment-{alice.pk}"') :]
    alice_item = alice_item[: alice_item.index(f'id="comment-{thread["erin"].pk}"')]
    replies = alice_item.index('<ol class="comment-replies')
    assert replies < alice_item.index(f'id="comment-{bob.pk}"')
    assert alice_item.index(f'id="comment-{bob.pk}"') < alice_item.index(
        f'id="comment-{carol.pk}"'
    )
    assert alice_item.count('<ol class="comment-replies') == 2  # Alice's and Bob's


def test_each_comment_has_anchor_permalink_time_avatar_and_reply(client, article, thread):
    html = client.get(article.get_absolute_url()).content.decode()
    for comment in thread.values():
        pk = comment.pk
        assert html.count(f'id="comment-{pk}"') == 1
        posted = localtime(comment.created_at).isoformat(timespec="seconds")
        assert f'href="#comment-{pk}"><time datetime="{posted}">' in html
        assert f'href="{article.get_absolute_url()}?replyto={pk}#write-comment"' in html
        assert f'data-reply-to="{pk}"' in html
    assert re.search(
        r'<span class="avatar avatar-initials tone-\d+ avatar-40" aria-hidden="true">AA</span>',
        html,
    )
    assert re.search(
        r'<span class="avatar avatar-initials tone-\d+ avatar-40" aria-hidden="true">CC</span>',
        html,
    )


def test_avatars_are_drawn_locally(client, article, thread):
    html = client.get(article.get_absolute_url()).content.decode()
    comments = html[html.index('id="comments"') : html.index('id="write-comment"')]
    assert "gravatar" not in html.lower()
    assert "<img" not in comments
    assert not re.search(r'<img[^>]+src="(https?:)?//', html)


def test_closed_article_shows_thread_without_reply_links(client, article, thread):
    article.comments_open = False
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    parser = parse(html)
    assert len(parser.comments) == 6 and parser.errors == []
    assert "?replyto=" not in html

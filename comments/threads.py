"""Build a comment thread in Python, in one pass, from one query.

The template renders the thread as a flat loop: each node says how deep it is, whether
its replies follow (open a nested list) and how many nested lists close after it.  That
keeps rendering O(N) with no template include or recursion per comment.
"""

from collections import defaultdict
from dataclasses import dataclass


@dataclass(slots=True)
class ThreadNode:
    comment: object
    depth: int
    has_replies: bool = False
    closes: range = range(0)


def build_thread(comments):
    """Order comments depth-first (each reply under its parent, siblings oldest first).

    ``comments`` must come oldest first.  A comment whose parent is not among them (its
    parent is not public) is left out with its whole subtree, so the page never shows a
    reply to something readers cannot see.
    """
    children = defaultdict(list)
    for comment in comments:
        children[comment.parent_id].append(comment)

    nodes = []
    stack = [(comment, 1) for comment in reversed(children[None])]
    while stack:
        comment, depth = stack.pop()
        replies = children.get(comment.pk, ())
        nodes.append(ThreadNode(comment, depth, has_replies=bool(replies)))
        stack.extend((reply, depth + 1) for reply in reversed(replies))

    for index, node in enumerate(nodes):
        if not node.has_replies:
            next_depth = nodes[index + 1].depth if index + 1 < len(nodes) else 1
            node.closes = range(node.depth - next_depth)
    return nodes

"""Build a comment thread in Python, in one pass, from one query.

The template renders the thread as a flat loop: each node says how deep it is, whether
its replies follow (open a nested list) and how many nested lists close after it.  That
keeps rendering O(N) with no template include or recursion per comment.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from core import avatars


@dataclass(slots=True)
class ThreadComment(avatars.InitialsAvatar):
    """What a page shows of one public comment (fields in THREAD_FIELDS' order)."""

    pk: int
    parent_id: int | None
    author_name: str
    author_website: str
    body_html: str
    created_at: datetime
    by_article_author: bool
    by_staff: bool = False
    # The reader's own comment, still waiting for a moderator: shown to them alone.
    awaiting: bool = False

    avatar_name_field = "author_name"


@dataclass(slots=True)
class ThreadStub:
    """A comment's place in a long thread, before its page is chosen (pk and parent only:
    no text or dates are read for the comments a page does not show)."""

    pk: int
    parent_id: int | None
    awaiting: bool = False


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

    One pass, since a long thread's miss lays out 1,000 comments: a comment with no
    replies is followed by the next one on the stack, whose depth says how many nested
    lists close after it.
    """
    children = defaultdict(list)
    for comment in comments:
        children[comment.parent_id].append(comment)

    replies_of = children.get
    nodes = []
    add = nodes.append
    stack = [(comment, 1) for comment in reversed(children[None])]
    pop = stack.pop
    while stack:
        comment, depth = pop()
        replies = replies_of(comment.pk)
        if replies:
            add(ThreadNode(comment, depth, True))
            stack.extend([(reply, depth + 1) for reply in reversed(replies)])
        else:
            following = stack[-1][1] if stack else 1
            add(ThreadNode(comment, depth, False, range(depth - following)))
    return nodes


@dataclass(slots=True)
class ThreadPage:
    nodes: list
    number: int
    num_pages: int
    total: int

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    @property
    def previous_number(self):
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self):
        return self.number + 1 if self.number < self.num_pages else None


def paginate_thread(nodes, *, per_page, page=1, newest_first=False):
    """One page of top-level comments, each with its whole subtree.

    Every subtree in ``nodes`` ends by closing back to depth 1, so slicing between
    top-level comments never leaves a list open.  An out-of-range page shows the last one.
    """
    subtrees = []
    for node in nodes:
        if node.depth == 1:
            subtrees.append([])
        subtrees[-1].append(node)
    if newest_first:
        subtrees.reverse()
    num_pages = max(1, -(-len(subtrees) // per_page))
    number = min(max(1, page), num_pages)
    chosen = subtrees[(number - 1) * per_page : number * per_page]
    return ThreadPage(
        nodes=[node for subtree in chosen for node in subtree],
        number=number,
        num_pages=num_pages,
        total=len(nodes),
    )

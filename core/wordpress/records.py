"""What a WordPress export holds, as plain records: the reader (reader.py) yields them, the
apps' importers turn them into rows.  Only the fields Pulse uses are kept."""

from dataclasses import dataclass, field


@dataclass
class Site:
    """The channel's own details, yielded once before the first author, term or item."""

    wxr_version: str
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass
class AuthorRecord:
    login: str
    wordpress_id: int | None = None
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    bio: str = ""


@dataclass
class TermRecord:
    """A category, a tag or a term of another taxonomy, declared at the channel's level."""

    taxonomy: str  # "category", "post_tag", or any other
    slug: str
    name: str
    wordpress_id: int | None = None
    parent_slug: str = ""
    description: str = ""


@dataclass
class ItemTerm:
    """A category or tag an item names (``<category domain=… nicename=…>``)."""

    taxonomy: str
    slug: str
    name: str


@dataclass
class CommentRecord:
    wordpress_id: int | None
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    user_agent: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = ""
    type: str = ""
    parent_id: int | None = None
    user_id: int | None = None


@dataclass
class ItemRecord:
    """A post, page, attachment, menu item or anything else WordPress keeps in wp_posts."""

    line: int
    wordpress_id: int | None = None
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    pub_date: str = ""
    comment_status: str = ""
    slug: str = ""
    status: str = ""
    parent_id: int | None = None
    post_type: str = ""
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[CommentRecord] = field(default_factory=list)

"""A streaming reader for WordPress eXtended RSS (WXR 1.0, 1.1 and 1.2), as Tools › Export
writes it.

Elements are recognised by namespace URI, never by prefix: an export may bind ``wp:`` to
any URI (or another prefix to WordPress's), and WordPress itself has written ``http`` and
``https`` variants.  The file is read with ElementTree's ``iterparse`` (expat, which also
takes the non-ASCII namespace URIs lxml refuses), and every record is cleared once yielded,
so memory stays flat however long the export.  Adjacent CDATA sections arrive joined, and
text is kept exactly as written (only XML whitespace around a value is trimmed: no Unicode
normalisation, no unescaping of backslashes).
"""

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from .records import AuthorRecord, CommentRecord, ItemRecord, ItemTerm, Site, TermRecord

VERSIONS = {"1.0", "1.1", "1.2"}
NAMESPACES = [
    ("excerpt", re.compile(r"^https?://wordpress\.org/export/1\.[012]/excerpt/$")),
    ("wp", re.compile(r"^https?://wordpress\.org/export/1\.[012]/$")),
    ("content", re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/$")),
    ("dc", re.compile(r"^https?://purl\.org/dc/elements/1\.1/$")),
    ("wfw", re.compile(r"^https?://wellformedweb\.org/CommentAPI/$")),
]
XML_SPACE = " \t\r\n"
POST_ID_IN_URL = re.compile(r"[?&](?:p|page_id)=(\d+)")


class WXRError(Exception):
    """The file cannot be imported; the message says why and where, for a person."""


def _kind(uri, cache={}):  # noqa: B006 (a deliberate memo of URI → kind)
    kind = cache.get(uri)
    if kind is None:
        kind = next((name for name, pattern in NAMESPACES if pattern.match(uri)), "?")
        cache[uri] = kind
    return kind


def name_of(element):
    """(namespace kind, local name): ("wp", "post_id"), ("", "title"), ("?", …) for a
    namespace Pulse does not know."""
    tag = element.tag
    if tag[0] != "{":
        return "", tag
    uri, local = tag[1:].split("}", 1)
    return _kind(uri), local


def text_of(element):
    return (element.text or "").strip(XML_SPACE)


def _int(value):
    value = (value or "").strip(XML_SPACE)
    return int(value) if value.isascii() and value.isdigit() else None


def _fields(element):
    """The WordPress-namespace children of ``element`` as {local name: text}; the last of
    a repeated name wins (as WordPress's own reader does)."""
    values = {}
    for child in element:
        kind, local = name_of(child)
        if kind == "wp":
            values[local] = text_of(child)
    return values


def read_author(element):
    values = _fields(element)
    login = values.get("author_login", "")
    if not login:
        return None
    return AuthorRecord(
        login=login,
        wordpress_id=_int(values.get("author_id")),
        email=values.get("author_email", ""),
        display_name=values.get("author_display_name", ""),
        first_name=values.get("author_first_name", ""),
        last_name=values.get("author_last_name", ""),
        bio=values.get("author_description", ""),
    )


def read_term(local, element):
    values = _fields(element)
    if local == "category":
        return TermRecord(
            taxonomy="category",
            slug=values.get("category_nicename", ""),
            name=values.get("cat_name", ""),
            wordpress_id=_int(values.get("term_id")),
            parent_slug=values.get("category_parent", ""),
            description=values.get("category_description", ""),
        )
    if local == "tag":
        return TermRecord(
            taxonomy="post_tag",
            slug=values.get("tag_slug", ""),
            name=values.get("tag_name", ""),
            wordpress_id=_int(values.get("term_id")),
            description=values.get("tag_description", ""),
        )
    return TermRecord(
        taxonomy=values.get("term_taxonomy", ""),
        slug=values.get("term_slug", ""),
        name=values.get("term_name", ""),
        wordpress_id=_int(values.get("term_id")),
        parent_slug=values.get("term_parent", ""),
        description=values.get("term_description", ""),
    )


def read_comment(element):
    values = _fields(element)
    return CommentRecord(
        wordpress_id=_int(values.get("comment_id")),
        author=values.get("comment_author", ""),
        author_email=values.get("comment_author_email", ""),
        author_url=values.get("comment_author_url", ""),
        author_ip=values.get("comment_author_IP", ""),
        user_agent=values.get("comment_agent", ""),
        date=values.get("comment_date", ""),
        date_gmt=values.get("comment_date_gmt", ""),
        content=values.get("comment_content", ""),
        approved=values.get("comment_approved", ""),
        type=values.get("comment_type", ""),
        parent_id=_int(values.get("comment_parent")) or None,
        user_id=_int(values.get("comment_user_id")) or None,
    )


ITEM_TEXT = {
    ("", "title"): "title",
    ("", "link"): "link",
    ("", "guid"): "guid",
    ("", "pubDate"): "pub_date",
    ("dc", "creator"): "creator",
    ("wp", "author"): "creator",
    ("content", "encoded"): "content",
    ("excerpt", "encoded"): "excerpt",
    ("wp", "post_date"): "post_date",
    ("wp", "post_date_gmt"): "post_date_gmt",
    ("wp", "comment_status"): "comment_status",
    ("wp", "post_name"): "slug",
    ("wp", "status"): "status",
    ("wp", "post_type"): "post_type",
    ("wp", "post_password"): "password",
    ("wp", "attachment_url"): "attachment_url",
}
TAXONOMY_ALIASES = {"tag": "post_tag"}  # WXR 1.0


def read_item(element, line):
    item = ItemRecord(line=line)
    plain_categories = []
    for child in element:
        key = name_of(child)
        attribute = ITEM_TEXT.get(key)
        if attribute is not None:
            setattr(item, attribute, text_of(child))
        elif key == ("wp", "post_id"):
            item.wordpress_id = _int(child.text)
        elif key == ("wp", "post_parent"):
            item.parent_id = _int(child.text) or None
        elif key == ("wp", "is_sticky"):
            item.sticky = text_of(child) == "1"
        elif key == ("", "category"):
            domain = child.get("domain", "")
            name = text_of(child)
            if not domain:
                plain_categories.append(name)
            elif name or child.get("nicename"):
                taxonomy = TAXONOMY_ALIASES.get(domain, domain)
                item.terms.append(ItemTerm(taxonomy, child.get("nicename", ""), name))
        elif key == ("wp", "postmeta"):
            values = _fields(child)
            if values.get("meta_key"):
                item.meta[values["meta_key"]] = values.get("meta_value", "")
        elif key == ("wp", "comment"):
            item.comments.append(read_comment(child))
    if not item.terms:
        # Old exports (and hand-written ones) name categories as bare text only; when an
        # item has nothing better, the first is its category and the rest its tags.
        item.terms = [ItemTerm("category", "", name) for name in plain_categories if name]
    if item.wordpress_id is None:
        found = POST_ID_IN_URL.search(item.guid) or POST_ID_IN_URL.search(item.link)
        item.wordpress_id = int(found.group(1)) if found else None
    return item


def _parse_error_message(error, source):
    line, column = error.position
    reason = str(error).split(":", 1)[0]
    if reason == "no element found":
        return f"{source} ends too early, at line {line}: the export is truncated."
    return f"{source} is not well-formed XML: {reason} at line {line}, column {column + 1}."


def read_wxr(file, *, name=None):
    """Yield a :class:`Site` first, then Author, Term and Item records in file order.

    ``file`` is a path or a binary file object.  Raises :class:`WXRError` with a message
    naming the line (or the missing or invalid WXR version) for anything that is not a
    well-formed WXR export."""
    source = name or (Path(file).name if isinstance(file, (str, Path)) else "The file")
    depth = 0
    channel = None
    site = None
    version = None
    details = {}
    try:
        for event, element, line in _events(file):
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise WXRError(
                        f"{source} is not a WordPress export (WXR): it starts with "
                        f"<{element.tag}> at line {line}, not <rss>."
                    )
                if depth == 2:
                    if element.tag != "channel":
                        raise WXRError(
                            f"{source} is not a WordPress export (WXR): <{element.tag}> at "
                            f"line {line} where <channel> should be."
                        )
                    channel = element
                continue
            depth -= 1
            if depth != 2:
                continue
            kind, local = name_of(element)
            record = None
            if kind == "wp" and local == "wxr_version":
                version = text_of(element)
            elif (kind, local) in {("", "title"), ("", "link")}:
                details.setdefault(local, text_of(element))
            elif kind == "wp" and local in {"base_site_url", "base_blog_url"}:
                details[local] = text_of(element)
            elif kind == "wp" and local in {"author", "wp_author"}:
                record = read_author(element)
            elif kind == "wp" and local in {"category", "tag", "term"}:
                record = read_term(local, element)
            elif (kind, local) == ("", "item"):
                record = read_item(element, line=line)
            if record is not None:
                if site is None:
                    site = _site(source, version, details)
                    yield site
                yield record
            channel.clear()  # every record is done with: memory stays flat
    except ElementTree.ParseError as error:
        raise WXRError(_parse_error_message(error, source)) from None
    if channel is None:
        raise WXRError(f"{source} is not a WordPress export (WXR): no <channel>.")
    if site is None:
        yield _site(source, version, details)


def _events(file):
    """(event, element, line) from a pull parser fed one line at a time: iterparse's
    streaming, with the line each element started or ended on, for messages."""
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    opened = open(file, "rb") if isinstance(file, (str, Path)) else None  # noqa: SIM115
    line = 0
    try:
        for line, raw in enumerate(opened or file, start=1):
            parser.feed(raw)
            for event, element in parser.read_events():
                yield event, element, line
        parser.close()
        for event, element in parser.read_events():
            yield event, element, line
    finally:
        if opened is not None:
            opened.close()


def _site(source, version, details):
    if version is None:
        raise WXRError(
            f"{source} does not appear to be a WordPress export (WXR): it has no "
            "<wp:wxr_version> in WordPress's namespace."
        )
    if version not in VERSIONS:
        raise WXRError(
            f"{source} has WXR version “{version}”, which is not one Pulse reads "
            f"({', '.join(sorted(VERSIONS))})."
        )
    return Site(
        wxr_version=version,
        title=details.get("title", ""),
        link=details.get("link", ""),
        base_site_url=details.get("base_site_url", ""),
        base_blog_url=details.get("base_blog_url", "") or details.get("link", ""),
    )

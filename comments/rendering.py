"""Readers write plain text.  It is stored as typed and rendered once, on save, to HTML:
escaped, paragraphs and line breaks kept, bare links made clickable with rel="nofollow ugc"."""

import nh3
from django.utils.html import linebreaks, urlize


def render_comment_body(text):
    # urlize escapes everything it does not turn into a link and never links "javascript:";
    # nh3 then guarantees the only markup left is p, br and http(s) links.
    linked = urlize(text.strip(), trim_url_limit=60, nofollow=True, autoescape=True)
    return nh3.clean(
        linebreaks(linked),
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc noopener noreferrer",
    )

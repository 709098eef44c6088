"""The paths a WordPress post answered at, as Pulse stores and looks them up: percent-
decoded, doubled slashes collapsed, a trailing slash, with and without the sub-folder a blog
lived in (https://example.org/blog/…)."""

import re
from urllib.parse import unquote, urlsplit


def normalise_path(path):
    path = unquote(path or "", errors="replace")
    path = re.sub(r"/{2,}", "/", "/" + path.strip())
    if not path.endswith("/"):
        path += "/"
    return path


def blog_prefix(base_url):
    """ "/blog" for a blog at https://example.org/blog, "" at a site's root."""
    return normalise_path(urlsplit(base_url or "").path).rstrip("/")


def old_paths(*, link, prefix, slug, date):
    """Every path the post may be linked at: its <link>'s, /YYYY/MM/slug/ and /slug/, each
    also under the blog's sub-folder.  Query-string links (?p=12) are left to the ids."""
    found = []
    parts = urlsplit(link or "")
    if parts.path.strip("/") and not parts.query:
        found.append(normalise_path(parts.path))
    if slug:
        shapes = [f"/{slug}/"]
        if date is not None:
            shapes.insert(0, f"/{date:%Y}/{date:%m}/{slug}/")
            shapes.insert(1, f"/{date:%Y}/{date:%m}/{date:%d}/{slug}/")
        for shape in shapes:
            found.append(normalise_path(shape))
            if prefix:
                found.append(normalise_path(prefix + shape))
    if prefix:
        for path in list(found):
            if path.startswith(prefix + "/"):
                found.append(normalise_path(path[len(prefix) :]))
    return list(dict.fromkeys(path for path in found if path != "/"))

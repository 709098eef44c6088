"""Links to pages named by a slug (articles, categories, authors), reversed once per process.

A page links to the same few dozen pages from its cards, bylines, breadcrumbs and menu, and
reverse() walks the URL resolver for each.  The answer depends only on the view name, the
slug, the script prefix the site is served under and the language, so it is kept on those."""

import functools

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language


def slug_url(viewname, slug):
    return _reverse(viewname, slug, get_script_prefix(), get_language())


@functools.lru_cache(maxsize=8192)
def _reverse(viewname, slug, _prefix, _language):
    return reverse(viewname, kwargs={"slug": slug})

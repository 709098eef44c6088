"""Small conversions from WordPress's values to Pulse's: dates, slugs, summaries."""

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.text import Truncator, slugify
from text_unidecode import unidecode

from core.wordpress.markup import plain_title

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
EMPTY_DATE = "0000-00-00 00:00:00"


def parse_date(gmt, local="", rfc822=""):
    """The moment a post or comment was made: WordPress's GMT column when it has one, else
    its local time in the site's time zone, else the RSS pubDate; None when none is given."""
    for value, zone in ((gmt, UTC), (local, ZoneInfo(settings.TIME_ZONE))):
        if value and value != EMPTY_DATE:
            try:
                return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
            except ValueError:
                continue
    if rfc822:
        try:
            return parsedate_to_datetime(rfc822)
        except (TypeError, ValueError):
            return None
    return None


def ascii_slug(text, max_length=200):
    """A readable ASCII slug: "Ελληνικά" → "ellenika", "Café" → "cafe"."""
    return slugify(unidecode(unquote(text or "")))[:max_length].strip("-")


def kept_slug(post_name, max_length=200):
    """WordPress's own slug when Pulse can use it as is (ASCII, URL-safe), else None."""
    slug = unquote(post_name or "")
    if slug and len(slug) <= max_length and SLUG.match(slug):
        return slug
    return None


def unique(slug, taken, max_length=200):
    """``slug``, or ``slug-2``, ``slug-3``… the first that ``taken(candidate)`` refuses."""
    candidate, number = slug, 1
    while taken(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = slug[: max_length - len(suffix)] + suffix
    return candidate


def summary_from(excerpt, body_text, max_length=300):
    text = " ".join(plain_title(excerpt).split()) or " ".join((body_text or "").split())
    return Truncator(text).chars(max_length)

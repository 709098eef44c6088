"""Every URL pattern, walked with hostile input, answers with a 4xx or a handled 2xx/3xx and
never a 500: wrong types, huge numbers, invalid UTF-8, null bytes, unknown ids, path
tricks and very long or very many parameters, in the path, the query string and the body.

The patterns come from the live URL configuration, so a view added later is walked too.
Public pages are visited by an anonymous reader; admin pages by a superuser (anonymous
visitors only ever get the login redirect there, which would prove nothing).
"""

import re

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import Article

# Values put in place of each path parameter, already percent-encoded as a client sends them.
SEGMENTS = [
    "0",
    "-1",
    "1.5",
    "99999999999999999999999999999",
    "abc",
    "%00",
    "a%00b",
    "%FF%FE",
    "%C3%28",
    "%ED%A0%80",
    "..%2F..%2Fetc%2Fpasswd",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "1%0D%0ASet-Cookie:%20x=1",
    "x" * 3000,
]

# Query strings added to a valid URL of each pattern.
QUERIES = [
    "page=abc",
    "page=0",
    "page=-1",
    "page=99999999999999999999",
    "page=%00",
    "replyto=99999999999999999999",
    "replyto=-5",
    "replyto=%FF%FE",
    "replyto=1%00",
    "q=" + "x" * 20000,
    "q=%00",
    "o=abc",
    "o=%FF",
    "p=-1",
    "status__exact=%FF",
    "id__gt=abc",
    "published_at__gte=not-a-date",
    "_changelist_filters=%FF%00",
    "next=%FF%00",
    "%FF=%FE",
    "&".join(f"k{i}=v" for i in range(1500)),
]


def form_fields(**overrides):
    """A plausible comment/admin form post, with some fields replaced."""
    fields = {
        "author_name": "Hostile Reader",
        "author_email": "hostile@example.com",
        "author_website": "",
        "body": "Testing edges.",
    }
    fields.update(overrides)
    return fields


# Request bodies POSTed to a valid URL of each pattern: (content type, body).
FORM = "application/x-www-form-urlencoded"
BODIES = [
    (None, form_fields(parent="99999999999999999999999")),
    (None, form_fields(parent="abc")),
    (None, form_fields(parent="-1")),
    (None, form_fields(parent="1.5")),
    (None, form_fields(parent="\x00")),
    (None, form_fields(author_name="a\x00b", author_email="x@example.com\x00", body="\x00")),
    (None, form_fields(author_website="javascript:alert(1)")),
    (None, form_fields(author_name="n" * 20000, body="b" * 200_000)),
    (None, form_fields(title="\x00", slug="%00", published_at="not-a-date", status="??")),
    (None, {"action": "approve_comments", "_selected_action": ["abc", "99999999999999999999"]}),
    (None, {}),
    (FORM, b"author_name=%FF%FE&author_email=%C3%28&body=%ED%A0%80&parent=%FF"),
    (FORM, b"\xff\xfe\x00garbage"),
    (FORM, "&".join(f"k{i}=v" for i in range(1500)).encode()),
    ("application/json", b'{"body": "\\u0000"}'),
    ("multipart/form-data; boundary=broken", b"--nope\r\n\r\n"),
]

ROUTE_PARAM = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")
REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def to_template(pattern):
    """A pattern's route as a str.format template: '<slug:slug>/' becomes '{slug}/'."""
    text = str(pattern.pattern)
    if hasattr(pattern.pattern, "_route"):
        return ROUTE_PARAM.sub(r"{\g<name>}", text)
    return REGEX_PARAM.sub(r"{\g<name>}", text.lstrip("^").rstrip("$")).replace("\\", "")


def walk(patterns, prefix="", namespace=""):
    """(template, full name) of every leaf URL pattern, through every include()."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from walk(pattern.url_patterns, prefix + to_template(pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(filter(None, [namespace, pattern.name or ""]))
            yield prefix + to_template(pattern), name


LEAVES = sorted(set(walk(get_resolver().url_patterns)))


class Values(dict):
    """Parameter values; a parameter no one has described yet (a new view) gets "1"."""

    def __missing__(self, key):
        return "1"


def valid_values(name, site):
    """Real values for a pattern's parameters, so that each one is also probed where it
    would otherwise work."""
    article = site["article"]
    values = Values(
        {
            "slug": article.slug,
            "app_label": "articles",
            "content_type_id": str(ContentType.objects.get_for_model(Article).pk),
            "object_id": str(article.pk),
            "url": "no-such-page/",
        }
    )
    if name == "articles:category":
        values["slug"] = article.category.slug
    elif name == "articles:author":
        values["slug"] = article.author.slug
    model = next(
        (
            model
            for model in admin.site._registry
            if re.fullmatch(
                rf"admin:{model._meta.app_label}_{model._meta.model_name}_"
                r"(?:change|delete|history|password_change)",
                name,
            )
        ),
        None,
    )
    if model is not None:
        first = model._default_manager.order_by("pk").first()
        values["object_id"] = str(first.pk) if first else "1"
    values["id"] = values["object_id"]
    return values


@pytest.fixture
def walk_site(article, thread, make_comment, moderator, editor):
    """Something behind every pattern: a published article with an approved thread and a
    pending comment, its category and author, and staff users."""
    make_comment(article, status="pending", author_name="Pending Person")
    return {"article": article, "thread": thread}


def problems(response, method, url):
    if response.status_code >= 500:
        return [f"{method} {url[:160]} → {response.status_code}"]
    return []


@pytest.mark.parametrize(("template", "name"), LEAVES, ids=[t or "/" for t, _ in LEAVES])
def test_hostile_input_never_causes_a_server_error(
    client, admin_client, walk_site, template, name
):
    browser = admin_client if name.startswith("admin:") else client
    # A broken view raises inside the test client; make it answer 500 as a server would.
    browser.raise_request_exception = False
    good = valid_values(name, walk_site)
    params = sorted(set(re.findall(r"{(\w+)}", template)))
    found = []
    sent = 0

    for param in params:
        for value in SEGMENTS:
            url = "/" + template.format_map(Values(good, **{param: value}))
            found += problems(browser.get(url), "GET", url)
            found += problems(browser.post(url, form_fields()), "POST", url)
            sent += 2

    base = "/" + template.format_map(good)
    for query in QUERIES:
        url = f"{base}?{query}"
        found += problems(browser.get(url), "GET", url)
        sent += 1
    for content_type, body in BODIES:
        if content_type is None:
            response = browser.post(base, body)
        else:
            response = browser.post(base, body, content_type=content_type)
        found += problems(response, "POST", f"{base} {str(body)[:80]}")
        sent += 1

    assert sent >= len(QUERIES) + len(BODIES)
    assert not found, "\n".join(found)

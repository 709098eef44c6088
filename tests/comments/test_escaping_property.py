"""Whatever characters a commenter types, in their name, website or comment, the page shows
them as text: no tag, attribute or template syntax of theirs ever reaches the browser."""

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments.models import Comment
from comments.rendering import render_comment_body

NASTY = [
    "<", ">", "&", '"', "'", "{{", "}}", "{%", "%}", "javascript:", "<script>", "</textarea>",
    "<img src=x onerror=alert(1)>", "https://", "http://x.example/?a=1&b=<2>", "\n\n", "\r\n",
    "&lt;", "&#60;", "<a href='javascript:alert(1)'>", "www.", "@", "data:text/html,",
]  # fmt: skip
hostile_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=12).map(
    "".join
)
# Prefixed so that no tag the site's own templates use ("<head>", "<p>") can match by chance.
tag_name = st.from_regex(r"\A[a-z][a-z0-9]{0,7}\Z").map(lambda name: f"x{name}")
hypothesis_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class Markup(HTMLParser):
    """Every start tag and its attributes, as a browser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def markup(html):
    parser = Markup()
    parser.feed(html)
    parser.close()
    return parser.tags


def clean_name(text):
    """What the name field can hold: no NUL (the database refuses it), 1-80 characters."""
    return (text.replace("\x00", "").strip() or "x")[:80]


@hypothesis_settings
@given(body=hostile_text)
def test_rendered_body_is_only_paragraphs_breaks_and_web_links(body):
    for tag, attrs in markup(render_comment_body(body)):
        assert tag in {"p", "br", "a"}, tag
        if tag == "a":
            # nh3 drops an href it cannot parse ("https://0\x1b"): text, not a link.
            assert attrs.get("href", "https://").startswith(("http://", "https://")), attrs
            assert "nofollow" in attrs["rel"]


@hypothesis_settings
@given(body=st.text())
def test_rendered_body_of_any_text_is_only_safe_tags(body):
    assert {tag for tag, _attrs in markup(render_comment_body(body))} <= {"p", "br", "a"}


@hypothesis_settings
@given(tag=tag_name, name=hostile_text, body=hostile_text)
def test_page_never_contains_a_commenters_markup(client, article, tag, name, body):
    name = clean_name(f"<{tag}>{name}")
    body = f"<{tag} data-x='1'>{body}".replace("\x00", "")
    Comment.objects.all().delete()
    Comment.objects.create(
        article=article, author_name=name, author_email="p@example.com", body=body,
        status=Comment.Status.APPROVED,
    )  # fmt: skip
    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert f"<{tag}>" not in html
    assert f"<{tag} data-x=" not in html
    section = html[html.index('id="comments"') : html.index('id="write-comment"')]
    for found, attrs in markup(section):
        for url_attr in ("href", "src", "action", "formaction"):
            assert not (attrs.get(url_attr) or "").strip().lower().startswith("javascript:")
        assert not any(key.startswith("on") for key in attrs), (found, attrs)


@hypothesis_settings
@given(tag=tag_name, path=hostile_text)
def test_website_stays_inside_its_attribute(client, article, tag, path):
    website = f"https://example.com/{path}".replace("\x00", "")[:200]
    Comment.objects.all().delete()
    Comment.objects.create(
        article=article, author_name=f"<{tag}>", author_website=website,
        author_email="p@example.com", body="Hello.", status=Comment.Status.APPROVED,
    )  # fmt: skip
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index('id="comments"') : html.index('id="write-comment"')]
    links = [
        attrs for found, attrs in markup(section) if found == "a" and "ugc" in attrs.get("rel", "")
    ]
    assert [attrs["href"] for attrs in links][:1] == [website]
    assert not any(key.startswith("on") for attrs in links for key in attrs)

"""Whatever readers and editors type is shown as text, never run as markup or code."""

import re

import pytest

from comments.models import Comment

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


def article_html(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def comment_text(html, comment):
    """The rendered body of one comment on the page."""
    start = html.index(f'id="comment-{comment.pk}"')
    start = html.index('<div class="comment-text">', start)
    return html[start : html.index("</div>", start)]


def test_comment_body_and_name_are_escaped(client, article, make_comment):
    comment = make_comment(article, author_name=SCRIPT, body=f"Look: {SCRIPT}")
    html = article_html(client, article)
    assert "<script>alert" not in html
    assert ESCAPED_SCRIPT in comment_text(html, comment)
    assert f'<b class="comment-author">{ESCAPED_SCRIPT}</b>' in html


def test_attribute_breaking_name_stays_inside_its_attribute(client, article, make_comment):
    make_comment(article, author_name='Eve" onmouseover="alert(1)')
    html = article_html(client, article)
    assert 'onmouseover="alert(1)"' not in html
    assert '<b class="comment-author">Eve&quot; onmouseover=&quot;alert(1)</b>' in html


def test_template_syntax_is_shown_literally(client, article, make_comment):
    comment = make_comment(
        article, author_name="{{ 6*7 }}", body="Is it {{ 7*7 }} or {% now 'Y' %}?"
    )
    html = article_html(client, article)
    body = comment_text(html, comment)
    assert "{{ 7*7 }}" in body and "{% now " in body
    assert "49" not in body
    assert '<b class="comment-author">{{ 6*7 }}</b>' in html


def test_javascript_website_is_refused(client, post_url, comment_data):
    comment_data["author_website"] = "javascript:alert(1)"
    response = client.post(post_url, comment_data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a web address starting with https://." in html
    assert 'href="javascript:' not in html
    assert not Comment.objects.exists()


def test_commenter_website_links_with_nofollow(client, article, make_comment):
    make_comment(article, author_name="Web Person", author_website="https://example.org/me")
    html = article_html(client, article)
    link = re.search(r'<a href="https://example.org/me" rel="([^"]*)">Web Person</a>', html)
    assert link and {"nofollow", "ugc"} <= set(link.group(1).split())


def test_javascript_in_body_is_not_a_link(client, article, make_comment):
    comment = make_comment(
        article, body="Try javascript:alert(1) and <a href='javascript:x'>me</a>"
    )
    body = comment_text(article_html(client, article), comment)
    assert "<a" not in body
    assert "javascript:alert(1)" in body
    assert "&lt;a href=" in body and "&gt;me&lt;/a&gt;" in body


def test_body_url_becomes_a_nofollow_ugc_link(client, article, make_comment):
    comment = make_comment(article, body="Read https://example.org for more.")
    body = comment_text(article_html(client, article), comment)
    link = re.search(r'<a href="https://example.org"([^>]*)>https://example.org</a>', body)
    assert link, body
    rel = re.search(r'rel="([^"]*)"', link.group(1)).group(1).split()
    assert {"nofollow", "ugc"} <= set(rel)


def test_blank_lines_make_paragraphs(client, article, make_comment):
    comment = make_comment(article, body="First thought.\n\nSecond thought,\nsame paragraph.")
    body = comment_text(article_html(client, article), comment)
    assert "<p>First thought.</p>" in body
    assert "<p>Second thought,<br>same paragraph.</p>" in body


def test_retyped_values_are_escaped_after_an_error(client, post_url):
    typed = {
        "author_name": '"><script>alert(1)</script>',
        "author_email": "bad",
        "body": "</textarea><script>alert(2)</script>",
    }
    html = client.post(post_url, typed).content.decode()
    assert "Your comment was not posted" in html
    assert "<script>alert" not in html
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>" in html


def test_thank_you_message_escapes_the_name(client, article, post_url, comment_data):
    comment_data["author_name"] = "<b>Bold</b>"
    response = client.post(post_url, comment_data, follow=True)
    html = response.content.decode()
    assert "Thank you, &lt;b&gt;Bold&lt;/b&gt;." in html
    assert "<b>Bold</b>" not in html


def test_reply_quote_is_escaped(client, article, make_comment):
    comment = make_comment(article, author_name="<i>Quoted</i>", body=SCRIPT)
    html = article_html(client, article, f"?replyto={comment.pk}")
    assert "Replying to <strong data-reply-name>&lt;i&gt;Quoted&lt;/i&gt;</strong>" in html
    assert f'<blockquote class="reply-quote small">{ESCAPED_SCRIPT}</blockquote>' in html
    assert "<script>alert" not in html


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        (f"Before.\n\n{SCRIPT}\n\nAfter.", ["<script>alert", "alert(1)"]),
        ('Before.\n\n<img src="x" onerror="alert(1)">\n\nAfter.', ["<img", "onerror"]),
        ("Before [x](javascript:alert(1)) after.", ["javascript:"]),
        (
            'Before <a href="javascript:alert(1)" onclick="x()">y</a> after.',
            ["javascript:", "onclick"],
        ),
        (
            'Before <iframe src="https://evil.example"></iframe> after.',
            ["<iframe", "evil.example"],
        ),
        ('Before <p style="position:fixed">covered</p> after.', ["position:fixed"]),
    ],
    ids=["script", "img-onerror", "md-link", "html-link", "iframe", "style"],
)
def test_article_markdown_is_sanitised(client, make_article, markdown, forbidden):
    article = make_article(body=markdown)
    body_start = '<div class="article-body">'
    html = article_html(client, article)
    shown = html[html.index(body_start) : html.index("</div>", html.index(body_start))]
    for text in forbidden:
        assert text not in article.body_html
        assert text not in shown
    assert "Before" in shown


def test_article_title_and_summary_are_escaped(client, make_article):
    article = make_article(title=f"Title {SCRIPT}", summary=f"Summary {SCRIPT}")
    html = article_html(client, article)
    assert "<script>alert" not in html
    assert f"Title {ESCAPED_SCRIPT}" in html
    home = client.get("/").content.decode()
    assert f"Summary {ESCAPED_SCRIPT}" in home and "<script>alert" not in home

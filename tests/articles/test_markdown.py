"""Article bodies: Markdown rendered once on save into anchored HTML, a TOC and a reading time."""

import re
from collections import Counter

import pytest

from articles.rendering import render_markdown

SECTIONS = """Intro.

## Causes

Text.

### In childhood

Text.

### In adulthood

Text.

## Treatment

Text.

#### Too deep for the table of contents
"""


def test_headings_get_ids():
    html = render_markdown(SECTIONS).html
    assert '<h2 id="causes">Causes</h2>' in html
    assert '<h3 id="in-childhood">In childhood</h3>' in html
    assert '<h2 id="treatment">Treatment</h2>' in html


def test_toc_has_sections_with_their_subsections():
    assert render_markdown(SECTIONS).toc == [
        {
            "id": "causes",
            "name": "Causes",
            "children": [
                {"id": "in-childhood", "name": "In childhood"},
                {"id": "in-adulthood", "name": "In adulthood"},
            ],
        },
        {"id": "treatment", "name": "Treatment", "children": []},
    ]


def test_repeated_headings_get_distinct_ids():
    rendered = render_markdown("## Summary\n\ntext\n\n## Summary\n")
    ids = re.findall(r'<h2 id="([^"]+)"', rendered.html)
    assert len(ids) == 2 and len(set(ids)) == 2
    assert [entry["id"] for entry in rendered.toc] == ids


def test_level_one_heading_becomes_h2():
    rendered = render_markdown("# Big title\n\nText.\n\n## Next\n")
    assert "<h1" not in rendered.html
    assert '<h2 id="big-title">Big title</h2>' in rendered.html
    assert [entry["name"] for entry in rendered.toc] == ["Big title", "Next"]


def test_tables_and_lists_render():
    source = (
        "| Factor | Share |\n| --- | ---: |\n| Trauma | 64% |\n\n"
        "1. first\n2. second\n\n"
        "- alpha\n- beta\n\n"
        "3. three\n4. four\n"
    )
    html = render_markdown(source).html
    assert "<table>" in html and "<th>Factor</th>" in html and "<td>Trauma</td>" in html
    assert '<th style="text-align:right">Share</th>' in html  # alignment survives nh3
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<ul>\n<li>alpha</li>\n<li>beta</li>\n</ul>" in html
    assert '<ol start="3">' in html


def test_inline_formatting_and_links_render():
    html = render_markdown("Some **bold**, *italic* and [a link](https://example.org).").html
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert '<a href="https://example.org"' in html


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (1, 1), (220, 1), (221, 2), (440, 2), (441, 3), (2200, 10)]
)
def test_reading_time_is_words_over_220_rounded_up(words, minutes):
    assert render_markdown(" ".join(["word"] * words)).reading_minutes == minutes


def test_reading_time_ignores_markup():
    source = "## Heading here\n\n" + "| a | b |\n| --- | --- |\n| c | d |\n" + "word " * 200
    rendered = render_markdown(source)
    assert rendered.word_count == 2 + 4 + 200
    assert rendered.reading_minutes == 1


def test_save_stores_html_toc_and_reading_time(make_article):
    article = make_article(body=SECTIONS + "\n" + "word " * 500)
    assert '<h2 id="causes">Causes</h2>' in article.body_html
    assert [entry["id"] for entry in article.toc] == ["causes", "treatment"]
    assert article.reading_minutes == 3


def test_changing_the_body_rerenders_on_save(article):
    article.body = "## Brand new section\n\nFresh words."
    article.save()
    article.refresh_from_db()
    assert '<h2 id="brand-new-section">Brand new section</h2>' in article.body_html
    assert "First section" not in article.body_html
    assert [entry["name"] for entry in article.toc] == ["Brand new section"]


def test_saving_only_the_body_field_still_rerenders(article):
    article.body = "## Only body saved\n\n" + "word " * 300
    article.save(update_fields=["body"])
    article.refresh_from_db()
    assert '<h2 id="only-body-saved">' in article.body_html
    assert article.toc[0]["id"] == "only-body-saved"
    assert article.reading_minutes == 2


def test_page_shows_toc_and_anchored_body(client, make_article):
    article = make_article(body=SECTIONS)
    html = client.get(article.get_absolute_url()).content.decode()
    toc = html[html.index('class="article-toc"') : html.index("</nav>", html.index("article-toc"))]
    assert '<a href="#causes">Causes</a>' in toc
    assert '<a href="#in-adulthood">In adulthood</a>' in toc
    assert toc.index("#causes") < toc.index("#in-childhood") < toc.index("#treatment")
    assert "Too deep" not in toc
    assert '<h3 id="in-adulthood">In adulthood</h3>' in html


def test_body_without_headings_has_no_toc(client, make_article):
    article = make_article(body="Just a paragraph.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert article.toc == []
    assert "In this article" not in html
    assert "<p>Just a paragraph.</p>" in html


def test_toc_shows_heading_text_as_written(client, make_article):
    article = make_article(body="## Risks & benefits\n\nText.\n\n### Dose <1 mg\n\nText.\n")
    html = client.get(article.get_absolute_url()).content.decode()
    toc = html[html.index('class="article-toc"') : html.index("</nav>", html.index("article-toc"))]
    # Readers must see "Risks & benefits", not "Risks &amp; benefits".
    assert '<a href="#risks-benefits">Risks &amp; benefits</a>' in toc
    assert "&amp;amp;" not in toc
    assert "Dose &lt;1 mg</a>" in toc
    assert "&amp;lt;" not in toc


def test_heading_ids_never_clash_with_the_pages_own(client, make_article, make_comment):
    article = make_article(
        body="## Comments\n\nText.\n\n## Main\n\nText.\n\n## Comment 1\n\nText."
    )
    make_comment(article)
    html = client.get(article.get_absolute_url()).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    # Duplicates would send "#comments" (where a new comment lands) to the article's heading.
    assert [name for name, n in ids.items() if n > 1] == []
    for entry in article.toc:
        assert f'href="#{entry["id"]}"' in html and ids[entry["id"]] == 1

"""WordPress bodies (classic HTML, block markup, shortcodes) become Pulse Markdown that
renders with their headings, tables, lists, links, emphasis, quotes and code; what Pulse
cannot show stays readable and is listed per article in the report."""

from articles.models import Article
from tests.helpers import import_file, import_wordpress_export, write_wxr, wxr_post

BLOCKS = """<!-- wp:heading -->
<h2 class="wp-block-heading">Symptoms</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Most <strong>fevers</strong> pass in <em>three days</em>;
see <a href="https://www.nhs.uk/">the NHS</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:list {"ordered":true} -->
<ol><li>Rest</li><li>Drink water</li></ol>
<!-- /wp:list -->

<!-- wp:list -->
<ul><li>Paracetamol</li><li>Ibuprofen</li></ul>
<!-- /wp:list -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Age</th><th>Dose</th></tr></thead>
<tbody><tr><td>6–12</td><td>250 mg</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Call 111 if unsure.</p></blockquote>
<!-- /wp:quote -->

<!-- wp:code -->
<pre class="wp-block-code"><code>dose = weight * 15</code></pre>
<!-- /wp:code -->

<!-- wp:latest-posts /-->

[gallery ids="1,2,3"]"""


def test_block_markup_keeps_its_structure(db, tmp_path):
    report = import_file(write_wxr(tmp_path / "b.xml", wxr_post(1, content=BLOCKS)))
    article = Article.objects.get()
    html = article.body_html
    assert "<!--" not in article.body and "wp:" not in article.body
    assert '<h2 id="symptoms">Symptoms</h2>' in html
    assert "<strong>fevers</strong>" in html and "<em>three days</em>" in html
    assert '<a href="https://www.nhs.uk/" rel="noopener noreferrer">the NHS</a>' in html
    assert "<ol>\n<li>Rest</li>\n<li>Drink water</li>\n</ol>" in html
    assert "<li>Paracetamol</li>" in html
    assert "<th>Age</th>" in html and "<td>250 mg</td>" in html
    assert "<blockquote>\n<p>Call 111 if unsure.</p>\n</blockquote>" in html
    assert "<pre><code>dose = weight * 15\n</code></pre>" in html
    # What Pulse cannot show is there to read, and listed for the editor.
    assert "[WordPress block: latest posts]" in article.body_text
    assert '[gallery ids="1,2,3"]' in article.body_text
    assert "block “latest-posts” kept as text" in report
    assert "shortcode [gallery] kept as text" in report


def test_classic_captions_become_figure_captions(db, tmp_path):
    caption = ('[caption id="attachment_9" align="alignnone" width="300"]<img src="https://'
               'old.example/wp-content/uploads/2020/05/x.jpg" alt="A thermometer" /> Taking a '
               "temperature[/caption]")  # fmt: skip
    import_file(write_wxr(tmp_path / "c.xml", wxr_post(1, content=caption)))
    body = Article.objects.get().body_text
    assert "[caption" not in body
    assert "A thermometer — Taking a temperature" in body


def test_the_block_test_data_leaves_no_block_comment(db):
    import_wordpress_export("64-block-test-data.xml")
    assert Article.objects.count() == 62
    assert not Article.objects.filter(body__contains="<!-- wp:").exists()
    assert not Article.objects.filter(body_html__contains="wp:").exists()

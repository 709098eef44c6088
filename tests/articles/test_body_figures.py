"""Pictures in a body come from the media library: ``![alt](image:ID "caption")`` is shown
as a <figure> with WebP and JPEG srcsets, its size, lazy loading, the caption and the
credit; a picture from anywhere else is never shown (a reader's page asks no other site for
anything) and the editor is told why; every picture of a body costs one query."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.figures import figures_for
from articles.models import ArticleImage
from tests.helpers import edit_in_admin


def figure_html(html):
    return html[html.index("<figure") : html.index("</figure>") + len("</figure>")]


def test_a_library_picture_is_a_figure_with_srcsets_size_caption_and_credit(
    client, make_article, library_image
):
    body = f'Before.\n\n![Hours slept, by age](image:{library_image.pk} "Sleep by age")\n\nAfter.'
    article = make_article(body=body)
    figure = figure_html(client.get(article.get_absolute_url()).content.decode())
    webp = re.search(r'<source [^>]*srcset="([^"]+)"', figure).group(1)
    assert 'type="image/webp"' in figure
    assert [entry.split()[-1] for entry in webp.split(", ")] == ["480w", "800w", "1200w"]
    img = re.search(r"<img [^>]+>", figure).group(0)
    jpeg = re.search(r'srcset="([^"]+)"', img).group(1)
    assert all(entry.split()[0].endswith(".jpg") for entry in jpeg.split(", "))
    assert 'width="1200"' in img and 'height="675"' in img
    assert 'alt="Hours slept, by age"' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img and "sizes=" in img
    assert "<figcaption>Sleep by age" in figure
    assert '<small class="figure-credit">Chart: Pulse, CC BY 4.0</small>' in figure
    assert "<p>Before.</p>" in article.body_html and "<p>After.</p>" in article.body_html


def test_alt_and_caption_fall_back_to_the_librarys(make_article, library_image):
    article = make_article(body=f"![](image:{library_image.pk})")
    assert 'alt="A bar chart of hours slept"' in article.body_html
    assert "<figcaption>Hours slept by age group" in article.body_html


def test_a_picture_inside_a_sentence_splits_the_paragraph(make_article, library_image):
    article = make_article(body=f"Look: ![x](image:{library_image.pk}) and more.")
    html = article.body_html
    assert html.index("<p>Look: </p>") < html.index("<figure") < html.index("and more.</p>")
    assert "<p><figure" not in html


def test_a_picture_from_another_site_is_not_shown(make_article):
    article = make_article(
        body="![A tracker](https://tracker.example/pixel.png)\n\n"
        '<img src="https://tracker.example/raw.png" alt="raw">\n\n'
        "![ref][1]\n\n[1]: https://tracker.example/ref.png\n\nText stays."
    )
    assert "tracker.example" not in article.body_html
    assert "<img" not in article.body_html
    assert "<p>Text stays.</p>" in article.body_html


def test_the_preview_says_why_a_picture_is_missing(client, editor, library_image):
    client.force_login(editor)
    body = (
        f"![Chart](image:{library_image.pk})\n\n![Hot link](https://elsewhere.example/a.png)"
        "\n\n![Gone](image:999999)"
    )
    result = client.post(reverse("admin:articles_article_markdown_preview"), {"body": body})
    data = result.json()
    assert "<figure" in data["html"] and "elsewhere.example" not in data["html"]
    first, second = data["problems"]
    assert "The picture “Hot link” (https://elsewhere.example/a.png) is not shown" in first
    assert "pictures come only from the media library" in first
    assert "The picture “Gone” (image:999999) is not shown: there is no such image" in second


def test_saving_warns_about_pictures_left_out(client, editor, article):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    edit_in_admin(client, url, article, body="![x](http://example.org/x.png)\n\nText.")
    page = client.get(url).content.decode()
    assert "The picture “x” (http://example.org/x.png) is not shown" in page


def test_every_picture_of_a_body_costs_one_query(make_library_image, django_assert_num_queries):
    images = [make_library_image(size=(320, 180)) for _ in range(5)]
    body = "\n\n".join(f"![Picture {i}](image:{image.pk})" for i, image in enumerate(images))
    with django_assert_num_queries(1):
        figures = figures_for(body)
    assert sorted(figures) == sorted(str(image.pk) for image in images)
    with django_assert_num_queries(0):
        assert figures_for("No pictures here.") == {}


def test_saving_costs_the_same_for_one_picture_or_five(
    make_article, make_library_image, django_assert_num_queries
):
    images = [make_library_image(size=(320, 180)) for _ in range(5)]
    one = make_article(slug="one", body=f"![a](image:{images[0].pk})")
    five = make_article(
        slug="five", body="\n\n".join(f"![a](image:{image.pk})" for image in images)
    )
    counts = []
    for article, extra in ((one, "One."), (five, "Five.")):
        article.body += f"\n\n{extra}"
        with CaptureQueriesContext(connection) as queries:
            article.save()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert five.body_html.count("<figure") == 5


def test_the_articles_pictures_are_recorded_and_kept_in_step(make_article, make_library_image):
    kept, dropped = make_library_image(), make_library_image()
    article = make_article(body=f"![a](image:{kept.pk})\n\n![b](image:{dropped.pk})")
    uses = ArticleImage.objects.filter(article=article)
    assert set(uses.values_list("image_id", flat=True)) == {kept.pk, dropped.pk}
    article.body = f"![a](image:{kept.pk}) only"
    article.save()
    assert set(uses.values_list("image_id", flat=True)) == {kept.pk}


def test_a_caption_changed_in_the_library_reaches_the_article(
    client, editor, make_article, library_image
):
    article = make_article(body=f"![a](image:{library_image.pk})")
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_image_change", args=[library_image.pk]),
        {"alt_text": library_image.alt_text, "caption": "A new caption", "credit": ""},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert "<figcaption>A new caption</figcaption>" in article.body_html
    assert "figure-credit" not in article.body_html

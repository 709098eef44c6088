"""Images found in the uploads folder (--media-dir) go into the media library: inline
images become library figures with their captions, the featured image the cover; what is
missing is listed, never fatal; a dry run leaves no file behind."""

import pytest

from articles.library import Image
from articles.models import Article
from tests.helpers import image_file, import_file, write_wxr, wxr_post

UPLOADS = "https://old.example/wp-content/uploads"
BODY = (
    f'[caption id="attachment_9" width="300"]<img src="{UPLOADS}/2020/05/thermometer-300x200.png"'
    ' alt="A thermometer under a tongue" /> Taking a temperature[/caption]'
    f'\n\n<p>No file: <img src="{UPLOADS}/2020/05/missing.png" alt="Gone" /></p>'
)  # fmt: skip
ATTACHMENT = f"""<item><title>Clinic</title><wp:post_id>50</wp:post_id>
<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>{UPLOADS}/2020/05/clinic.png</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>
<wp:meta_value><![CDATA[The clinic's waiting room]]></wp:meta_value></wp:postmeta></item>
"""
FEATURED = "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>50</wp:meta_value></wp:postmeta>"  # noqa: E501


@pytest.fixture
def uploads(tmp_path):
    """A WordPress uploads folder holding two of the three pictures the export names."""
    folder = tmp_path / "uploads" / "2020" / "05"
    folder.mkdir(parents=True)
    (folder / "thermometer.png").write_bytes(image_file(size=(800, 533)).read())
    (folder / "clinic.png").write_bytes(image_file(size=(1600, 900), color=(200, 40, 40)).read())
    return tmp_path / "uploads"


@pytest.fixture
def export(tmp_path):
    return write_wxr(tmp_path / "media.xml", wxr_post(1, content=BODY, extra=FEATURED), ATTACHMENT)


def test_images_join_the_library_and_the_body_shows_them(db, client, export, uploads):
    report = import_file(export, media_dir=str(uploads))
    article = Article.objects.get()
    thermometer = Image.objects.get(alt_text="A thermometer under a tongue")
    assert f'![A thermometer under a tongue](image:{thermometer.pk} "Taking a temperature")' in (
        article.body
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<figcaption>" in page and "Taking a temperature" in page
    cover = Image.objects.get(alt_text="The clinic's waiting room")
    assert article.cover_library_image == cover
    assert f"image not imported (file not under --media-dir): {UPLOADS}/2020/05/missing.png" in (
        report
    )
    assert "media: 2 imported" in report


def test_a_second_import_adds_no_image(db, export, uploads):
    import_file(export, media_dir=str(uploads))
    import_file(export, media_dir=str(uploads))
    assert Image.objects.count() == 2


def test_a_dry_run_leaves_no_file(db, export, uploads, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    report = import_file(export, media_dir=str(uploads), dry_run=True)
    assert "media: 2 imported" in report
    assert not Image.objects.exists()
    stored = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    assert stored == []


def test_without_a_media_folder_images_are_listed(db, export):
    report = import_file(export)
    assert Article.objects.get().cover_library_image is None
    assert "image not imported (no --media-dir)" in report

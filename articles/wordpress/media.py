"""Featured and inline images of a WordPress export, found in the uploads folder given with
--media-dir (matched by the path after wp-content/uploads/ in the attachment's URL).  What
is missing is listed in the report, never fatal."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File

UPLOADS = "/wp-content/uploads/"


def relative_upload_path(url):
    """ "2013/03/boat.jpg" for …/wp-content/uploads/2013/03/boat.jpg (and for WordPress.com's
    …files.wordpress.com/2013/03/boat.jpg); None for anything else."""
    path = unquote(urlsplit(url or "").path)
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1]
    host = urlsplit(url or "").hostname or ""
    if host.endswith(".files.wordpress.com") or "/files/" in path:
        return path.split("/files/", 1)[-1].lstrip("/")
    return None


class MediaImporter:
    def __init__(self, report, media_dir, *, uploaded_by=None):
        self.report = report
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.uploaded_by = uploaded_by
        self.attachments = {}  # WordPress id → (url, alt text)
        self.waiting_covers = []  # (Article, attachment id, label)
        self.written = []  # (storage, name) of every file saved, for discard_files
        if media_dir is None:
            report.note("No --media-dir given: images were not imported.")

    def attachment(self, item):
        alt = item.meta.get("_wp_attachment_image_alt", "") or item.title
        self.attachments[item.wordpress_id] = (item.attachment_url or item.guid, alt)
        self.report.skip("attachments", "read for their files, not articles")

    def find(self, url):
        """The file under --media-dir for ``url``, or None."""
        relative = relative_upload_path(url)
        if self.media_dir is None or not relative:
            return None
        candidate = (self.media_dir / relative).resolve()
        if not candidate.is_relative_to(self.media_dir) or not candidate.is_file():
            return None
        return candidate

    def image_for(self, label):
        """The callback core.wordpress.markup uses for each inline image of one article."""

        def resolve(src, alt):
            self.report.skip("media", "inline image (Pulse bodies show library images only)")
            self.report.warn(label, f"image kept as a link: {src}")
            return None

        return resolve

    def featured(self, article, item, label):
        thumbnail = item.meta.get("_thumbnail_id", "")
        if thumbnail.isdigit():
            self.waiting_covers.append((article, int(thumbnail), label))

    def finish(self):
        for article, attachment_id, label in self.waiting_covers:
            self._cover(article, attachment_id, label)

    def _cover(self, article, attachment_id, label):
        found = self.attachments.get(attachment_id)
        if found is None:
            self.report.skip("media", "featured image not in the export")
            self.report.warn(label, f"featured image {attachment_id} is not in the export")
            return
        url, alt = found
        path = self.find(url)
        if path is None:
            self.report.skip("media", "featured image file not under --media-dir")
            self.report.warn(label, f"featured image missing: {url}")
            return
        with path.open("rb") as handle:
            article.cover_image.save(path.name, File(handle), save=False)
        self.written.append((article.cover_image.storage, article.cover_image.name))
        article.cover_alt = (alt or article.title)[:250]
        article.save(update_fields=["cover_image", "cover_alt"])
        self.report.imported("media")

    def discard_files(self):
        """Files written for a rolled-back import (a dry run, a broken file) are removed:
        the database that pointed at them is gone."""
        for storage, name in self.written:
            storage.delete(name)
        self.written.clear()

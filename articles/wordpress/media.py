"""Featured and inline images of a WordPress export, found in the uploads folder given with
--media-dir (matched by the path after wp-content/uploads/ in the image's URL) and added
to the media library through its own service (articles.media.add_image: validated, stored
once per file).  Bodies then show them as ``![alt](image:ID "caption")``; a featured image
becomes the article's library cover.  What is missing is listed in the report, never fatal."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import Max

from .. import images as renditions
from ..library import Image
from ..media import add_image
from ..models import COVER_MIN_WIDTH

UPLOADS = "/wp-content/uploads/"
# WordPress's resized copies: name-300x200.jpg next to name.jpg.
SIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")


def relative_upload_path(url):
    """ "2013/03/boat.jpg" for …/wp-content/uploads/2013/03/boat.jpg (and for WordPress.com's
    …files.wordpress.com/2013/03/boat.jpg); None for anything else."""
    parts = urlsplit(url or "")
    path = unquote(parts.path)
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1]
    if (parts.hostname or "").endswith(".files.wordpress.com"):
        return path.lstrip("/")
    return None


class MediaImporter:
    def __init__(self, report, media_dir, *, uploaded_by=None):
        self.report = report
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.uploaded_by = uploaded_by
        self.attachments = {}  # WordPress id → (url, alt text)
        self.alt_by_path = {}  # uploads-relative path → the attachment's alt text
        self.images = {}  # file path → Image (or None when it was refused)
        self.waiting_covers = []  # (Article, attachment id, label)
        self.last_existing = Image.objects.aggregate(last=Max("pk"))["last"] or 0
        if media_dir is None:
            report.note("No --media-dir given: images were not imported (listed per article).")

    def attachment(self, item):
        url = item.attachment_url or item.guid
        alt = item.meta.get("_wp_attachment_image_alt", "") or item.title
        self.attachments[item.wordpress_id] = (url, alt)
        relative = relative_upload_path(url)
        if relative:
            self.alt_by_path[relative] = alt
        self.report.skip("attachments", "read for their files, not made articles")

    def find(self, url):
        """The file under --media-dir for ``url`` (or the original a resized copy was made
        from), or None."""
        relative = relative_upload_path(url)
        if self.media_dir is None or not relative:
            return None
        for candidate in dict.fromkeys([relative, SIZED.sub("", relative)]):
            path = (self.media_dir / candidate).resolve()
            if path.is_relative_to(self.media_dir) and path.is_file():
                return path
        return None

    def library_image(self, url, alt, label):
        """The library Image for the file behind ``url``, added on first use; None (and a
        warning for ``label``) when the file is missing or refused."""
        path = self.find(url)
        if path is None:
            reason = "no --media-dir" if self.media_dir is None else "file not under --media-dir"
            self.report.skip("media", reason)
            self.report.warn(label, f"image not imported ({reason}): {url}")
            return None
        if path in self.images:
            return self.images[path]
        relative = relative_upload_path(url) or ""
        alt = (alt or self.alt_by_path.get(relative) or self.alt_by_path.get(
            SIZED.sub("", relative)) or path.stem.replace("-", " "))[:250]  # fmt: skip
        try:
            with path.open("rb") as handle:
                image = add_image(File(handle, name=path.name), alt_text=alt,
                                  uploaded_by=self.uploaded_by)  # fmt: skip
        except ValidationError as error:
            self.report.skip("media", "not a picture the library takes")
            self.report.warn(label, f"image refused ({' '.join(error.messages)}): {url}")
            image = None
        else:
            if image.pk > self.last_existing:
                self.report.imported("media")
            else:
                self.report.existing("media")
        self.images[path] = image
        return image

    def image_for(self, label):
        """The callback core.wordpress.markup uses for each inline image of one article."""

        def resolve(src, alt):
            image = self.library_image(src, alt, label)
            return f"image:{image.pk}" if image else None

        return resolve

    def featured(self, article, item, label):
        thumbnail = item.meta.get("_thumbnail_id", "")
        if thumbnail.isdigit():
            self.waiting_covers.append((article, int(thumbnail), label))

    def finish(self):
        """Featured images, once every attachment (listed anywhere in the file) is known."""
        for article, attachment_id, label in self.waiting_covers:
            self._cover(article, attachment_id, label)

    def _cover(self, article, attachment_id, label):
        found = self.attachments.get(attachment_id)
        if found is None:
            self.report.skip("media", "featured image not in the export")
            self.report.warn(label, f"featured image {attachment_id} is not in the export")
            return
        image = self.library_image(*found, label)
        if image is None:
            return
        if image.width < COVER_MIN_WIDTH:
            self.report.warn(
                label,
                f"featured image only {image.width} px wide: in the library, not the cover "
                f"(covers need {COVER_MIN_WIDTH})",
            )
            return
        article.cover_library_image = image
        article.save(update_fields=["cover_library_image"])

    def discard_files(self):
        """Files the library stored for a rolled-back import (a dry run, a broken file) are
        removed: the rows that pointed at them are gone."""
        shapes = [
            "thumbnail",
            *renditions.body_renditions("file"),
            *renditions.cover_renditions("file"),
        ]
        for image in self.images.values():
            if image is None or image.pk <= self.last_existing:
                continue
            for shape in shapes:  # the renditions pages made while the import ran
                made = getattr(image, shape)
                if made.storage.exists(made.name):
                    made.storage.delete(made.name)
            image.file.storage.delete(image.file.name)
        self.images.clear()

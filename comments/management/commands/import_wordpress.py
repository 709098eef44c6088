"""manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run] [--link-users]
[--skip-pages]: a WordPress site's authors, categories, tags, posts, pages, images, comments
and old addresses (comments/wordpress.py does the work; the admin's import page too)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.wordpress.reader import WXRError

from ...wordpress import import_wordpress


class Command(BaseCommand):
    help = "Import a WordPress export (WXR 1.0-1.2): run it again and nothing changes."

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file WordPress's Tools › Export wrote.")
        parser.add_argument("--media-dir", help="WordPress's wp-content/uploads folder.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument(
            "--link-users",
            action="store_true",
            help="Link authors to staff accounts with the same login or email.",
        )
        parser.add_argument(
            "--skip-pages", action="store_true", help="Import posts only, not pages."
        )

    def handle(self, *args, **options):
        export = Path(options["export"])
        if not export.is_file():
            raise CommandError(f"{export} is not a file.")
        media_dir = options["media_dir"]
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        show = sys.stderr.isatty() and options["verbosity"] > 0
        try:
            with export.open("rb") as handle:
                counted = _Counted(handle, export.stat().st_size)
                report = import_wordpress(
                    counted,
                    name=export.name,
                    media_dir=media_dir,
                    dry_run=options["dry_run"],
                    link_users=options["link_users"],
                    skip_pages=options["skip_pages"],
                    progress=counted.show if show else None,
                )
        except WXRError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        if show:
            sys.stderr.write("\n")
        self.stdout.write("\n".join(report.lines()))


class _Counted:
    """The export's lines, counting the bytes read, for a progress bar on a terminal."""

    WIDTH = 30

    def __init__(self, handle, size):
        self.handle, self.size, self.read = handle, max(size, 1), 0

    def __iter__(self):
        for line in self.handle:
            self.read += len(line)
            yield line

    def show(self, report):
        share = min(self.read / self.size, 1)
        bar = "#" * round(share * self.WIDTH)
        sys.stderr.write(f"\r[{bar:<{self.WIDTH}}] {share:4.0%}  {report.items_read} records")
        sys.stderr.flush()

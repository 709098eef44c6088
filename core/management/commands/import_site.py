"""``manage.py import_site FILE [--with-media DIR]``: see core/transfer/ and the README."""

from django.core.management.base import BaseCommand, CommandError

from core.transfer import TransferError, restore


class Command(BaseCommand):
    help = "Restore a file written by export_site into an empty (migrated) database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by manage.py export_site.")
        parser.add_argument(
            "--with-media",
            metavar="DIR",
            help="Copy the media files from DIR (export_site --with-media's copy) into the "
            "media folder, checking each against the file's manifest.",
        )

    def handle(self, *args, file, with_media=None, **options):
        def progress(rows):
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {rows:,} rows")

        try:
            summary = restore.restore(file, media_dir=with_media, progress=progress)
        except TransferError as error:
            raise CommandError(str(error)) from error
        media = (
            f"{summary['copied']:,} of {summary['media']:,} media files copied and checked"
            if with_media
            else f"{summary['media']:,} media files listed"
        )
        header = summary["header"]
        self.stdout.write(
            f"{file}: {summary['rows']:,} rows of {len(summary['counts'])} models restored, "
            f"{media} ({summary['seconds']:.1f} s); exported from "
            f"{header.get('site_url', '?')} at {header.get('exported_at', '?')}"
        )
        if summary["missing"]:
            self.stderr.write(
                f"{len(summary['missing']):,} media files are not in the media folder "
                f"(e.g. {summary['missing'][0]}): copy them there, or import again with "
                "--with-media DIR."
            )

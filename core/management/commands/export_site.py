"""``manage.py export_site FILE [--with-media DIR]``: see core/transfer/ and the README."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.transfer import TransferError, selection, writer


class Command(BaseCommand):
    help = (
        "Write the whole site (articles, revisions, people, comments, moderation history, "
        "settings, a media manifest) to one JSON file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="The JSON file to write (replaced if it exists)."
        )
        parser.add_argument(
            "--with-media",
            metavar="DIR",
            help="Also copy every media file into DIR (new or empty), checked against the "
            "manifest.",
        )
        parser.add_argument(
            "--list", action="store_true", help="Only list what is exported and what is not."
        )

    def handle(self, *args, file, with_media=None, list=False, **options):
        if list:
            return self.list_models()
        if not file:
            raise CommandError("Name the file to write, e.g. manage.py export_site site.json.")
        started = time.monotonic()

        def progress(label, count):
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {label}: {count:,}")

        try:
            counts, manifest = writer.export(file, media_copy=with_media, progress=progress)
        except TransferError as error:
            raise CommandError(str(error)) from error
        seconds = time.monotonic() - started
        size = Path(file).stat().st_size
        copied = f", copied to {with_media}" if with_media else ""
        self.stdout.write(
            f"{file}: {sum(counts.values()):,} rows of {len(counts)} models, "
            f"{len(manifest):,} media files listed{copied} ({size / 1e6:.1f} MB, "
            f"{seconds:.1f} s)"
        )

    def list_models(self):
        for model in selection.exported_models():
            self.stdout.write(f"exported  {selection.label(model)}")
        for label, reason in sorted(selection.excluded_models().items()):
            self.stdout.write(f"left out  {label}: {reason}")

"""``manage.py backup_site``: see core/backups.py."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = "Back up the database and the media folder into backups/pulse-<time>/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.BASE_DIR / "backups"),
            help="Folder the backup is written into (default: backups/).",
        )

    def handle(self, *args, output, **options):
        try:
            folder, manifest = backups.backup(output)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{folder}: {rows} rows in {len(manifest['counts'])} tables "
            f"({manifest['engine']}), {len(manifest['media'])} media files"
        )

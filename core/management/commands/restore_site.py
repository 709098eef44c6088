"""``manage.py restore_site FOLDER``: see core/backups.py."""

from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = "Restore a backup_site folder into an empty database and an empty media folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A backups/pulse-<time>/ folder.")

    def handle(self, *args, folder, **options):
        try:
            counts, media, problems = backups.restore(folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if problems:
            raise CommandError("Restored, but it differs from the backup:\n" + "\n".join(problems))
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables and "
            f"{len(media)} media files from {folder}; every count and checksum matches."
        )

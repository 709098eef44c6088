"""Clear commenters' and reporters' IP addresses and browsers after the retention period
(discussion settings), as a privacy policy promises.  Run it daily, e.g. from cron."""

from django.core.management.base import BaseCommand

from comments.models import DiscussionSettings
from comments.privacy import purge_metadata


class Command(BaseCommand):
    help = (
        "Clear IP addresses and user agents of comments, and IP addresses of reports, older "
        "than the retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, help="Override the discussion settings' retention (days)."
        )

    def handle(self, *args, days=None, **options):
        days = DiscussionSettings.load().retention_days if days is None else days
        comments, reports = purge_metadata(days)
        self.stdout.write(
            f"Cleared IP address and browser of {comments} comments older than {days} days."
        )
        self.stdout.write(f"Cleared IP address of {reports} reports older than {days} days.")

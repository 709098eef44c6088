"""Retrain the spam filter from the shipped corpus and every moderator decision.  Run it
nightly, e.g. from cron (README, "Spam filter"); it also runs in the background after every
20 new decisions and from the admin's "Spam filter" page."""

from django.core.management.base import BaseCommand

from comments.spam import training
from comments.spam.models import SpamFilterModel


class Command(BaseCommand):
    help = "Retrain the spam filter from the shipped corpus and the moderators' decisions."

    def handle(self, *args, **options):
        row = training.train(SpamFilterModel.Trigger.COMMAND)
        self.stdout.write(
            f"Spam filter v{row.version} trained in {row.training_seconds:.1f} s on "
            f"{row.corpus_spam + row.corpus_real} corpus comments and "
            f"{row.decision_spam + row.decision_real} moderator decisions "
            f"({row.decision_spam} spam)."
        )
        figures = row.evaluation
        if figures.get("decisions"):
            self.stdout.write(
                f"On the latest {figures['decisions']} decisions, unseen: caught "
                f"{figures['caught']} of {figures['spam']} spam, missed {figures['missed']}, "
                f"{figures['false_alarms']} false alarms among {figures['real']} real comments."
            )

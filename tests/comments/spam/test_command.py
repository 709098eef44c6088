"""``manage.py train_spam_filter``: what cron runs nightly."""

import io

from django.core.management import call_command

from comments.models import Comment
from comments.spam.models import SpamFilterModel


def run():
    out = io.StringIO()
    call_command("train_spam_filter", stdout=out)
    return out.getvalue()


def test_the_command_trains_and_says_on_what(db):
    output = run()
    row = SpamFilterModel.objects.get()
    assert row.trigger == SpamFilterModel.Trigger.COMMAND
    assert f"Spam filter v{row.version} trained" in output
    assert "0 moderator decisions" in output


def test_the_command_reports_the_figures_on_recent_decisions(decide, campaign):
    decide(campaign[:3], Comment.Status.SPAM)
    output = run()
    assert "3 moderator decisions (3 spam)" in output
    assert "On the latest 3 decisions, unseen: caught" in output

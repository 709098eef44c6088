"""Request logs never record emails or tokens; `make serve` keeps its secret key file to
its owner; robots.txt does not name the admin; purge_comment_metadata clears reporters'
addresses too."""

import io
import logging
import re
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.models import Comment, CommentReport
from core.requestlog import JsonFormatter
from tests.helpers import PROJECT, email_link


def logged(caplog):
    """Every log line as the production formatter writes it."""
    return "\n".join(JsonFormatter().format(record) for record in caplog.records)


def test_request_logs_never_record_tokens_or_emails(
    article, make_comment, moderator, caplog, django_capture_on_commit_callbacks
):
    make_comment(article, status=Comment.Status.PENDING, notify_on_approval=True,
                 author_email="secret.reader@example.com")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(Comment.objects.all(), Comment.Status.APPROVED, moderator=moderator)
    url = email_link(mail.outbox[0], "Stop these emails")
    token = url.rstrip("/").rsplit("/", 1)[1]
    caplog.set_level(logging.INFO)
    reader = Client()
    reader.get(url)
    reader.get(url[:-5] + "xxxx/")  # a damaged link: Django logs "Not Found: <path>"
    reader.get("/articles/secret.reader@example.com/")
    lines = logged(caplog)
    assert "/comments/unsubscribe/[token]/" in lines
    assert token not in lines and token[:-5] not in lines
    assert "secret.reader@example.com" not in lines and "secret.reader" not in lines


def test_make_serve_writes_its_secret_key_for_its_owner_only(tmp_path):
    recipe = next(
        line.strip().lstrip("@")
        for line in (PROJECT / "Makefile").read_text().splitlines()
        if "secret-key" in line and "token_urlsafe" in line
    )
    bin_folder = Path(sys.executable).parent
    command = recipe.replace("$(VENV)", str(tmp_path)).replace("$(BIN)", str(bin_folder))
    subprocess.run(["bash", "-c", f"umask 022; {command}"], check=True, timeout=60)
    key_file = tmp_path / "secret-key"
    assert len(key_file.read_text().strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_robots_txt_does_not_name_the_admin(client, db):
    robots = client.get("/robots.txt").content.decode()
    assert reverse("admin:index") not in robots
    assert not re.search(r"admin", robots, re.I)
    # Search engines are kept out of the admin by its own pages instead.
    login = client.get(reverse("admin:login")).content.decode()
    assert '<meta name="robots" content="NONE,NOARCHIVE">' in login


def test_purge_also_clears_the_addresses_kept_on_reports(article, make_comment):
    comment = make_comment(article)
    old = CommentReport.objects.create(
        comment=comment, reason="spam", ip_address="2001:db8::7", ip_network="2001:db8::/64",
        reporter_key="k" * 64, created_at=timezone.now() - timedelta(days=40),
    )  # fmt: skip
    recent = CommentReport.objects.create(comment=comment, reason="spam", ip_address="192.0.2.8")
    out = io.StringIO()
    call_command("purge_comment_metadata", stdout=out)
    assert "Cleared IP address of 1 reports older than 30 days." in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.ip_network, old.reporter_key) == (None, "", "")
    assert recent.ip_address == "192.0.2.8"

"""export_site then import_site into an empty database gives back the same site: every row
of every table (values, not counts), every media file byte for byte, the same pages, the
same search results, and ids that new rows do not collide with."""

import hashlib
import importlib
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Reference, SiteSettings
from comments import services
from comments.models import (
    Comment,
    CommentReport,
    DiscussionSettings,
    RememberedCommenter,
    SpamFilterModel,
)

# What export_site leaves out, and nothing else: a new table is exported unless it is
# added here on purpose (and to the README's list).
LEFT_OUT = {
    "contenttypes.contenttype", "auth.permission", "sessions.session",
    "django_tasks_database.dbtaskresult", "comments.ratelimitcounter",
    "axes.accessattempt", "axes.accessattemptexpiration", "axes.accessfailurelog",
    "axes.accesslog",
}  # fmt: skip

# Rows a new database has from its migrations (the staff groups, the settings rows).
SEEDING_MIGRATIONS = [
    ("articles.migrations.0002_editors_group", "create_editors"),
    ("comments.migrations.0002_moderators_group", "create_moderators"),
    ("articles.migrations.0006_editors_permissions_and_site_settings", "grant"),
    ("articles.migrations.0006_editors_permissions_and_site_settings", "create_site_settings"),
    ("comments.migrations.0004_discussion_settings_row", "create_row"),
]


def natural_keys():
    """{model: {pk: natural key}} for the tables whose ids differ between databases."""
    return {
        ContentType: {ct.pk: ct.natural_key() for ct in ContentType.objects.all()},
        Permission: {
            p.pk: p.natural_key() for p in Permission.objects.select_related("content_type")
        },
    }


def every_row():
    """Every row of every table but those left out, as plain values (ids of content types
    and permissions as their natural keys; Django's own many-to-many row ids left out)."""
    keys = natural_keys()
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.label_lower in LEFT_OUT:
            continue
        fields = [f for f in meta.concrete_fields if not (meta.auto_created and f.primary_key)]
        rows = []
        for values in model._base_manager.values_list(*(f.attname for f in fields)):
            rows.append(
                tuple(
                    keys[f.related_model].get(value, value)
                    if f.is_relation and f.related_model in keys
                    else bytes(value)
                    if isinstance(value, memoryview)
                    else value
                    for f, value in zip(fields, values, strict=True)
                )
            )
        tables[meta.label_lower] = sorted(rows, key=repr)
    return tables


def media_files(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def page(client, path):
    """A page's HTML without the comment form's signed timestamp (it changes by the second)."""
    response = client.get(path)
    assert response.status_code == 200
    return re.sub(r'name="timestamp" value="[^"]*"', "", response.content.decode())


def enrich(site, moderator, editor):
    """What the demo lacks: revisions, a slug change, a correction, reports, moderation
    history, a moderator's correction, a waiting edit, a remembered commenter, a trained
    spam filter, changed settings, permissions of a user's own, exact times and text."""
    article = site
    article.title = "Trauma and opioid addiction: what helps"
    article.save()
    article.slug = "trauma-and-opioids"
    article.save()
    Correction.objects.create(article=article, text="The dose in the table was per day.")
    Reference.objects.create(
        article=article, position=9, citation="A third source", doi="10.1000/x"
    )
    approved = list(Comment.objects.public().filter(article=article).order_by("pk"))
    services.report_comment(
        approved[0], reason="misinformation", note="Not true", ip_address="2001:db8::1"
    )
    services.moderate(
        Comment.objects.filter(pk=approved[1].pk),
        Comment.Status.REJECTED,
        moderator=moderator,
        reason="abuse",
    )
    services.correct_comment(
        approved[2], approved[2].body + " (corrected)", by=moderator, why="typo"
    )
    approved[3].pending_body = "An edit waiting for a moderator."
    approved[3].pending_since = timezone.now()
    approved[3].save()
    exact = timezone.now().replace(microsecond=123457)
    Comment.objects.create(
        article=article, parent=approved[4], author_name="Ünïcødé Spammer 😀",
        body="e\u0301 — ½ <b>",
        author_email="zoe@example.com", status=Comment.Status.SPAM, created_at=exact,
        ip_address="192.0.2.7", reasons=[{"code": "links", "score": 1.25}], score=11,
    )  # fmt: skip
    RememberedCommenter.objects.create(key="k" * 64, name="Remy", email="remy@example.com")
    SpamFilterModel.objects.create(
        version=1, trigger="command", model=bytes(range(256)) * 4, digest="d" * 64,
        training_seconds=0.125, evaluation={"precision": 0.9375, "held_out": 32},
    )  # fmt: skip
    settings_row = SiteSettings.load()
    settings_row.medical_disclaimer = "Ask your pharmacist."
    settings_row.save()
    discussion = DiscussionSettings.load()
    discussion.blocked_words = "casino\npills"
    discussion.max_depth = 4
    discussion.save()
    editor.user_permissions.add(Permission.objects.get(codename="moderate_comment"))


@pytest.fixture
def rich_site(transactional_db, settings, tmp_path, staff_groups, django_user_model):
    """The demo site, enriched, with its media in a folder of this test's own."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    users = {user.username: user for user in django_user_model.objects.all()}
    article = Article.objects.get(slug="trauma-and-opioid-addiction")
    enrich(article, users["moderator"], users["editor"])
    yield Article.objects.get(pk=article.pk)
    clear_search_index()  # not a model's table: the database flush after the test skips it


def clear_search_index():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM article_search")


def empty_the_database(migrated_apps, media_root):
    """What a new, migrated database and an empty media folder look like."""
    call_command("flush", "--no-input", verbosity=0)
    clear_search_index()
    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(migrated_apps, None)
    for path in sorted(Path(media_root).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_a_restored_site_has_every_row_file_page_and_search_result(
    rich_site, client, settings, tmp_path, migrated_apps
):
    before = every_row()
    media_before = media_files(settings.MEDIA_ROOT)
    assert before["comments.commentcorrection"] and before["comments.commentreport"]
    assert before["admin.logentry"] and before["articles.historicalarticle"]
    assert before["articles.articleslughistory"] and before["taggit.taggeditem"]
    assert any(row for row in before["auth.user_user_permissions"])
    assert len(media_before) > 10
    paths = [
        rich_site.get_absolute_url(),
        "/",
        reverse("articles:search") + "?q=opioid",
        reverse("comments:feed", kwargs={"slug": rich_site.slug}),
        rich_site.author.get_absolute_url(),
    ]
    pages = {path: page(client, path) for path in paths}
    assert "Ünïcødé Spammer" not in pages[paths[0]]  # spam stays hidden
    site_file, copy = tmp_path / "site.json", tmp_path / "media-copy"

    out = io.StringIO()
    call_command("export_site", str(site_file), "--with-media", str(copy), stdout=out)
    assert f"{len(media_before)} media files listed, copied to" in out.getvalue()
    assert media_files(copy) == media_before

    empty_the_database(migrated_apps, settings.MEDIA_ROOT)
    assert not Article.objects.exists() and not media_files(settings.MEDIA_ROOT)
    assert page(client, reverse("articles:search") + "?q=opioid").count("<mark>") == 0

    out = io.StringIO()
    call_command("import_site", str(site_file), "--with-media", str(copy), stdout=out)
    assert f"{len(media_before)} of {len(media_before)} media files copied" in out.getvalue()

    after = every_row()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
    assert media_files(settings.MEDIA_ROOT) == media_before
    for path in paths:
        assert page(client, path) == pages[path], path
    assert "<mark>" in pages[paths[2]]


def test_after_a_restore_new_rows_get_new_ids_and_staff_sign_in(
    rich_site, client, settings, tmp_path, migrated_apps
):
    """PostgreSQL's sequences move past the restored ids; the password hashes came along."""
    site_file = tmp_path / "site.json"
    call_command("export_site", str(site_file), stdout=io.StringIO())
    highest = {m: m.objects.order_by("-pk").values_list("pk", flat=True).first()
               for m in (Comment, Article, CommentReport, get_user_model(), Group)}  # fmt: skip
    empty_the_database(migrated_apps, settings.MEDIA_ROOT)
    call_command("import_site", str(site_file), stdout=io.StringIO())

    article = Article.objects.get(pk=rich_site.pk)
    result = services.post_comment(
        article=article, name="New Reader", email="new@example.com", body="After the move."
    )
    comment = result.comment
    assert result.created and comment.pk > highest[Comment]
    report = CommentReport.objects.create(comment=comment, reason="other")
    assert report.pk > highest[CommentReport]
    new = Article.objects.create(
        title="New", slug="new", category=article.category, author=article.author,
        summary="s", body="b", published_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    assert new.pk > highest[Article]
    assert get_user_model().objects.create(username="newcomer").pk > highest[get_user_model()]
    assert Group.objects.create(name="Reviewers").pk > highest[Group]
    assert client.login(username="editor", password="pulse-demo-editor")
    assert client.get("/admin/articles/article/").status_code == 200

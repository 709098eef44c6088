"""import_site refuses, in one sentence and without a traceback, a database that is not
empty and a file it cannot trust (not JSON, cut short, another format, a newer version or
schema, rows that do not add up, media that differ), and then nothing has been written."""

import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from articles.models import Category
from comments.models import DiscussionSettings
from core.transfer import media

pytestmark = pytest.mark.django_db


def applied():
    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def category_row(pk, name):
    fields = {"name": name, "slug": f"c-{pk}", "description": "", "position": pk}
    return {"model": "articles.category", "pk": pk, "fields": fields}


def site_document(rows=(), media_entries=(), **changes):
    """A small site file as export_site writes it (header, media, schema, rows, counts)."""
    rows = list(rows)
    document = {
        "format": "pulse-site",
        "version": 1,
        "exported_at": "2026-12-01T10:00:00+00:00",
        "site_url": "http://testserver",
        "media": list(media_entries),
        "migrations": applied(),
        "models": {"articles.category": rows},
        "counts": {"articles.category": len(rows)},
    }
    document.update(changes)
    return document


@pytest.fixture
def write(tmp_path):
    """Write a document (or text) to a file; its path."""

    def write(document, name="site.json"):
        path = tmp_path / name
        text = document if isinstance(document, str) else json.dumps(document, indent=1)
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def refusal(*args):
    with pytest.raises(CommandError) as error:
        call_command("import_site", *args, stdout=io.StringIO())
    return str(error.value)


def test_a_small_file_restores_into_the_new_database(write):
    """The database as migrate leaves it (staff groups, settings rows) counts as empty."""
    path = write(site_document([category_row(1, "Sleep"), category_row(7, "Heart")]))
    out = io.StringIO()
    call_command("import_site", path, stdout=out)
    assert "2 rows of 1 models restored" in out.getvalue()
    assert list(Category.objects.order_by("pk").values_list("pk", "name")) == [
        (1, "Sleep"),
        (7, "Heart"),
    ]


def test_a_database_with_content_is_refused(write, article, make_comment):
    make_comment(article)
    message = refusal(write(site_document([category_row(99, "New")])))
    assert message.startswith("The database already has ")
    assert "1 article" in message and "1 comment" in message
    assert "restores only into an empty database" in message
    assert not Category.objects.filter(pk=99).exists()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "is not a complete JSON document"),
        ("<?xml version='1.0'?><rss/>", "is not a complete JSON document"),
        ("[1, 2]", "is not a Pulse site file"),
        ('{"format": "pulse-site", "version": 1, "models": {"articles.category": [',
         "is not a complete JSON document"),
    ],
)  # fmt: skip
def test_what_is_not_a_site_file_is_refused(write, text, expected):
    assert expected in refusal(write(text))


def test_a_file_cut_short_in_a_row_writes_nothing(write):
    text = json.dumps(site_document([category_row(n, f"C{n}") for n in range(1, 40)]))
    message = refusal(write(text[: len(text) * 2 // 3]))
    assert "is not a complete JSON document" in message and "Nothing was imported" in message
    assert not Category.objects.exists()


def test_another_format_or_a_newer_version_is_refused_before_any_row(write):
    wrong = refusal(write(site_document([category_row(1, "A")], format="wordpress")))
    assert "is not a Pulse site file: its format is 'wordpress'" in wrong
    newer = refusal(write(site_document([category_row(1, "A")], version=2)))
    assert "is a version 2 site file, made by a newer Pulse; this one reads version 1" in newer
    schema = applied() | {"articles": "9999_from_the_future"}
    future = refusal(write(site_document([category_row(1, "A")], migrations=schema)))
    assert "comes from a newer schema (articles.9999_from_the_future" in future
    assert not Category.objects.exists()


def test_rows_that_do_not_add_up_write_nothing(write):
    rows = [category_row(1, "A"), category_row(2, "B")]
    missing = refusal(write(site_document(rows, counts={"articles.category": 3})))
    assert "holds other row counts than it lists (articles.category)" in missing
    bad = dict(category_row(3, "C"), fields={"name": "C", "slug": "c", "position": "high"})
    invalid = refusal(write(site_document([*rows, bad])))
    assert "row 3 of articles.category cannot be restored" in invalid
    clash = refusal(write(site_document([category_row(1, "A"), category_row(2, "A")])))
    assert "cannot be restored" in clash
    stranger = site_document(rows)
    stranger["models"]["sessions.session"] = [{"model": "sessions.session", "pk": "x",
                                               "fields": {}}]  # fmt: skip
    stranger["counts"]["sessions.session"] = 1
    assert "has rows of sessions.session, which this site does not restore" in refusal(
        write(stranger)
    )
    assert not Category.objects.exists()


def test_a_reference_to_a_missing_row_writes_nothing(write):
    row = {
        "model": "articles.reference", "pk": 1,
        "fields": {"article": 404, "position": 0, "citation": "x", "url": "", "doi": "",
                   "pubmed_id": ""},
    }  # fmt: skip
    document = site_document([category_row(1, "A")])
    document["models"]["articles.reference"] = [row]
    document["counts"]["articles.reference"] = 1
    assert "The file's rows do not fit together" in refusal(write(document))
    assert not Category.objects.exists()


def test_media_that_differ_from_the_manifest_write_nothing(write, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    source = tmp_path / "copy"
    (source / "covers").mkdir(parents=True)
    (source / "covers" / "a.jpg").write_bytes(b"first")
    (source / "covers" / "b.jpg").write_bytes(b"tampered")
    entries = [
        {
            "path": f"covers/{name}.jpg",
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        for name, data in (("a", b"first"), ("b", b"second"))
    ]
    path = write(site_document([category_row(1, "A")], media_entries=entries))
    message = refusal(path, "--with-media", str(source))
    assert "covers/b.jpg in " in message and "differs from the file's manifest" in message
    assert not Category.objects.exists()
    assert media.files(settings.MEDIA_ROOT) == []
    escape = [{"path": "../outside.jpg", "size": 1, "sha256": "0" * 64}]
    path = write(site_document(media_entries=escape), name="escape.json")
    assert "names a path outside the media folder" in refusal(path, "--with-media", str(source))
    not_a_list = write(site_document([category_row(1, "A")], media={"a": 1}), name="odd.json")
    assert '"media" is not a list of files' in refusal(not_a_list)
    assert not Category.objects.exists()


def test_a_missing_file_is_one_sentence(tmp_path):
    assert refusal(str(tmp_path / "nowhere.json")).startswith("Cannot read ")


def test_the_settings_rows_are_replaced_and_forgotten_from_the_cache(write):
    DiscussionSettings.load()  # cached, with its defaults
    row = {"model": "comments.discussionsettings", "pk": 1,
           "fields": {"blocked_words": "casino", "max_depth": 3}}  # fmt: skip
    document = site_document()
    document["models"] = {"comments.discussionsettings": [row]}
    document["counts"] = {"comments.discussionsettings": 1}
    call_command("import_site", write(document), stdout=io.StringIO())
    assert DiscussionSettings.objects.get().blocked_words == "casino"

"""Backups of the whole site: a consistent copy of the database, the media folder, and a
manifest (row counts per model, a checksum per media file) that a restore is checked
against.

SQLite is copied with its online backup API (``sqlite3.Connection.backup``), which gives a
consistent copy while the site keeps serving and writing; PostgreSQL with ``pg_dump -Fc``
inside an exported snapshot, so the counts in the manifest are those of the dump.  A
restore goes only into an empty database and an empty media folder.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
SQLITE_COPY = "database.sqlite3"
POSTGRES_DUMP = "database.dump"


class BackupError(Exception):
    """An expected refusal or failure, with a message for the operator."""


def tables():
    """Every model's table (many-to-many tables included) by model label, sorted."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            found[model._meta.label_lower] = model._meta.db_table
    return dict(sorted(found.items()))


def count_rows(cursor, quote):
    counts = {}
    for label, table in tables().items():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[label] = cursor.fetchone()[0]
    return counts


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_checksums(root):
    """{relative path: sha256} for every file under ``root``."""
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def is_postgres():
    return connection.vendor == "postgresql"


def postgres_command(program, *args):
    """``program`` with the connection options of the default database (password by env)."""
    db = settings.DATABASES["default"]
    command = [program, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return [*command, *args, "--dbname", db["NAME"]], env


def backup(destination):
    """Write a backup folder under ``destination``; its path."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(destination) / f"pulse-{stamp}"
    try:
        folder.mkdir(parents=True, exist_ok=False)
    except FileExistsError as error:
        raise BackupError(f"{folder} exists already; wait a second and try again.") from error
    except OSError as error:
        raise BackupError(f"Cannot create {folder}: {error.strerror}.") from error
    os.chmod(folder, 0o700)  # a backup holds every commenter's email address
    if is_postgres():
        database, counts = _dump_postgres(folder)
    else:
        database, counts = _copy_sqlite(folder)
    media = _archive_media(folder / MEDIA_ARCHIVE)
    manifest = {
        "format": 1,
        "created": timezone.now().isoformat(timespec="seconds"),
        "release": settings.PULSE_RELEASE,
        "engine": connection.vendor,
        "database": database,
        "database_sha256": sha256(folder / database),
        "media_archive": MEDIA_ARCHIVE,
        "counts": counts,
        "media": media,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return folder, manifest


def _copy_sqlite(folder):
    target = folder / SQLITE_COPY
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        counts = count_rows(copy.cursor(), connection.ops.quote_name)
    return SQLITE_COPY, counts


def _dump_postgres(folder):
    target = folder / POSTGRES_DUMP
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = count_rows(cursor, connection.ops.quote_name)
            command, env = postgres_command(
                "pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(target)
            )
            done = subprocess.run(command, env=env, capture_output=True, text=True)
        finally:
            cursor.execute("ROLLBACK")
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return POSTGRES_DUMP, counts


def _archive_media(target):
    root = Path(settings.MEDIA_ROOT)
    checksums = {}
    files = sorted(root.rglob("*")) if root.is_dir() else []
    with tarfile.open(target, "w:gz") as archive:
        for path in files:
            if path.is_file() and not path.is_symlink():
                relative = path.relative_to(root).as_posix()
                checksums[relative] = sha256(path)
                archive.add(path, arcname=relative, recursive=False)
    return checksums


def read_manifest(folder):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{folder} is not a Pulse backup: it has no {MANIFEST}.") from error
    except (OSError, ValueError) as error:
        raise BackupError(f"Cannot read {folder / MANIFEST}: {error}.") from error
    if manifest.get("format") != 1:
        raise BackupError(f"{folder / MANIFEST} is in a format this Pulse does not know.")
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; the configured database "
            f"is {connection.vendor}. Restore it with the same kind of database."
        )
    database = folder / manifest["database"]
    if sha256(database) != manifest["database_sha256"]:
        raise BackupError(f"{database} does not match its checksum in the manifest.")
    return manifest


def existing_tables():
    return connection.introspection.table_names()


def restore(folder):
    """Restore the backup in ``folder`` into the configured (empty) database and media
    folder, then check every count and checksum against the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    found = existing_tables()
    if found:
        raise BackupError(
            f"The database is not empty ({len(found)} tables). Restore only into an empty "
            "database: create a new one (or a new DATABASE_URL) and try again."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(
            f"The media folder {media_root} is not empty. Restore only into an empty one."
        )
    if manifest["engine"] == "postgresql":
        _restore_postgres(folder / manifest["database"])
    else:
        _restore_sqlite(folder / manifest["database"])
    _extract_media(folder / manifest["media_archive"], media_root)
    return verify(manifest)


def _restore_sqlite(source):
    connection.ensure_connection()
    with closing(sqlite3.connect(source)) as backup_copy:
        backup_copy.backup(connection.connection)


def _restore_postgres(dump):
    command, env = postgres_command(
        "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", str(dump)
    )
    connection.close()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


def _extract_media(archive, root):
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root.parent) as staging:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")
        for entry in Path(staging).iterdir():
            shutil.move(str(entry), root / entry.name)


def verify(manifest):
    """The differences between the site as it is and the manifest (empty when none)."""
    with connection.cursor() as cursor:
        counts = count_rows(cursor, connection.ops.quote_name)
    problems = [
        f"{label}: {manifest['counts'].get(label)} in the backup, {counts.get(label)} restored"
        for label in sorted(set(counts) | set(manifest["counts"]))
        if counts.get(label) != manifest["counts"].get(label)
    ]
    media = media_checksums(settings.MEDIA_ROOT)
    problems += [
        f"media/{path}: differs from the backup"
        for path in sorted(set(media) | set(manifest["media"]))
        if media.get(path) != manifest["media"].get(path)
    ]
    return counts, media, problems

"""The export: one JSON document written as it is read from the database, a row at a time,
so a site of any size needs a few chunks of rows in memory, never the whole file.

The document is written to a hidden file beside the target and renamed at the end: an
export that fails half-way leaves no file that looks whole.  It is readable by its owner
only (it holds commenters' email addresses and staff password hashes).
"""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import FORMAT, VERSION, TransferError, media, rows, selection


def applied_migrations():
    """The latest applied migration of each app, as names: the schema the rows fit."""
    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


@contextmanager
def snapshot():
    """One consistent view of the database for the whole export, without blocking writers:
    a read-only repeatable-read transaction on PostgreSQL, a deferred (read) transaction on
    SQLite, whose WAL keeps it a snapshot.  Inside an open transaction (tests), that one."""
    if connection.in_atomic_block:
        yield
        return
    begin = (
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        if connection.vendor == "postgresql"
        else "BEGIN DEFERRED"
    )
    with connection.cursor() as cursor:
        cursor.execute(begin)
        try:
            yield
        finally:
            cursor.execute("ROLLBACK")


def export(path, media_copy=None, progress=None):
    """Write the site to ``path``; the row counts per model and the media manifest."""
    path = Path(path)
    if not path.parent.is_dir():
        raise TransferError(f"{path.parent} is not a folder.")
    if path.is_dir():
        raise TransferError(f"{path} is a folder: name the file to write.")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
        )
    except OSError as error:
        raise TransferError(f"Cannot write in {path.parent}: {error.strerror}.") from error
    try:
        with handle:
            os.chmod(handle.name, 0o600)
            counts, manifest = _write(handle, media_copy, progress)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        where = f" ({error.filename})" if error.filename else ""
        raise TransferError(f"The export failed: {error.strerror}{where}.") from error
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return counts, manifest


def _write(out, media_copy, progress):
    header = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "site_url": settings.PULSE_SITE_URL,
        "release": settings.PULSE_RELEASE,
        "database": connection.vendor,
    }
    out.write("{\n")
    for key, value in header.items():
        out.write(f"{rows.dumps(key)}: {rows.dumps(value)},\n")
    manifest = media.manifest(copy_to=media_copy)
    _write_list(out, "media", manifest)
    counts = {}
    with snapshot():
        out.write(f'"migrations": {rows.dumps(applied_migrations())},\n"models": {{')
        for index, model in enumerate(selection.exported_models()):
            label = selection.label(model)
            out.write(f"{',' if index else ''}\n{rows.dumps(label)}: [")
            count = 0
            for row in rows.serialised_rows(model):
                out.write(f"{',' if count else ''}\n{rows.dumps(row)}")
                count += 1
            out.write("\n]" if count else "]")
            counts[label] = count
            if progress:
                progress(label, count)
    out.write(f'\n}},\n"counts": {rows.dumps(counts)}\n}}\n')
    return counts, manifest


def _write_list(out, key, items):
    out.write(f"{rows.dumps(key)}: [")
    out.write(",".join(f"\n{rows.dumps(item)}" for item in items))
    out.write("\n],\n" if items else "],\n")

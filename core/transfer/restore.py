"""The import: a site file restored into an empty database, whole or not at all.

Everything happens in one transaction: the rows migrations made are replaced, the file's
rows are saved with their primary keys as ``loaddata`` saves them (``saving``), the counts,
foreign keys and media are checked, and PostgreSQL's sequences are moved past the restored
ids, before anything is committed.  Media files copied by then are removed again if any of
it fails.
"""

import time
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.text import get_text_list

from core.singleton import CachedSingleton

from . import TransferError, media, rows, saving, selection
from .reader import SiteFile

ROW_ERRORS = (
    DeserializationError, DatabaseError, ValidationError, ObjectDoesNotExist, ValueError,
    TypeError, LookupError,
)  # fmt: skip


def restore(path, media_dir=None, progress=None):
    """Restore the file at ``path`` (and with ``media_dir`` its media); a summary dict."""
    path = Path(path)
    started = time.monotonic()
    try:
        handle = open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise TransferError(f"Cannot read {path}: {error.strerror}.") from error
    models = selection.exported_models()
    with handle:
        site = SiteFile(handle, path.name)
        check_empty(models)
        written = []
        try:
            with transaction.atomic():
                _clear_seeded(models)
                _load(site, {selection.label(m) for m in models}, progress)
                _check_counts(site)
                _check_constraints(models)
                _reset_sequences(models)
                entries = _media_entries(site)
                if media_dir is not None:
                    written = _restore_media(entries, media_dir)
                transaction.on_commit(_forget_cached_singletons)
        except BaseException:
            media.remove(written)
            raise
    return {
        "counts": dict(site.seen),
        "rows": sum(site.seen.values()),
        "media": len(entries),
        "copied": len(written),
        "missing": [] if media_dir is not None else media.missing(entries),
        "seconds": time.monotonic() - started,
        "header": site.header,
    }


def _media_entries(site):
    entries = site.trailer.get("media", [])
    if not isinstance(entries, list):
        raise TransferError(f'{site.name}: "media" is not a list of files.')
    for entry in entries:
        media.check_entry(entry)
    return entries


def _restore_media(entries, folder):
    try:
        return media.restore(entries, folder)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise TransferError(
            f"Copying the media failed: {error.strerror}{where}. Nothing was imported."
        ) from error


def check_empty(models):
    """TransferError unless the database is migrated and holds none of the file's rows
    (the rows migrations make, staff groups and settings, do not count: they are replaced)."""
    tables = set(connection.introspection.table_names())
    if any(model._meta.db_table not in tables for model in models):
        raise TransferError(
            "The database is not set up: run manage.py migrate, then import_site again."
        )
    counts = [
        (model._base_manager.count(), model._meta)
        for model in models
        if not selection.is_seeded(model)
    ]
    found = [
        f"{count:,} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"
        for count, meta in sorted(counts, key=lambda item: -item[0])  # the most first
        if count
    ]
    if found:
        more = len(found) - 7
        listed = (
            get_text_list(found, "and")
            if more <= 1
            else f"{', '.join(found[:7])} and {more} more kinds of row"
        )
        raise TransferError(
            f"The database already has {listed}: import_site "
            "restores only into an empty database. Create a new database, run manage.py "
            "migrate, and try again."
        )


def _clear_seeded(models):
    for model in models:
        if selection.is_seeded(model):
            model._base_manager.all().delete()


def _load(site, labels, progress):
    saver = saving.BatchSaver(progress)
    try:
        for row in rows.deserialised(_checked_rows(site, labels)):
            saver.add(row)
        saver.flush()
    except TransferError:
        raise
    except ROW_ERRORS as error:
        label = next(reversed(site.seen), "?")
        number = site.seen.get(label, 0)
        # A row that cannot be read is named; a database refusal comes from a batch.
        which = (
            f"rows of {label} up to row {number}"
            if isinstance(error, DatabaseError)
            else f"row {number} of {label}"
        )
        raise TransferError(
            f"{site.name}: {which} cannot be restored: {error}. Nothing was imported."
        ) from error


def _checked_rows(site, labels):
    checked = False
    for row in site.rows():
        if not checked:
            _check_schema(site)
            checked = True
        if row["model"] not in labels:
            raise TransferError(
                f"{site.name} has rows of {row['model']}, which this site does not restore."
            )
        yield row
    if not checked:
        _check_schema(site)


def _check_schema(site):
    """The file's tables are those of a schema this database has (its migrations applied):
    a file from a newer Pulse is refused before any row is written."""
    wanted = site.trailer.get("migrations")
    if not isinstance(wanted, dict):
        raise TransferError(f'{site.name} has no "migrations" before its rows.')
    applied = MigrationRecorder(connection).applied_migrations()
    newer = [f"{app}.{name}" for app, name in sorted(wanted.items()) if (app, name) not in applied]
    if newer:
        raise TransferError(
            f"{site.name} comes from a newer schema ({', '.join(newer[:3])} not applied "
            "here): upgrade Pulse and run manage.py migrate first."
        )


def _check_counts(site):
    counts = site.trailer.get("counts")
    if counts != site.seen:
        differing = sorted(
            label
            for label in set(counts or {}) | set(site.seen)
            if (counts or {}).get(label) != site.seen.get(label)
        )
        raise TransferError(
            f"{site.name} holds other row counts than it lists ({', '.join(differing[:3])}): "
            "it was edited or damaged. Nothing was imported."
        )


def _check_constraints(models):
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
    except DatabaseError as error:
        raise TransferError(
            f"The file's rows do not fit together ({error}). Nothing was imported."
        ) from error


def _reset_sequences(models):
    """PostgreSQL hands out ids from sequences that inserting ids leaves behind: move them
    past the restored rows (SQLite needs nothing: it takes the largest id)."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [*models, *selection.through_models(models)]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _forget_cached_singletons():
    cache.delete_many(
        [model.cache_key() for model in selection.exported_models()
         if issubclass(model, CachedSingleton)]
    )  # fmt: skip

"""The whole site as one JSON file, and back: ``manage.py export_site`` / ``import_site``.

Unlike a backup (core/backups.py: a copy of the database, for the same engine), the file is
a documented, engine-neutral description of every row, so a site moves from SQLite to
PostgreSQL, to a new server, or into another tool.  The README's "Export and restore"
section describes the file; the modules here:

- ``selection``: which models are exported, in which order, and why some are not;
- ``rows``: a row as JSON and back (Django's serializers, full-precision times);
- ``media``: the media manifest (path, size, SHA-256), copying and verifying files;
- ``writer``: the export, streamed row by row;
- ``reader``: the file read back as a stream of events (ijson), never whole;
- ``restore``: the import into an empty database, in one transaction.
"""

FORMAT = "pulse-site"
VERSION = 1


class TransferError(Exception):
    """An expected refusal or a file that cannot be used, with a message for the operator."""

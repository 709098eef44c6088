"""A site file read back as a stream: the header, then one row at a time, then the counts.

ijson (with its C parser) turns the file into parse events; rows are built one by one from
them, so an import holds one row in memory, not the file.  Whatever is wrong with the file
(not JSON, cut short, another format, a newer version, a row of the wrong shape) is a
TransferError naming it; the caller's transaction makes sure nothing was kept by then.
"""

import ijson

from . import FORMAT, VERSION, TransferError

HEADER_KEYS = ("format", "version", "exported_at", "site_url", "release", "database")
CONTAINERS = {"start_map": 1, "start_array": 1, "end_map": -1, "end_array": -1}


class SiteFile:
    """Iterate ``rows()`` once; ``header`` is set before the first row, ``trailer`` (the
    media manifest, migrations and counts) once the rows are done."""

    def __init__(self, handle, name):
        self.handle = handle
        self.name = name
        self.header = {}
        self.trailer = {}
        self.seen = {}  # label: rows read

    def rows(self):
        try:
            yield from self._rows()
        except ijson.JSONError as error:
            detail = str(error).strip().splitlines()[0] if str(error).strip() else "cut short"
            raise TransferError(
                f"{self.name} is not a complete JSON document ({detail}). Nothing was imported."
            ) from error

    def _rows(self):
        events = ijson.parse(self.handle, use_float=True)
        first = next(events, None)
        if first is None or first[1] != "start_map":
            raise TransferError(f"{self.name} is not a Pulse site file (no JSON object in it).")
        for prefix, event, value in events:
            if prefix != "" or event != "map_key":
                if event == "end_map" and prefix == "":
                    break
                continue
            if value == "models":
                self._check_header()
                yield from self._models(events)
            elif value in HEADER_KEYS:
                prefix, event, scalar = next(events)
                self.header[value] = scalar if event not in CONTAINERS else None
                if event in CONTAINERS:
                    _skip(events, event)
            else:
                self.trailer[value] = _build(events)
        if "format" not in self.header:
            self._check_header()
        if "counts" not in self.trailer:
            raise TransferError(f"{self.name} ends without its row counts: it was cut short.")

    def _check_header(self):
        found = self.header.get("format")
        if found != FORMAT:
            raise TransferError(
                f"{self.name} is not a Pulse site file: its format is {found!r}, "
                f"not {FORMAT!r} (the header comes first)."
            )
        version = self.header.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise TransferError(f"{self.name} has no valid version number ({version!r}).")
        if version > VERSION:
            raise TransferError(
                f"{self.name} is a version {version} site file, made by a newer Pulse; this "
                f"one reads version {VERSION}. Upgrade Pulse here first."
            )

    def _models(self, events):
        prefix, event, value = next(events)
        if event != "start_map":
            raise TransferError(f'{self.name}: "models" is not an object of lists.')
        for prefix, event, value in events:
            if event == "end_map" and prefix == "models":
                return
            label = value
            prefix, event, value = next(events)
            if event != "start_array":
                raise TransferError(f'{self.name}: "models.{label}" is not a list of rows.')
            self.seen[label] = 0
            for _prefix, event, _value in events:
                if event == "end_array":
                    break
                if event != "start_map":
                    raise TransferError(f"{self.name}: a row of {label} is not an object.")
                row = _build(events, event)
                self._check_row(label, row)
                self.seen[label] += 1
                yield row

    def _check_row(self, label, row):
        if row.get("model") != label or "pk" not in row or not isinstance(row.get("fields"), dict):
            raise TransferError(
                f'{self.name}: row {self.seen[label] + 1} of {label} is not a {{"model": '
                f'"{label}", "pk": …, "fields": {{…}}}} object.'
            )


def _build(events, first=None):
    """The value that starts with ``first`` (or the next event), built from the events."""
    if first is None:
        _prefix, first, value = next(events)
        if first not in CONTAINERS:
            return value
    builder = ijson.ObjectBuilder()
    builder.event(first, None)
    depth = 1
    for _prefix, event, value in events:
        builder.event(event, value)
        depth += CONTAINERS.get(event, 0)
        if depth == 0:
            return builder.value
    raise TransferError("The file was cut short.")


def _skip(events, first):
    depth = 1
    for _prefix, event, _value in events:
        depth += CONTAINERS.get(event, 0)
        if depth == 0:
            return

"""The media manifest (every file under MEDIA_ROOT with its size and SHA-256), copying the
files out with an export and back in with an import, each copy checked as it is made."""

import hashlib
import os
from pathlib import Path, PurePosixPath

from django.conf import settings

from . import TransferError

BLOCK = 1 << 20


def media_root():
    return Path(settings.MEDIA_ROOT)


def files(root):
    """Relative POSIX paths of the regular files under ``root``, sorted (links skipped: a
    link could point anywhere on the machine)."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def _copy_hashing(source, target=None):
    """(size, sha256) of ``source``, written to ``target`` as it is read when given."""
    digest, size = hashlib.sha256(), 0
    out = open(target, "xb") if target is not None else None  # noqa: SIM115
    try:
        with open(source, "rb") as handle:
            while block := handle.read(BLOCK):
                digest.update(block)
                size += len(block)
                if out is not None:
                    out.write(block)
    finally:
        if out is not None:
            out.close()
    return size, digest.hexdigest()


def manifest(copy_to=None):
    """One entry per media file; with ``copy_to``, each file is copied there as it is
    hashed, so the manifest describes the copies' bytes exactly."""
    root = media_root()
    if copy_to is not None:
        copy_to = Path(copy_to)
        if copy_to.exists() and any(copy_to.iterdir()):
            raise TransferError(f"{copy_to} is not empty: copy the media into a new folder.")
        copy_to.mkdir(parents=True, exist_ok=True)
    entries = []
    for relative in files(root):
        target = None
        if copy_to is not None:
            target = copy_to / relative
            target.parent.mkdir(parents=True, exist_ok=True)
        size, digest = _copy_hashing(root / relative, target)
        entries.append({"path": relative, "size": size, "sha256": digest})
    return entries


def check_entry(entry):
    """A manifest entry as read from a file: its relative path, or TransferError."""
    if not isinstance(entry, dict) or not {"path", "size", "sha256"} <= entry.keys():
        raise TransferError("The media list has an entry without path, size and sha256.")
    path = PurePosixPath(str(entry["path"]))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise TransferError(f"The media list names a path outside the media folder: {path}.")
    return path.as_posix()


def restore(entries, folder):
    """Copy the listed files from ``folder`` into the media root, checking each copy; the
    paths written, so that a failed import can take them back.  A file already there with
    the same bytes is kept; one with other bytes stops the import."""
    root, folder = media_root(), Path(folder)
    if not folder.is_dir():
        raise TransferError(f"{folder} is not a folder: give --with-media the export's copy.")
    written = []
    try:
        for entry in entries:
            relative = check_entry(entry)
            target = root / relative
            expected = (entry["size"], entry["sha256"])
            if target.exists():
                if _copy_hashing(target) != expected:
                    raise TransferError(
                        f"{target} exists with other contents: restore into an empty media folder."
                    )
                continue
            if not (folder / relative).is_file():
                raise TransferError(f"{relative} is missing from {folder}.")
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            try:
                copied = _copy_hashing(folder / relative, partial)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
            if copied != expected:
                partial.unlink()
                raise TransferError(
                    f"{relative} in {folder} differs from the file's manifest (size or "
                    "SHA-256): it is not the exported copy. Nothing was imported."
                )
            os.replace(partial, target)
            written.append(target)
    except BaseException:
        remove(written)
        raise
    return written


def remove(paths):
    for path in paths:
        Path(path).unlink(missing_ok=True)


def missing(entries):
    """Listed files that the media root lacks or holds with other bytes (an import without
    --with-media reports them)."""
    root = media_root()
    return [
        entry["path"]
        for entry in entries
        if not (root / check_entry(entry)).is_file()
        or (root / entry["path"]).stat().st_size != entry["size"]
    ]

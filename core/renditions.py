"""Rendition URLs worked out once per process.

imagekit hashes a spec to name each rendition, which pages paid on every render for every
cover and avatar.  Uploads are stored under random, never-reused names
(uploads.safe_upload_path), so what is worked out for a given file never changes."""

from .memo import Memo

_renditions = Memo(limit=4096)


def kept(key, compute):
    """compute()'s value for ``key``, worked out once.  ``key`` must start with the file's
    stored name."""
    return _renditions.get(key, compute)

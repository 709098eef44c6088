"""Rendition URLs worked out once per process.

imagekit hashes a spec to name each rendition, which pages paid on every render for every
cover and avatar.  Uploads are stored under random, never-reused names
(validators.safe_upload_path), so what is worked out for a given file never changes and is
kept for the life of the process; the store is bounded (emptied when it gets full)."""

_KEPT = {}
LIMIT = 4096


def kept(key, compute):
    """compute()'s value for ``key``, worked out once.  ``key`` must start with the file's
    stored name."""
    found = _KEPT.get(key)
    if found is None:
        if len(_KEPT) >= LIMIT:
            _KEPT.clear()
        found = _KEPT[key] = compute()
    return found

"""The file cache one machine's workers share without Redis (core/filecache.py) stays near
its bound without listing its whole folder before every write, as Django's does."""

import pytest

from core import filecache
from core.filecache import FileCache


@pytest.fixture
def file_cache(tmp_path):
    return FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50}})


def test_a_process_counts_the_entries_once_every_so_many_writes(file_cache, monkeypatch):
    listed = []
    real = FileCache._list_cache_files
    monkeypatch.setattr(
        FileCache, "_list_cache_files", lambda self: listed.append(1) or real(self)
    )
    for n in range(2 * filecache.CULL_EVERY):
        file_cache.set(f"page-{n}", b"<html>", 600)
    assert len(listed) == 2  # at the first write, and CULL_EVERY writes later


def test_the_folder_stays_near_its_bound(file_cache, tmp_path):
    for n in range(400):
        file_cache.set(f"page-{n}", b"<html>", 600)
    entries = len(file_cache._list_cache_files())
    assert 0 < entries <= 50 + filecache.CULL_EVERY
    assert file_cache.get("page-399") == b"<html>"  # the newest is never culled before it is read

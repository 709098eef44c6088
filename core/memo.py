"""A bounded memo for values worked out from their key alone.

Only for values whose key says everything they depend on (a stored file's never-reused
name, a comment's own fields): such a value can never be stale, so it needs no expiry,
only a bound; the memo empties itself when it is full."""


class Memo:
    def __init__(self, limit):
        self.limit = limit
        self.kept = {}

    def get(self, key, compute):
        found = self.kept.get(key)
        if found is None:
            if len(self.kept) >= self.limit:
                self.kept.clear()
            found = self.kept[key] = compute()
        return found

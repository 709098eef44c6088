"""Avatars drawn from a name alone, so a page never asks a third party (no Gravatar)."""

import zlib

PALETTE_SIZE = 12


def initials(name):
    """First and last initials: "Zoë Ødegaard" → "ZØ", "Madonna" → "M"."""
    parts = [part for part in name.split() if part[:1].isalnum()]
    return "".join(part[0] for part in parts[:1] + parts[1:][-1:]).upper() or "?"


def tone(name):
    """A stable colour index per name, so one person looks the same across a thread."""
    return zlib.crc32(name.casefold().encode()) % PALETTE_SIZE


class InitialsAvatar:
    """``initials`` and ``avatar_tone`` for anything with a name in ``avatar_name_field``."""

    __slots__ = ()
    avatar_name_field = "name"

    @property
    def initials(self):
        return initials(getattr(self, self.avatar_name_field))

    @property
    def avatar_tone(self):
        return tone(getattr(self, self.avatar_name_field))

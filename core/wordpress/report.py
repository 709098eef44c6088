"""What an import did, kind by kind, and what each article lost on the way: built as the
import runs, printed by the command, stored as JSON for the admin's status page."""

from collections import defaultdict
from dataclasses import dataclass, field

# The order kinds are reported in (anything else follows, alphabetically).
KINDS = ["authors", "categories", "tags", "posts", "pages", "media", "comments", "redirects"]


@dataclass
class Report:
    dry_run: bool = False
    counts: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    skipped: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    warnings: dict = field(default_factory=lambda: defaultdict(list))
    notes: list = field(default_factory=list)
    items_read: int = 0

    def imported(self, kind, number=1):
        self.counts[kind]["imported"] += number

    def existing(self, kind, number=1):
        """Already there from an earlier import of the same export: left as it is."""
        self.counts[kind]["existing"] += number

    def skip(self, kind, reason, number=1):
        self.skipped[kind][reason] += number

    def warn(self, label, message):
        """Something a person should check about one article (or author, or file)."""
        if message not in self.warnings[label]:
            self.warnings[label].append(message)

    def note(self, message):
        if message not in self.notes:
            self.notes.append(message)

    def count(self, kind, what="imported"):
        return self.counts.get(kind, {}).get(what, 0)

    def skipped_count(self, kind, reason=None):
        reasons = self.skipped.get(kind, {})
        return reasons.get(reason, 0) if reason else sum(reasons.values())

    def kinds(self):
        seen = set(self.counts) | set(self.skipped)
        return [k for k in KINDS if k in seen] + sorted(seen - set(KINDS))

    def as_dict(self):
        """Plain JSON, for the admin's stored job."""
        return {
            "dry_run": self.dry_run,
            "items_read": self.items_read,
            "kinds": [
                {
                    "kind": kind,
                    "imported": self.count(kind),
                    "existing": self.count(kind, "existing"),
                    "skipped": sorted(self.skipped.get(kind, {}).items()),
                }
                for kind in self.kinds()
            ],
            "warnings": sorted(self.warnings.items()),
            "notes": list(self.notes),
        }

    def lines(self):
        """The report as text lines, for the command's output."""
        done = self.as_dict()
        heading = "Dry run: nothing was written." if self.dry_run else "Import finished."
        lines = [heading, f"{done['items_read']} records read."]
        for row in done["kinds"]:
            parts = [f"{row['imported']} imported"]
            if row["existing"]:
                parts.append(f"{row['existing']} already imported")
            lines.append(f"{row['kind']}: {', '.join(parts)}")
            lines.extend(f"  skipped {n}: {reason}" for reason, n in row["skipped"])
        if done["notes"]:
            lines.append("Notes:")
            lines.extend(f"  {note}" for note in done["notes"])
        if done["warnings"]:
            lines.append("Warnings:")
            for label, messages in done["warnings"]:
                lines.append(f"  {label}")
                lines.extend(f"    - {message}" for message in messages)
        return lines

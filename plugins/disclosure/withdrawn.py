"""Which entries show less than they did at the last build: their old text must leave the caches.

An entry that goes from `full` to `summary` or `withheld`, from `summary` to
`withheld`, or is deleted, stops being public. The build caches (rendered
bodies, parsed front matter, open-data lines) then drop every value the new
build did not use: what they kept of the entry's old text is among those.
An attachment the last build published and this one does not (no longer
`public: true`, or taken off its entry's list), or a file no public commitment
cites as evidence any more, stops being public the same way: the replaced site
beside the output published the file (and an attachment's words).
"""
from __future__ import annotations

from . import attachments, commitments

# How much of its text an entry shows, least first.
SHOWS = {"withheld": 0, "summary": 1, "full": 2}


def levels(site) -> dict[str, str]:
    """Each entry's file → its disclosure level, as this build publishes it; each attachment it
    publishes, as `<file>#<attachment name>`, and each evidence file, as `evidence:<path>`, → full
    (one published no longer counts as withdrawn)."""
    out = {}
    for e in site.all_entries():
        out[e.path] = e.disclosure
        for a in attachments.published(e):
            out[f"{e.path}#{a.name}"] = "full"
    for rel in commitments.evidence_files(site):
        out[f"evidence:{rel}"] = "full"
    return out


def withdrawn(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """Files whose entry shows less now than in `before` (a deleted entry shows nothing)."""
    return sorted(path for path, level in before.items()
                  if SHOWS.get(now.get(path, "withheld"), 0) < SHOWS.get(level, 2))

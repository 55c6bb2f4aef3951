"""Proposals whose replies are not all known because a reply has a mistake of its own.

One slip, one error: a reply whose date, unit or 对应提案 is wrong, or whose file cannot be read, is
reported at its own line. What hangs on a proposal's replies (any reply yet? the first one's date?
every lead unit answered? a reply with commitments to review?) is checked once it is put right,
not reported at the proposal as a second mistake that is not one (validate.py, follow_ups.py).
"""
from __future__ import annotations

import re


def broken_replies(site, unread: set[str] | None = None) -> set[str]:
    """The ids of proposals with a reply whose date or unit has a mistake of its own, or that may have
    one among the replies not read or not placed (`unread`: unread_replies, when already worked out)."""
    unread = unread_replies(site) if unread is None else unread
    return unread | {x.proposal_id for x in site.responses.values()
                     if x.proposal_id and (x.date is None or x.unit is None)}


def unread_replies(site) -> set[str]:
    """The ids of proposals that may have a reply among the files that could not be read and the replies
    whose 对应提案 is wrong or names no proposal: one named for it as `new` names replies
    (responses/2024/0067-cz.md for 2024-0067), or an unreadable one that writes its id anywhere."""
    folder = site.kinds.named("response").folder + "/"
    texts = [text for path, text in site.unreadable_text.items() if path.startswith(folder)]
    unplaced = [x.path for x in site.responses.values() if x.proposal_id not in site.proposals]
    unplaced += [path for path in site.unreadable_text if path.startswith(folder)]
    out = set()
    for path in unplaced:
        parts = path.split("/")
        if len(parts) == 3:
            out.add(f"{parts[1]}-{parts[2].split('-', 1)[0].rsplit('.', 1)[0]}")
    for text in texts:  # each id-like word, and its shorter forms (2026-0001-fgw → 2026-0001)
        for word in _ID_LIKE.findall(text):
            parts = word.split("-")
            out.update(pid for n in range(2, len(parts) + 1) if (pid := "-".join(parts[:n])) in site.proposals)
    return out


_ID_LIKE = re.compile(r"\d{4}-[0-9A-Za-z_-]+")

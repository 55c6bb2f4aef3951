"""What each page depends on, as one hash: incremental builds reuse a page whose hash is unchanged.

A proposal's "story" covers everything its page, its replies' pages, its feed and its
JSON twin show: its file, its replies' files, the announcements that cite it, the
proposals merged into it (or the one it was merged into), site.yaml, the build date
and the git history of those files. `salt` covers code, theme and settings, so a
change there changes every hash. A page that shows anything else must not use these
hashes (leave its PageSpec `deps` empty and it is always rendered).
"""
from __future__ import annotations

import hashlib

from .commitments import cited_announcements, citing


def _hash(parts) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(str(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class Digests:
    def __init__(self, site, salt: str = "", history: dict | None = None):
        self.site = site
        self.salt = salt
        self.history = history or {}
        self._stories: dict[str, str] = {}
        self.base = _hash([salt, site.build_date.isoformat(), site.digests.get("site.yaml", "")])

    def file(self, entry) -> str:
        """The file's bytes, its attachments' bytes (their size and text show) and its commits
        (the history block shows them)."""
        h = self.history.get(entry.path)
        commits = [getattr(c, "sha", c) for c in h.commits] if h else []
        attached = [f"{a.file}:{a.digest}" for a in getattr(entry, "attachments", ())]
        return _hash([entry.path, self.site.digests.get(entry.path, ""), *attached, *commits])

    def story(self, proposal_id: str) -> str:
        if proposal_id not in self._stories:
            site = self.site
            p = site.proposals.get(proposal_id)
            parts = [self.base, proposal_id]
            if p is not None:
                parts.append(self.file(p))
                parts += [self.file(x) for x in site.responses_for(proposal_id)]
                parts += [self.file(a) for a in site.related_announcements(proposal_id)]
                parts += [self.file(m) for m in site.merged_here(proposal_id)]
                parts += [self.file(a) for a in cited_announcements(site, proposal_id)]
                target = site.proposals.get(p.merged_into)
                if target is not None:
                    parts.append(self.file(target))
            self._stories[proposal_id] = _hash(parts)
        return self._stories[proposal_id]

    def announcement(self, a) -> str:
        fulfils = sorted({c.reply.proposal_id for c in citing(self.site, a.id)})
        return _hash([self.base, self.file(a), *(self.story(r) for r in a.related), *(self.story(r) for r in fulfils)])

    def response(self, x) -> str:
        return _hash([self.story(x.proposal_id), self.file(x)])

    def entry(self, e) -> str:
        """What an item page (and its twin, record, search entry) shows, by the entry's kind
        (kinds.Kind.digest; a kind without one shows its own file and nothing else)."""
        kind = self.site.kinds.of(e)
        if kind.digest is not None:
            return kind.digest(self, e)
        return _hash([self.base, self.file(e)])

    def of(self, *parts) -> str:
        """Any combination: a listing page hashes its items' stories with its own variables."""
        return _hash([self.base, *parts])

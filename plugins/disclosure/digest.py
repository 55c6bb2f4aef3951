"""What each page depends on, as one hash: incremental builds reuse a page whose hash is unchanged.

A proposal's "story" covers everything its page, its replies' pages, its feed and its
JSON twin show: its file, its replies' files, the announcements that cite it, the
proposals merged into it (or the one it was merged into), site.yaml, the git history of
those files and its date key (as_of.py: the build date only where it shows a day count). `salt` covers code, theme and settings, so a
change there changes every hash. A page that shows anything else must not use these
hashes (leave its PageSpec `deps` empty and it is always rendered).
"""
from __future__ import annotations

import hashlib

from . import stats
from .as_of import AsOf
from .commitments import citing
from .proposers import kept_proposers, proposer_rows, proposers_of
from .slugs import slugify

# What an output can be made from (an output declares a set of these; pages.PageSpec.inputs).
ENTRY = "entry"      # the item's story: its file and the files it shows, their attachments and history
MEMBERS = "members"  # a listing's items (each one's story), its position and size
DATE = "date"        # the date key (as_of.py): the build date only where a day count is shown
SITE = "site.yaml"   # the site's vocabulary and settings file
CODE = "code"        # the salt: plugins, theme and templates, settings, library versions
WHOLE = "whole"      # anything in the site and the raw build date: the output is always made
ITEM = frozenset({ENTRY, DATE, SITE, CODE})
LISTING = frozenset({MEMBERS, DATE, SITE, CODE})
ALWAYS = frozenset({WHOLE, ENTRY, MEMBERS, DATE, SITE, CODE})
PROPOSERS = "\0proposers"  # the kept plans' entry for proposers.proposers_of (no proposal id starts with NUL)


def _hash(parts) -> str:
    """SHA-1 of each part's text followed by a NUL byte, encoded and hashed in one call (the
    same hash as updating part by part: 400,000 parts a rebuild at N = 5,000)."""
    texts = list(map(str, parts))
    if not texts:
        return hashlib.sha1().hexdigest()
    texts.append("")
    return hashlib.sha1("\0".join(texts).encode("utf-8")).hexdigest()


def part(*values) -> str:
    """One named part of an output's inputs, as a hash (kept for `build.py explain`)."""
    return _hash(values)


def short(parts: dict) -> dict[str, str]:
    """Hashes cut to 12 characters (the manifest holds one set per output); a date key stays
    readable (a long horizon: its first dates and how many)."""
    def cut(k, v):
        if not k.endswith("date"):
            return v[:12]
        return v if len(v) <= 40 else f"{v[:32]}… ({v.count(',') + 1} dates)"
    return {k: cut(k, v) for k, v in parts.items()}


class Digests:
    def __init__(self, site, salt: str = "", history: dict | None = None, kept_dates=None, kept_slugs=None,
                 kept_plans=None, kept_day=None):
        self.site = site
        self.salt = salt
        self.history = history or {}
        self._stories: dict[str, str] = {}
        self._story_parts: dict[str, dict] = {}
        self._horizon = None
        self._slugs = None
        self.kept_slugs = kept_slugs  # slugify(name) by name, kept between builds (`.get(key, make)`)
        # what → {file → hash}: each asked for once per build (one dict per kind of hash, looked up
        # by the path alone: ~60,000 lookups a rebuild at N = 5,000)
        self._memo: dict[str, dict[str, str]] = {"file": {}, "news": {}, "record": {}, "entry": {}}
        self.kept_plans = kept_plans  # the stories' plans kept between builds (`.get(key, make)`: `plan`)
        self._plans: dict | None = None
        self.kept_day = kept_day  # a day's story hashes kept between builds (`.get(key, make)`: `_take_day`)
        # kept_dates: each file's dates kept between builds (as_of.AsOf); the stories' dates from the plans
        self.as_of = AsOf(site, kept_dates, self._dated_plan if kept_plans is not None else None)
        # code, settings and site.yaml: every output's fingerprint (`of`) starts with them; stories
        # and the parts kept for explain leave them out, so explain names the input that changed
        self.base = _hash([salt, site.digests.get("site.yaml", "")])

    def _once(self, what: str, e, make) -> str:
        """make(e), once per build for each entry (pages, feeds, twins, data lines and search
        records ask for the same entry's hashes: 180,000 hashes a rebuild at N = 5,000 before)."""
        memo = self._memo[what]
        found = memo.get(e.path)
        if found is None:
            found = memo[e.path] = make(e)
        return found

    def file(self, entry) -> str:
        """The file's bytes, its attachments' bytes (their size and text show) and its commits
        (the history block shows them)."""
        return self._once("file", entry, self._file)

    def _file(self, entry) -> str:
        h = self.history.get(entry.path)
        commits = [getattr(c, "sha", c) for c in h.commits] if h else []
        attached = [f"{a.file}:{a.digest}" for a in getattr(entry, "attachments", ())]
        return _hash([entry.path, self.site.digests.get(entry.path, ""), *attached, *commits])

    def story(self, proposal_id: str) -> str:
        if proposal_id not in self._stories:
            parts = self.story_parts(proposal_id)
            self._stories[proposal_id] = _hash([proposal_id, *parts.values()])
        return self._stories[proposal_id]

    def story_parts(self, proposal_id: str) -> dict[str, str]:
        """The named parts of a proposal's story: its files ("entry"), its proposers' page
        slugs, and its date key (as_of.py); kept in the manifest for `build.py explain`."""
        if proposal_id not in self._story_parts:
            plan = self.plan(proposal_id)
            entry, proposers = plan[:2] if plan is not None else self._story_files(proposal_id)
            self._story_parts[proposal_id] = {"entry": entry, "proposers": proposers,
                                              "date": self.as_of.story_key(proposal_id)}
        return self._story_parts[proposal_id]

    def _story_files(self, proposal_id: str) -> tuple[str, str]:
        """A story's "entry" (its files) and "proposers" (its proposers' page links) parts."""
        p = self.site.proposals.get(proposal_id)
        shown = self.as_of.story_entries(p) if p is not None else []
        return _hash(map(self.file, shown)), _hash(self._proposer_slugs().get(proposal_id, []))

    def plan(self, proposal_id: str) -> tuple | None:
        """What a proposal's story is made of apart from the build date, kept between builds (`kept_plans`):
        (its "entry" and "proposers" parts, its records' dates, its publicity notices' ids), or None
        (not kept: worked out as each part is asked for).

        Every one of them comes from the content's records alone, so the plans of every proposal are
        kept together by a hash of every entry's file (`file`: its path, bytes, attachments and
        commits) and site.yaml (the memo's salt covers code, settings and library versions): the
        next day reuses them all and works out only what the build date decides (as_of.py: the
        horizon of those dates, due_state, the notices' windows); any edited, added or deleted file
        makes them all again. A story showing an entry not public in full is not kept (its dates
        are not kept beside the output: as_of.AsOf._dates_of), nor the proposers' pages then."""
        if self._plans is None:
            self._plans = {}  # (while they are made, each part is worked out the long way)
            if self.kept_plans is not None:
                key = self._plans_key()
                self._plans = self.kept_plans.get(key, self._make_plans)
                rows = self._plans.get(PROPOSERS)
                if rows is not None:
                    kept_proposers(self.site, rows)
                    if self.kept_slugs is not None:  # still used: else the slugs memo is saved empty
                        for name, *_ in rows:
                            self.kept_slugs.get(name, lambda name=name: slugify(name))
                else:
                    self._proposer_slugs()  # pages ask proposers_of too: made with the kept slugs
                if key is not None and self.kept_day is not None:
                    made = []  # a day made now: this build worked every hash out already
                    day = self.kept_day.get(_hash(["day", key]), lambda: made.append(1) or self._make_day())
                    if not made:
                        self._take_day(day)
        return self._plans.get(proposal_id)

    def _make_day(self) -> tuple:
        """(the build date D0, one row per kept story not daily on D0 and carrying no date equal to
        it): (id, story hash, the nearest of its dates before D0 and after D0 (or None), what the
        proposal adds to the statistics (stats.share_row), then for the proposal and each reply its
        path, entry hash, record hash and news hash (or None)). A flat tuple a row: the next day
        loads ~30,000 objects at N = 5,000, not ~46,000.

        Kept by the plans' key (`_take_day`: another day with the same files takes the rows of the
        stories none of whose dates the build date crossed since D0). Only stories whose plan is
        kept (every entry public in full) have a row; announcements and other kinds have none."""
        site, as_of, today = self.site, self.as_of, self.site.build_date
        rows = []
        for pid in self._plans:
            p = site.proposals.get(pid)
            if p is None or as_of.kind_of(p) != "proposal":
                continue
            daily, dates = as_of.story(pid)
            if daily or today in dates:
                continue
            shown = [p.path, self.entry(p), self.record(p), self.news(p)]
            for x in site.responses_for(pid):
                if as_of.kind_of(x) == "response":
                    shown += (x.path, self.entry(x), self.record(x), None)
            rows.append((pid, self.story(pid), max(filter(today.__gt__, dates), default=None),
                         min(filter(today.__lt__, dates), default=None), stats.share_row(site, p), *shown))
        return today, tuple(rows)

    def _take_day(self, day) -> None:
        """The hashes of the stories a kept day (`_make_day`, made on D0) holds whose dates the build
        date did not cross: none of them lies in [min(D0, today), max(D0, today)]. Such a story's
        horizon is D0's and it is not daily (as_of.py: every comparison with the build date is with
        one of those dates, and a day count shows only while due_state or a notice's window says
        so, which only those dates decide), so each hash is the one worked out today."""
        made_on, rows = day
        today = self.site.build_date
        low, high = min(made_on, today), max(made_on, today)
        memo, stories, quiet, shares = self._memo, self._stories, [], []
        entry, record, news = memo["entry"], memo["record"], memo["news"]
        proposals = self.site.proposals
        for row in rows:
            before, after = row[2], row[3]
            if (before is not None and before >= low) or (after is not None and after <= high):
                continue
            stories[row[0]] = row[1]
            if row[4] is not None:
                shares.append((proposals[row[0]], row[4]))
            for at in range(5, len(row), 4):
                path, e, r, n = row[at:at + 4]
                entry[path], record[path] = e, r
                if n is not None:
                    news[path] = n
                quiet.append(path)
        self.as_of.not_daily(quiet)
        stats.keep_shares(self.site, shares)

    def _dated_plan(self, proposal_id: str):
        plan = self.plan(proposal_id)
        return plan[2:] if plan is not None else None

    def _plans_key(self) -> str | None:
        """None (nothing kept) when an entry was not read from a hashed file: nothing to key it by."""
        site = self.site
        entries, hashed = site.all_entries(), site.digests
        if not all(hashed.get(e.path) for e in entries):
            return None
        return _hash(["story plans", hashed.get("site.yaml", ""), *site.kinds.names, *map(self.file, entries)])

    def _make_plans(self) -> dict:
        site, as_of, plans = self.site, self.as_of, {}
        full = lambda e: getattr(e, "disclosure", "full") == "full"  # noqa: E731
        slugs = self._proposer_slugs()  # proposers_of with the kept slugs
        for pid, p in site.proposals.items():
            shown = as_of.story_entries(p)
            if all(map(full, shown)):
                dates, notices = as_of.story_dates(p, shown)
                plans[pid] = (_hash(map(self.file, shown)), _hash(slugs.get(pid, [])),  # as _story_files
                              frozenset(dates), tuple(a.id for a in notices))
        if all(map(full, site.all_proposals)):
            plans[PROPOSERS] = proposer_rows(proposers_of(site))
        return plans

    def _proposer_slugs(self) -> dict[str, list[str]]:
        """Proposal id → its proposers' page slugs (a slug can take -2 from another proposal's name)."""
        if self._slugs is None:
            self._slugs = {}
            kept = self.kept_slugs
            slug = slugify if kept is None else (lambda name: kept.get(name, lambda: slugify(name)))
            for x in proposers_of(self.site, slug):
                for p in x.proposals:
                    self._slugs.setdefault(p.id, []).append(f"{x.name}={x.slug}")
        return self._slugs

    def announcement(self, a) -> str:
        return _hash(self.announcement_parts(a).values())

    def announcement_parts(self, a) -> dict[str, str]:
        fulfils = sorted({c.reply.proposal_id for c in citing(self.site, a.id)})
        return {"entry": self.file(a), "date": self.as_of.announcement_key(a),
                "proposals": _hash([*(self.story(r) for r in a.related), *(self.story(r) for r in fulfils)])}

    def _kind(self, e) -> str:
        return self.as_of.kind_of(e)

    def news(self, e) -> str:
        return self._once("news", e, self._news)

    def _news(self, e) -> str:
        """What a feed's items of a proposal (its story's files) or of an announcement (its file)
        show: as the story, but dated by the horizon alone (news.py shows no day count). Another
        registered kind's items show their own file."""
        kind = self._kind(e)
        if kind == "proposal":
            entry = self.story_parts(e.id)["entry"]
        elif kind == "announcement":
            a = self.announcement_parts(e)
            entry = _hash([a["entry"], a["proposals"]])
        else:
            entry = self.file(e)
        return _hash([e.id, entry, self.as_of.news_key(e)])

    def record(self, e) -> str:
        return self._once("record", e, self._record)

    def _record(self, e) -> str:
        """What an item's record shows (JSON twin, open-data line, search record): as `entry`, but
        dated by the horizon alone: export.py and search/records.py show no day count."""
        if self._kind(e) == "response":
            p = self.site.proposals.get(e.proposal_id)
            return _hash([self.news(p) if p is not None else e.proposal_id, self.file(e)])
        return self.news(e)

    def response(self, x) -> str:
        return _hash([self.story(x.proposal_id), self.file(x)])

    def common(self) -> dict[str, str]:
        """The parts every output has: the salt's (code, templates, settings, libraries) and site.yaml
        (kept once in the manifest, not per output)."""
        named = dict(part.split("=", 1) for part in self.salt.split(";") if "=" in part)
        return {**(named or {"code": self.salt}), "site.yaml": self.site.digests.get("site.yaml", "")}

    def explained(self, e, record: bool = False) -> dict[str, str]:
        """An item page's named inputs (`record`: its record's, dated by the horizon), short, for
        the manifest (`build.py explain`)."""
        kind = self._kind(e)
        if kind == "proposal":
            parts = self.story_parts(e.id)
        elif kind == "response":
            parts = {"reply": self.file(e), **{f"proposal {k}": v for k, v in self.story_parts(e.proposal_id).items()}}
        elif kind == "announcement":
            parts = self.announcement_parts(e)
        else:
            parts = {"entry": self.file(e), "date": self.as_of.news_key(e)}
        if record:
            target = self.site.proposals.get(e.proposal_id) if kind == "response" else e
            parts = {k: v for k, v in parts.items() if not k.endswith(("date", "proposers"))}
            parts["date"] = self.as_of.news_key(target) if target is not None else ""
        return short(parts)

    def entry(self, e) -> str:
        return self._once("entry", e, self._entry)

    def entries(self, es) -> list[str]:
        """entry(e) of each, in order: a listing's members, looked up in this build's memo without a
        call per member where already worked out (~45,000 members a build at N = 5,000)."""
        memo = self._memo["entry"]
        return [memo.get(e.path) or self.entry(e) for e in es]

    def _entry(self, e) -> str:
        """What an item page (and its twin, record, search entry) shows, by the entry's kind
        (kinds.Kind.digest; a kind without one shows its own file and nothing else)."""
        kind = self.site.kinds.of(e)
        if kind.digest is not None:
            return kind.digest(self, e)
        return _hash([self.file(e), self.as_of.news_key(e)])

    def horizon(self, whole=None) -> str:
        """For outputs that pick items across the site by date (site-wide feeds, the replies listing);
        `whole`: as_of.AsOf.site_horizon's, for the first call."""
        if self._horizon is None:
            self._horizon = self.as_of.site_horizon(whole)
        return self._horizon

    def of(self, *parts) -> str:
        """An output's fingerprint: code, settings and site.yaml, then its own parts (a listing
        page: its items' stories with its own variables). Every output hashes through here."""
        return _hash([self.base, *parts])

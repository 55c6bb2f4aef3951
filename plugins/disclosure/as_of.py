"""How an item's outputs depend on the build date: the one place that decides it.

Date-dependent text is 还剩 N 天 / 逾期 N 天 (a running reply deadline: lifecycle.due_state
"pending" or "overdue") and 还有 N 天截止 / 尚未开始 (a 公示 window not yet over): it changes
every day, so such an item is *daily*: its outputs hash the build date and show 数据截至.

Everything else an item shows compares dates with the build date (a step or update shown from
its day, a commitment overdue after its due date, 公示已结束), so it changes only on the days
those dates are crossed. Its key is its *horizon*: the dates it carries from the build date on,
and whether the build date is one of them. Two days with the same horizon answer every
`d < today`, `d <= today`, `d > today` alike, so the outputs are byte for byte the same and
are reused; an item whose dates all lie in the past is "settled" for good.

Dates are found by walking the records' fields (dataclasses, lists, tuples, dicts), so a new
date field counts without an edit here; a derived date (the reply deadline) is added by hand.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from .commitments import cited_announcements, citing
from .lifecycle import due_state, publicity_window

SETTLED = "settled"


_LEAVES = (str, bytes, int, float, bool, type(None))


def dates_in(obj, found: set | None = None, seen: set | None = None, fields: dict | None = None) -> set[dt.date]:
    """Every date in a record's fields, however deep (bodies and other text are not read).

    Walked with a list rather than by recursion (370,000 calls a rebuild at N = 5,000);
    `fields` keeps each dataclass's field names for the caller (AsOf: once per build)."""
    found = set() if found is None else found
    seen = set() if seen is None else seen
    fields = {} if fields is None else fields
    todo = [obj]
    while todo:
        obj = todo.pop()
        if isinstance(obj, _LEAVES):
            continue
        if isinstance(obj, dt.date):
            found.add(obj.date() if isinstance(obj, dt.datetime) else obj)
            continue
        if id(obj) in seen:
            continue
        cls = type(obj)
        names = fields.get(cls)
        if names is None:
            names = fields[cls] = (tuple(f.name for f in dataclasses.fields(obj))
                                   if dataclasses.is_dataclass(obj) and not isinstance(obj, type) else ())
        if names:
            seen.add(id(obj))
            todo.extend(getattr(obj, name, None) for name in names)
        elif isinstance(obj, dict):
            seen.add(id(obj))
            for k, v in obj.items():
                todo.append(k)
                todo.append(v)
        elif isinstance(obj, (list, tuple, set, frozenset)):
            seen.add(id(obj))
            todo.extend(obj)
    return found


def horizon(dates, today: dt.date) -> str:
    """The dates from `today` on, and whether `today` is one: equal on two days exactly when no
    date lies between them (both included), so every comparison with the build date agrees."""
    ahead = sorted(d for d in dates if d >= today)
    if not ahead:
        return SETTLED
    return ("=" if ahead[0] == today else "") + ",".join(d.isoformat() for d in ahead)


class AsOf:
    """Per build (no module state): each proposal's and announcement's date key, worked out once.

    `kept` (optional: `.get(key, make)`, as gongkai_build.incremental.Memo) keeps each file's
    dates between builds: they come from its record alone, so the key is the file's kind, path
    and bytes' hash and site.yaml's (the store's salt covers the code). A rebuild then walks only
    new and edited records; the keys themselves (which hold the build date) are worked out anew."""

    def __init__(self, site, kept=None, plans=None):
        self.site = site
        self.kept = kept
        # plans(proposal_id) → (its story's record dates, its publicity notices' ids) kept between
        # builds (digest.Digests.plan), or None: the story's entries are then looked up and walked
        self.plans = plans
        self.today = site.build_date
        self._proposal: dict[str, tuple[bool, set]] = {}
        self._announcement: dict[str, tuple[bool, set]] = {}
        self._dates: dict[str, set] = {}
        self._daily: dict[str, bool] = {}
        self._daily_ids: dict[int, bool] | None = None  # id(entry) → daily, for every entry of the site
        self._fields: dict[type, tuple] = {}  # each record class's field names (dates_in)

    def kind_of(self, entry) -> str:
        """The entry's registered kind (kinds.py), the one way this module and digest.py tell
        a proposal, a reply, an announcement or another kind apart."""
        return self.site.kinds.of(entry).name

    def may_keep(self, entry) -> bool:
        """Whether an entry's dates may be kept beside the output: read from a hashed file (a key to
        keep them by) and public in full (a reply's commitments' dates show only then)."""
        return bool(self.site.digests.get(entry.path)) and getattr(entry, "disclosure", "full") == "full"

    def _dates_of(self, entry) -> frozenset:
        """dates_in(entry), once per file (a reply or notice is in several stories), kept by `kept`."""
        if entry.path not in self._dates:
            make = lambda: frozenset(dates_in(entry, fields=self._fields))  # noqa: E731
            if self.kept is None or not self.may_keep(entry):
                # not read from a file (or not hashed): nothing to key it by; a reply not public in
                # full: its commitments' dates are not shown, so not kept beside the output either
                self._dates[entry.path] = make()
            else:
                digests = self.site.digests
                key = "\0".join((self.kind_of(entry), entry.path, digests[entry.path], digests.get("site.yaml", "")))
                self._dates[entry.path] = self.kept.get(key, make)
        return self._dates[entry.path]

    def _story(self, proposal_id: str) -> tuple[bool, set]:
        """(daily, dates) of everything a proposal's outputs show (as digest.Digests.story reads)."""
        if proposal_id not in self._proposal:
            site, today = self.site, self.today
            p = site.proposals.get(proposal_id)
            daily, dates = False, set()
            if p is not None:
                life = site.life(p.id)
                kept = self.plans(proposal_id) if self.plans is not None else None
                if kept is None:
                    found, notices = self.story_dates(p)
                else:
                    found, ids = kept
                    notices = [site.announcements[i] for i in ids]
                dates = set(found)
                if life.due:
                    dates.add(life.due)
                daily = due_state(p, life, today) in ("pending", "overdue") or any(
                    publicity_window(a, today) in ("open", "upcoming") for a in notices)
            self._proposal[proposal_id] = (daily, dates)
        return self._proposal[proposal_id]

    def story_entries(self, p) -> list:
        """Every entry a proposal's outputs show (as digest.Digests.story reads)."""
        site = self.site
        shown = [p, *site.responses_for(p.id), *site.related_announcements(p.id), *site.merged_here(p.id),
                 *cited_announcements(site, p.id)]
        target = site.proposals.get(p.merged_into)
        if target is not None:
            shown.append(target)
        return shown

    def story_dates(self, p, shown=None) -> tuple[set, list]:
        """The dates of every record a proposal's outputs show (`shown`: story_entries), and its
        publicity notices (公示: their window makes the story daily): what the records alone say,
        the same on every build date."""
        shown = self.story_entries(p) if shown is None else shown
        dates = set()
        for entry in shown:
            dates |= self._dates_of(entry)
        return dates, [a for a in shown if getattr(a, "notice_type", "") == "publicity"]

    def _announcement_story(self, a) -> tuple[bool, set]:
        if self.kind_of(a) != "announcement":  # another registered kind: its own dates
            return False, set(self._dates_of(a))
        if a.id not in self._announcement:
            daily = publicity_window(a, self.today) in ("open", "upcoming")
            dates = set(self._dates_of(a))
            for pid in [*a.related, *sorted({c.reply.proposal_id for c in citing(self.site, a.id)})]:
                d, found = self._story(pid)
                daily, dates = daily or d, dates | found
            self._announcement[a.id] = (daily, dates)
        return self._announcement[a.id]

    def _key(self, daily_dates) -> str:
        daily, dates = daily_dates
        return self.today.isoformat() if daily else horizon(dates, self.today)

    def story(self, proposal_id: str) -> tuple[bool, set]:
        """(daily, dates): whether the proposal's outputs show a day count today, and every date
        they compare with the build date (its records' and its deadline)."""
        return self._story(proposal_id)

    def not_daily(self, paths) -> None:
        """These entries' pages show no day count today, as a kept day says (digest.Digests' `kept_day`)."""
        self._daily.update(dict.fromkeys(paths, False))

    def story_key(self, proposal_id: str) -> str:
        """The build date when the proposal's outputs show a day count, else its horizon."""
        return self._key(self._story(proposal_id))

    def announcement_key(self, a) -> str:
        return self._key(self._announcement_story(a))

    def news_key(self, entry) -> str:
        """For feeds and records (JSON twins, data lines, search records), which show no day count:
        only the horizon (items, updates, flags such as overdue change on their day)."""
        if self.kind_of(entry) == "proposal":
            return horizon(self._story(entry.id)[1], self.today)
        return horizon(self._announcement_story(entry)[1], self.today)

    def daily(self, entry) -> bool:
        """Whether the item's page shows date-dependent text (and so 数据截至); once per file
        (listings ask for every member on every page: 220,000 times at N = 5,000)."""
        if entry.path not in self._daily:
            self._daily[entry.path] = self._is_daily(entry)
        return self._daily[entry.path]

    def _is_daily(self, entry) -> bool:
        kind = self.kind_of(entry)
        if kind == "response":  # a reply: its proposal's story
            return self._story(entry.proposal_id)[0]
        if kind == "proposal":
            return self._story(entry.id)[0]
        return self._announcement_story(entry)[0]

    def shown_as_of(self, entries) -> dt.date | None:
        """The 数据截至 date a page of these items shows: the build date when one of them is daily.

        Listings ask this of every page (235,000 members at N = 5,000): each entry's answer is
        worked out once, by the entry object's id, and a page is checked without a Python step
        per member; a member that is not one of the site's entries is asked for by itself."""
        if self._daily_ids is None:
            self._daily_ids = {id(e): self.daily(e) for e in self.site.all_entries()}
        try:
            found = any(map(self._daily_ids.__getitem__, map(id, entries)))
        except KeyError:
            found = any(self.daily(e) for e in entries)
        return self.today if found else None

    def site_horizon(self, whole=None) -> str:
        """The horizon of every record: for outputs that pick items by date across the site
        (site-wide feeds, the replies listing).

        `whole` (optional: (memo, key), the memo with `.get(key, make)`): the dates of every record
        public in full and read from a hashed file, as one set kept by `key`, which the caller makes
        from every file's hash and site.yaml's (with code and settings): the next day takes it whole
        instead of asking ~10,500 records for theirs. The others' dates are never kept, and are
        asked for on every build."""
        entries = [*self.site.all_proposals, *self.site.all_responses, *self.site.all_announcements]
        dates = set()
        if whole is not None:
            memo, key = whole
            shared, own = [], []  # kept together / asked every build
            for e in entries:
                (shared if self.may_keep(e) else own).append(e)
            dates |= memo.get(key, lambda: frozenset().union(*map(self._dates_of, shared)))
            entries = own
        for e in entries:
            dates |= self._dates_of(e)
        return horizon(dates, self.today)

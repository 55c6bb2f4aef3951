"""The public change history of one entry: what a page shows under 修改记录.

Verifiable history: when built in a git checkout, each proposal and reply page
says when its file was first published and last changed, each change's date and
what it changed (正文, 文号 … named from the two versions, never a commit message
or hash: those are the developers' words), the staff's 修改说明 (`change_note`)
when a version brings one, and what the text was before and after.

Disclosure decides here too, over the whole history: a change shows its diff
only when the entry is `full` now and was `full` both before and after that
change (each version's own 公开属性, read from git). An entry that was withheld
or summary and later became full shows no text of its earlier versions; one that
is `summary` or `withheld` now shows dates and what changed but never a diff.
Staff who removed something that must not stay public mark the commit message
with one of HIDE_MARKERS: that change and every earlier one then show no text.
"""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import labels as L
from .entries import declared_disclosure, key_names
from .files import MARKDOWN_SUFFIXES
from .history import FileHistory, all_patches, blobs, git_history, is_shallow, marked_commits
from .source import read_old_version

HIDE_MARKERS = ("[hide-diff]", "【不显示差异】")
MAX_DIFF_LINES = 400


@dataclass
class Part:
    text: str
    changed: bool = False  # a changed stretch inside a changed line (shown as ins/del)


@dataclass
class DiffLine:
    kind: str  # "add", "del", "same", "hunk", "note"
    parts: list  # of Part
    old: int | None = None  # line number before
    new: int | None = None  # line number after


@dataclass
class ChangeView:
    when: dt.datetime
    sha: str  # kept out of the page's text (a data attribute), for those who verify against the repository
    kind: str  # "published", "edited", "renamed"
    diff: list = field(default_factory=list)  # DiffLine; empty when not shown
    diff_hidden: str = ""  # why no diff is shown, for the reader
    disclosure_change: str = ""  # e.g. 公开属性由「不予公开」改为「全文公开」
    what: str = ""  # what changed, in the reader's words: 正文、文号
    note: str = ""  # the staff's 修改说明 (change_note) written with this change
    truncated: int = 0  # lines left off


@dataclass
class Version:
    """What a change history needs of one version of a file: never its text."""

    level: str  # the 公开属性 it declared (unreadable: withheld)
    meta: dict  # front matter by English key
    body: str  # a hash of the body
    note: str = ""  # its change_note


def read_version(path: str, data: bytes, aliases: dict[str, str]) -> Version:
    """`aliases`: its kind's (kinds.Kind.aliases), so 标题 in one version and title in the next agree."""
    src = read_old_version(path, data)
    meta = {aliases.get(str(k).strip(), str(k).strip()): v for k, v in src.meta.items()}
    note = meta.get("change_note")
    return Version(level=declared_disclosure(src), meta=meta, body=hashlib.sha1(src.body.strip().encode()).hexdigest(),
                   note=note.strip() if isinstance(note, str) else "")


@dataclass
class EntryHistory:
    first: dt.datetime
    last: dt.datetime
    changes: list  # ChangeView, newest first
    complete: bool = True  # False in a shallow clone: `first` is only the earliest known
    entered_later: bool = False  # a back-catalogue entry: typed in long after its own date

    @property
    def edited(self) -> bool:
        return len(self.changes) > 1

    @property
    def first_label(self) -> str:
        """What the first commit's date is called: 首次发布, unless it came long after the entry's own
        date (a 2023 proposal typed in in 2026: 录入本站, never a "first published" later than the
        proposal itself), or the clone is shallow (最早记录)."""
        if not self.complete:
            return "最早记录"
        return "录入本站" if self.entered_later else "首次发布"


# A back-catalogue entry: its first commit more than a year after its own date (proposals
# often go online months after the session; only clear back-catalogue cases are told apart).
ENTERED_LATER_DAYS = 366


def own_date(entry) -> dt.date | None:
    """The date an entry is about: a proposal's submission, a reply's publication, an announcement's date."""
    for name in ("submitted", "public_date", "date"):
        value = getattr(entry, name, None)
        if isinstance(value, dt.date):
            return value
    return None


class SiteHistory:
    """Git history of a content folder, loaded once per build."""

    def __init__(self, root: Path, tz, shown_in: dict):
        """`shown_in`: the folders whose pages show a 修改记录, each with its kind (Kinds.history_folders)."""
        self.root = Path(root)
        self.shown_in = tuple(shown_in)
        self.kinds = dict(shown_in)
        self.aliases = {folder: kind.aliases for folder, kind in self.kinds.items()}
        self.files: dict[str, FileHistory] = git_history(self.root, tz, renames=True)
        self.complete = not is_shallow(self.root) if self.files else True
        # Marked anywhere in the message (its title or the description below it), not only the subject.
        self.hidden = hidden_commits(self.root) if self.files else set()
        self._patches = None
        self._versions = None

    def patches(self) -> dict:
        """Every edit's text, read in one pass the first time a page shows one."""
        if self._patches is None:
            # the whole folder, as git_history reads it: git pairs renamed files among the files it is
            # shown, and a patch must be of the pair whose identity `_own_commits` compared
            self._patches = all_patches(self.root)
        return self._patches

    def versions(self) -> dict[str, Version]:
        """Every version of every edited file (blob id → Version), read in one `git cat-file`
        pass the first time a page shows an edited entry."""
        if self._versions is None:
            wanted = {i: path for path, h in self.files.items()
                      if len(h.commits) > 1 and path.split("/", 1)[0] in self.shown_in
                      and path.lower().endswith(MARKDOWN_SUFFIXES)  # an entry, not an attachment's bytes
                      for c in h.commits for i in (c.before, c.after)}
            self._versions = {i: read_version(wanted[i], data, self._aliases_of(wanted[i]))
                              for i, data in blobs(self.root, wanted).items()}
        return self._versions

    def _aliases_of(self, path: str) -> dict[str, str]:
        return self.aliases.get(path.split("/", 1)[0], {})

    def _own_commits(self, path: str, commits: list, versions: dict) -> list:
        """The commits that are this entry's own, newest first. git follows a file by its name, and
        calls a deleted and an added file "renamed" by likeness alone: a reply withdrawn and another
        written from it in the same commit, or a new reply written over an old one's name, would show
        the other's versions, dates and text as its own. The history starts at the newest change whose
        two sides are not one entry by the kind's identity (Kind.identity) — for a rename, also when a
        side cannot be read or comes from another kind's folder — as an added file's would."""
        kind = self.kinds.get(path.split("/", 1)[0])
        identity = kind.identity if kind is not None else None
        for i, c in enumerate(commits[:-1]):
            old, new = versions.get(c.before), versions.get(c.after)
            before = identity(old.meta) if identity and old is not None else None
            after = identity(new.meta) if identity and new is not None else None
            if c.status == "R":
                one = before is not None and before == after and self.kinds.get(c.old_path.split("/", 1)[0]) is kind
            else:  # an edit of one file: only two identities both known and different tell another entry
                one = before is None or after is None or before == after
            if not one:
                return commits[:i] + [c._replace(status="A", old_path="", before="")]
            if c.status == "R" and c.old_path:
                path = c.old_path
        return commits

    def __bool__(self):
        return bool(self.files)

    def of(self, entry) -> EntryHistory | None:
        """The history of one entry's file, or None outside git / before its first commit."""
        h = self.files.get(entry.path)
        if not h or not h.commits:
            return None
        versions = self.versions() if len(h.commits) > 1 else {}
        h = FileHistory(self._own_commits(entry.path, h.commits, versions))
        show_text = entry.disclosure == "full"
        edited = len(h.commits) > 1
        patches = self.patches() if show_text and edited else {}
        names = key_names(self._aliases_of(entry.path))
        hidden_from = _hidden_from(h.commits, self.hidden)
        day = own_date(entry)
        entered_later = bool(day) and (h.first.date() - day).days > ENTERED_LATER_DAYS
        views = []
        path = entry.path  # the file's name at each commit, walking back through renames
        for i, c in enumerate(h.commits):
            is_first = i == len(h.commits) - 1
            kind = ("entered" if entered_later else "published") if is_first else (
                "renamed" if c.status == "R" else "edited")
            view = ChangeView(when=c.when, sha=c.sha, kind=kind)
            if not is_first:
                old, new = versions.get(c.before), versions.get(c.after)  # None: no such version
                before, after = old and old.level, new and new.level
                view.what = what_changed(old, new, names)
                if new and new.level != "withheld" and new.note and new.note != (old and old.note):
                    view.note = new.note
                if before and after and before != after:
                    view.disclosure_change = (f"公开属性由「{L.DISCLOSURE.label(before)}」"
                                              f"改为「{L.DISCLOSURE.label(after)}」")
                if not show_text:
                    view.diff_hidden = "本条目不是全文公开，不显示修改前后的文字。"
                elif hidden_from is not None and i >= hidden_from:
                    view.diff_hidden = "此次修改涉及不宜公开的内容，不显示修改前后的文字。"
                elif before != "full" or after != "full":
                    view.diff_hidden = "修改前或修改后的版本不是全文公开，不显示修改前后的文字。"
                else:
                    lines = diff_lines(patches.get((c.sha, path), []))
                    view.diff, view.truncated = lines[:MAX_DIFF_LINES], max(0, len(lines) - MAX_DIFF_LINES)
            views.append(view)
            if c.status == "R" and c.old_path:
                path = c.old_path
        return EntryHistory(first=h.first, last=h.last, changes=views, complete=self.complete,
                            entered_later=entered_later)


NOT_LISTED = {"disclosure", "change_note"}  # told apart (公开属性) or shown as the note itself


def what_changed(old: Version | None, new: Version | None, names: dict[str, str]) -> str:
    """What a change changed, in the reader's words ("正文、文号"), from the two versions:
    the body and each front-matter key by its Chinese name; never a value."""
    if old is None or new is None:
        return ""
    parts = ["正文"] if old.body != new.body else []
    keys = [k for k in dict.fromkeys([*old.meta, *new.meta])
            if k not in NOT_LISTED and old.meta.get(k) != new.meta.get(k)]
    parts += list(dict.fromkeys(names.get(k, k) for k in keys))
    return "、".join(parts)


def hidden_commits(root: Path) -> set[str]:
    """The commits staff marked to hide their text (HIDE_MARKERS): a new one purges the caches too."""
    return marked_commits(Path(root), HIDE_MARKERS)


def _hidden_from(commits, hidden=frozenset()) -> int | None:
    """Index (newest first) of the newest commit marked to hide its text; it and older ones hide.
    `hidden`: the commits whose whole message holds a marker (hidden_commits); `subject` is only its title."""
    for i, c in enumerate(commits):
        if c.sha in hidden or any(m in c.subject for m in HIDE_MARKERS):
            return i
    return None


_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def diff_lines(patch: list[str]) -> list[DiffLine]:
    """Unified-diff lines → DiffLines, with changed characters marked inside paired lines.

    Chinese paragraphs are long lines without spaces, so a word diff would mark
    the whole line: pairing removed and added lines and comparing characters
    shows the few characters that really changed.
    """
    out: list[DiffLine] = []
    old = new = 0
    i = 0
    while i < len(patch):
        line = patch[i]
        m = _HUNK.match(line)
        if m:
            old, new = int(m.group(1)), int(m.group(2))
            out.append(DiffLine("hunk", [Part(f"第 {new} 行起")]))
            i += 1
            continue
        if line.startswith("\\"):
            out.append(DiffLine("note", [Part("（文件末尾没有换行）")]))
            i += 1
            continue
        if line.startswith("-") or line.startswith("+"):
            dels, adds = [], []
            while i < len(patch) and patch[i].startswith("-"):
                dels.append(patch[i][1:])
                i += 1
            while i < len(patch) and patch[i].startswith("+"):
                adds.append(patch[i][1:])
                i += 1
            pairs = len(dels) == len(adds)
            for k, text in enumerate(dels):
                parts = _marked(text, adds[k], "delete") if pairs else [Part(text)]
                out.append(DiffLine("del", parts, old=old))
                old += 1
            for k, text in enumerate(adds):
                parts = _marked(dels[k], text, "insert") if pairs else [Part(text)]
                out.append(DiffLine("add", parts, new=new))
                new += 1
            continue
        text = line[1:] if line.startswith(" ") else line
        out.append(DiffLine("same", [Part(text)], old=old, new=new))
        old += 1
        new += 1
        i += 1
    while out and out[-1].kind == "same" and not out[-1].parts[0].text:
        out.pop()
    return out


def _marked(before: str, after: str, side: str) -> list[Part]:
    """The `side` line split into unchanged and changed stretches.

    The common start and end are set aside first: an edit is usually a few
    characters in a long paragraph, and comparing only the middle is fast.
    """
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    mid_a, mid_b = before[head:len(before) - tail], after[head:len(after) - tail]
    matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
    same = head + tail + sum(size for _, _, size in matcher.get_matching_blocks())
    if 2 * same < 0.3 * (len(before) + len(after)):  # too different: the whole line changed
        return [Part(before if side == "delete" else after)]
    text = before if side == "delete" else after
    parts: list[Part] = []

    def add(piece, changed):
        if not piece:
            return
        if parts and parts[-1].changed == changed:
            parts[-1].text += piece
        else:
            parts.append(Part(piece, changed))

    add(text[:head], False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        add(mid_a[a1:a2] if side == "delete" else mid_b[b1:b2], op != "equal")
    add(text[len(text) - tail:], False)
    return parts or [Part("")]

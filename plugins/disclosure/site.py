"""Loading a whole content folder into one checked, derived Site.

`load_site` never raises for bad content: it returns a Site whose `report`
lists every problem, so `check`, `build` and Pelican all behave the same.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import files
from .clock import build_date
from .checked import check_file, kind_salt
from .entries import read_vocabulary
from .kinds import Kind, Kinds, standard_kinds
from .lifecycle import Lifecycle, derive
from .model import Announcement, Proposal, Response, Vocabulary, seal
from .problems import WARNING, Problem, Report
from .slugs import slugify
from .source import read_bytes, read_yaml_file
from .validate import check_site

MARKDOWN_SUFFIXES = files.MARKDOWN_SUFFIXES


@dataclass
class Site:
    root: Path
    build_date: dt.date
    vocab: Vocabulary = field(default_factory=Vocabulary)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    responses: dict[str, Response] = field(default_factory=dict)
    announcements: dict[str, Announcement] = field(default_factory=dict)
    lifecycles: dict[str, Lifecycle] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    duplicate_ids: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # kind name → id → its files
    key_lines: dict[str, dict] = field(default_factory=dict)
    index_numbers: dict[str, str] = field(default_factory=dict)  # path → 索引号 (meta.site_index_number)
    _by_proposal: dict[str, list[Response]] = field(default_factory=dict)
    _indexes: dict = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # path → sha1 of the file, for incremental builds
    share_image_file: Path | None = None  # site.yaml share_image when it names a checked image file
    # ids of entries whose file could not be read, or that have no id (a wrong number: already
    # reported): references to them are not reported again as "does not exist" (one slip, one error)
    unreadable: set[str] = field(default_factory=set)
    # path → the text of each file that could not be read as an entry (already reported), as far as it
    # decodes: the proposal a broken reply names is not then told it has no reply (validate.py)
    unreadable_text: dict[str, str] = field(default_factory=dict)
    # The build's store of rendered bodies (gongkai_build/stores.py), passed to load_site; None:
    # every body is rendered when it is asked for (render.public_html(entry, site.renders)).
    renders: object = field(default=None, repr=False, compare=False)
    # Figures already worked out for this Site (stats.py: pages, /stats/ and the data ask for the
    # same ones); right for as long as the Site, which does not change once load_site returns it.
    stats_memo: dict = field(default_factory=dict, repr=False, compare=False)
    follow_ups_memo: dict = field(default_factory=dict, repr=False, compare=False)
    proposers_memo: list = field(default_factory=list, repr=False, compare=False)  # proposers.py, once per Site
    kinds: Kinds = field(default_factory=standard_kinds)  # what it was loaded as (kinds.py)
    _stores: dict[str, dict] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        standard = {"proposal": self.proposals, "response": self.responses, "announcement": self.announcements}
        for kind in self.kinds:
            self._stores.setdefault(kind.name, standard.get(kind.name, {}))

    def entries_of(self, kind: Kind) -> dict:
        """id → entry of one kind (site.proposals is entries_of(kinds.named("proposal")))."""
        try:
            return self._stores[kind.name]
        except KeyError:
            raise self.kinds.unknown(f"the name {kind.name!r}") from None

    def all_entries(self) -> list:
        """Every entry of every kind, in the registry's order."""
        return [e for kind in self.kinds for e in self._stores[kind.name].values()]

    def line_of(self, path, key):
        return self.key_lines.get(path, {}).get(key.split(".")[0].split("[")[0])

    @property
    def all_proposals(self) -> list[Proposal]:
        return list(self.proposals.values())

    @property
    def all_responses(self) -> list[Response]:
        return list(self.responses.values())

    @property
    def all_announcements(self) -> list[Announcement]:
        return list(self.announcements.values())

    def responses_for(self, proposal_id) -> list[Response]:
        return self._by_proposal.get(proposal_id, [])

    def life(self, proposal_id) -> Lifecycle:
        return self.lifecycles[proposal_id]

    def related_announcements(self, proposal_id) -> list[Announcement]:
        return self._index("related", lambda: ((r, a) for a in self.announcements.values() for r in a.related)
                           ).get(proposal_id, [])

    def merged_here(self, proposal_id) -> list[Proposal]:
        return self._index("merged", lambda: ((p.merged_into, p) for p in self.proposals.values() if p.merged_into)
                           ).get(proposal_id, [])

    def _index(self, name, pairs):
        """A lookup built on first use (pages ask once per proposal: a scan each time would be quadratic)."""
        if name not in self._indexes:
            index = {}
            for key, value in pairs():
                if value not in index.setdefault(key, []):
                    index[key].append(value)
            self._indexes[name] = index
        return self._indexes[name]


def _files_under(folder: Path, root: Path) -> list[Path]:
    """Every readable file below folder, sorted as paths sort; links to folders are not followed."""
    return files.walk(folder, root, report_folder_links=False)[0]


def scan_content(root: Path, kinds: Kinds | None = None) -> tuple[list[tuple[Kind, str]], list[Problem]]:
    """Markdown files under the kinds' folders (path strings), in a stable order, and the files
    that may not be read (files.walk: links out of the content folder, links to folders, pipes)."""
    found, problems = [], []
    for kind in kinds or standard_kinds():
        folder = root / kind.folder
        if folder.is_symlink():
            problems.append(Problem(kind.folder, zh="这个文件夹是符号链接，网站不会读取其中的文件。请把文件直接放在内容文件夹里。",
                                    en="This folder is a symbolic link; the site does not read files through it. "
                                       "Put the files in the content folder itself."))
        elif folder.is_dir():
            paths, bad = files.walk_names(folder, root)
            problems += bad
            found += [(kind, file) for file in paths if _content_name(os.path.basename(file))]
    return found, problems


def _content_name(name: str) -> bool:
    """A Markdown file's name (Path.suffix's rule: a name starting with a dot has none)."""
    return not name.startswith(".") and name.lower().endswith(MARKDOWN_SUFFIXES)


def content_files(root: Path, kinds: Kinds | None = None):
    """(kind, file path string) of the Markdown files under the kinds' folders that may be read, in a stable order."""
    yield from scan_content(Path(root), kinds)[0]


def load_site(root, today: dt.date | None = None, parsed=None, renders=None, kinds: Kinds | None = None,
              checked=None, digest_of=None) -> Site:
    """`parsed`, `renders` and `checked`: the build's stores (gongkai_build/stores.py), or None to
    keep nothing; `kinds`: the content kinds to read (kinds.standard_kinds() when None);
    `digest_of(path)`: the sha1 (hex) of a content file's bytes (`path`: its path string) when the build knows it
    already, else None (checked.check_file then need not read a kept file)."""
    root = Path(root)
    site = Site(root=root, build_date=today or build_date(), renders=renders, kinds=kinds or standard_kinds())
    report = site.report
    if not root.is_dir():
        report.add(Problem(str(root), zh="内容文件夹不存在。", en="The content folder does not exist."))
        return site
    site_file = root / "site.yaml"
    if site_file.is_symlink() and not files.inside(os.path.realpath(site_file), os.path.realpath(root)):
        report.add(Problem("site.yaml", zh="site.yaml 是指向内容文件夹之外的符号链接，不会读取。请把文件本身放在这里。",
                           en="site.yaml is a symbolic link to a file outside the content folder; it is not read. "
                              "Put the file itself here."))
    elif not site_file.is_file():
        report.add(Problem("site.yaml", zh="缺少 site.yaml（本地词表：类别、界别、承办单位、答复类别）。",
                           en="site.yaml is missing (the local vocabulary: categories, sectors, units, reply classes)."))
    else:
        src = read_yaml_file(root, site_file, parsed)
        site.digests[src.path] = src.digest
        report.extend(src.problems)
        if src.meta:
            site.vocab, problems = read_vocabulary(src)
            report.extend(problems)
            value = site.vocab.settings.get("share_image")
            if value:
                site.share_image_file, problem = files.share_image(root, value, src.line_of("share_image"))
                if problem:
                    report.add(problem)
    _warn_stray_files(root, report, site.kinds)
    seen_ids: dict[str, dict[str, list[str]]] = {}  # kind name → id → paths
    found, problems = scan_content(root, site.kinds)
    keys = site.kinds.keys  # that a line pasted into a body may start with
    report.extend(problems)
    salts = {kind.name: kind_salt(kind, keys, kind.path_problems or url_path_problems, site.digests.get("site.yaml", ""))
             for kind in site.kinds}
    for kind, file in found:
        done = check_file(root, file, kind, site.vocab, keys, kind.path_problems or url_path_problems,
                          salts[kind.name], parsed, checked, digest_of(file) if digest_of else None)
        report.extend(done.problems)
        if done.entry is None:
            site.unreadable.add((kind.path_id or _id_from_path)(done.path))
            site.unreadable_text[done.path] = _text_as_far_as_it_goes(root, file)
            continue
        site.key_lines[done.path] = done.key_lines
        site.index_numbers[done.path] = done.index_number
        site.digests[done.path] = done.digest
        entry = done.entry
        if kind.listed is not None and not kind.listed(entry):  # its number or year is wrong: reported
            site.unreadable.add((kind.path_id or _id_from_path)(done.path))
            continue
        seen_ids.setdefault(kind.name, {}).setdefault(entry.id, []).append(entry.path)
        site.entries_of(kind).setdefault(entry.id, entry)
    entries = site.all_entries()
    share_vocabulary(entries, site.vocab)
    for entry in entries:  # every field is read: each id is kept in its entry from here on
        seal(entry)
    for x in site.responses.values():
        site._by_proposal.setdefault(x.proposal_id, []).append(x)
    site.duplicate_ids = {name: twice for name, ids in seen_ids.items()
                          if (twice := {k: v for k, v in ids.items() if len(v) > 1})}
    report.extend(check_site(site))
    for p in site.proposals.values():
        site.lifecycles[p.id] = derive(p, site.responses_for(p.id), site.vocab.reply_days, site.build_date)
    return site


VOCABULARY_TYPES = ("Unit", "Term", "ResultCode")  # the model's classes of site.yaml's terms (model.py)


def share_vocabulary(entries, vocab: Vocabulary) -> None:
    """Each entry's units, categories, sectors and reply classes made site.yaml's own objects.

    An entry recalled from the checked store (each value its own pickle) carries copies of them,
    equal but not the same: `x.unit in p.lead_units` and every dict keyed by a unit then compared
    their fields (~30,000 comparisons a build, 0.07 s); the same object is found by identity.
    The fields are those whose declared type names one of the classes, on any registered kind."""
    canon = {x: x for x in (*vocab.units, *vocab.categories, *vocab.sectors, *vocab.result_codes)}
    if not canon:
        return
    fields_of: dict[type, tuple] = {}
    for e in entries:
        cls = type(e)
        names = fields_of.get(cls)
        if names is None:
            names = fields_of[cls] = (tuple(f.name for f in dataclasses.fields(cls)
                                            if any(t in str(f.type) for t in VOCABULARY_TYPES))
                                      if dataclasses.is_dataclass(cls) else ())
        for name in names:
            value = getattr(e, name, None)
            try:
                if type(value) is list:
                    if value:
                        setattr(e, name, [canon.get(x, x) for x in value])
                elif value is not None:
                    setattr(e, name, canon.get(value, value))
            except TypeError:  # not hashable: not one of site.yaml's terms
                continue


def _text_as_far_as_it_goes(root: Path, file) -> str:
    """A file's text with what does not decode replaced ("" when it cannot be read at all)."""
    _, data, _ = read_bytes(root, file)
    return data.decode("utf-8", "replace") if data else ""


def _id_from_path(path: str) -> str:
    """The id an unreadable file would most likely have had: responses/2023/a.md → 2023/a."""
    parts = path[:-len(path.rsplit(".", 1)[-1]) - 1].split("/")
    return "/".join(parts[1:])


def _warn_stray_files(root: Path, report: Report, kinds: Kinds):
    """Markdown outside the kinds' folders is probably misplaced: say so."""
    folders = kinds.folders
    top = sorted(root.iterdir(), key=lambda p: p.parts)
    found = [p for p in top if p.is_file()] + [f for d in top if d.is_dir() and not d.is_symlink() and d.name not in folders
                                               for f in _files_under(d, root)]
    named = [f"{folder}/" for folder in folders]
    zh = "、".join(named[:-1]) + " 或 " + named[-1] if len(named) > 1 else named[0]
    en = ", ".join(named[:-1]) + " or " + named[-1] if len(named) > 1 else named[0]
    for file in sorted(found, key=lambda p: p.parts):
        if file.suffix.lower() not in MARKDOWN_SUFFIXES:
            continue
        rel = file.relative_to(root).as_posix()
        if rel.split("/")[0] not in folders and not file.name.lower().startswith("readme"):
            report.add(Problem(rel, severity=WARNING,
                               zh=f"此文件不在 {zh} 文件夹中，已忽略。",
                               en=f"This file is not in {en}; it is ignored."))


SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def url_path_problems(entry, src):
    """A reply's or an announcement's path becomes its URL, so it must be plain ASCII names."""
    parts = src.path.split("/")
    out = []
    bad = [part for part in parts[1:] if not SAFE_NAME.match(part)]
    if bad:
        stem = parts[-1].rsplit(".", 1)[0]
        out.append(Problem(src.path, value=bad[0],
                           zh="文件名和文件夹名会成为网址，只能使用英文字母、数字、点、下划线和连字符（不能有汉字或空格）。",
                           en="File and folder names become the page's address: use only letters, digits, dots, "
                              "underscores and hyphens (no Chinese characters or spaces).",
                           hint=slugify(stem) + ".md"))
    return out


def proposal_path_problems(entry, src):
    """proposals/<year>/<number>.md: a mismatch is a hint that a file was copied and not edited."""
    parts = src.path.split("/")
    out = []
    if entry.year and len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[1]):
        if int(parts[1]) != entry.year:
            out.append(Problem(src.path, key="year", value=str(entry.year), line=src.line_of("year"), severity=WARNING,
                               zh=f"文件在 {parts[1]} 年的文件夹中，但 year 写的是 {entry.year}。",
                               en=f"The file is in the {parts[1]} folder but its year is {entry.year}."))
        stem = parts[-1].rsplit(".", 1)[0]
        if entry.number and stem != entry.number:
            out.append(Problem(src.path, key="number", value=entry.number, line=src.line_of("number"), severity=WARNING,
                               zh=f"文件名（{stem}）与提案号（{entry.number}）不一致。",
                               en=f"The file name ({stem}) differs from the number ({entry.number})."))
    return out

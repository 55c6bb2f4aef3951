"""`python build.py import register SHEET.xlsx|.csv [--apply]`: a register's rows become entries.

The header row is found by name (headers.py); each row becomes a proposal (rows.py; a reply
and feedback it names are shown for entry with the letter), judged by the core as `check` does, then
together with the content in a trial copy; every bad row is reported with its row, column and
value before anything is written. Without --apply nothing is written. An existing entry is
never changed: re-applying a sheet creates nothing new.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from disclosure.site import load_site

from .documents import Unreadable
from .headers import KEYS, REQUIRED, Columns, find_header, header_names
from .rows import KEY_ZH, RowResult, note_problems, judge_rows
from .sheets import read_sheet


def add_arguments(parser, content_default: str) -> None:
    parser.add_argument("sheet", help="提案登记表（.xlsx 或 .csv）/ the register")
    parser.add_argument("--content", default=content_default, help="内容文件夹 / content folder")
    parser.add_argument("--apply", action="store_true",
                        help="真正写入文件；不加时只列出将要创建的条目 / write the entries (default: a dry run)")
    parser.add_argument("--year", type=int, help="表中没有“年度”列时的年度 / the year when the sheet has no year column")
    parser.add_argument("--number-width", type=int,
                        help="提案号的位数，数字格式的提案号补足前导零，如 4 → 0102 / digits of a 提案号")
    parser.add_argument("--headers", help="本地表头对照文件（YAML：表头: 键名）/ a YAML map of local header names")


def run(args, out=None) -> int:
    out = out or sys.stdout
    content, path = Path(args.content), Path(args.sheet)
    if not path.is_file():
        print(f"找不到文件 {path}。 / {path} does not exist.", file=sys.stderr)
        return 2
    site = load_site(content)
    if not (content / "site.yaml").is_file() or not site.vocab.categories:
        print(f"{content}/site.yaml 缺少或有误，请先运行 python build.py check 并修正。 / site.yaml is missing.",
              file=sys.stderr)
        return 2
    extra = {}
    if args.headers:
        try:
            extra = yaml.safe_load(Path(args.headers).read_text(encoding="utf-8-sig")) or {}
            if not isinstance(extra, dict) or not all(v in KEYS for v in extra.values()):
                raise ValueError
        except (OSError, ValueError, yaml.YAMLError):
            print(f"表头对照文件 {args.headers} 应为“表头: 键名”的 YAML，键名可用："
                  f"{'、'.join(sorted(KEYS))}。 / {args.headers} must map header names to keys.", file=sys.stderr)
            return 2
    try:
        sheet = read_sheet(path)
    except Unreadable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    cols = find_header(sheet, header_names(extra))
    if cols is None:
        print(f"{path.name} 前 10 行中找不到表头（提案号、案由、提案人、类别、提交日期 …）。可用 --headers 指定本地表头。"
              f" / No header row found.", file=sys.stderr)
        return 2
    print(f"{path.name}{f'（{sheet.encoding}）' if sheet.encoding else ''}：第 {cols.header_row} 行是表头；"
          f"读取的列：{'、'.join(f'{cols.titles[c]}→{k}' for c, k in sorted(cols.keys.items()))}", file=out)
    if cols.unknown:
        print(f"  未识别、已忽略的列：{'、'.join(cols.unknown)}（可在 --headers 文件中对照）", file=out)
    missing = [k for k in REQUIRED if k not in cols.keys.values()]
    if missing:
        print(f"表中没有这些必需的列：{'、'.join(KEY_ZH[k] for k in missing)}。没有写入任何文件。"
              f" / Required columns missing: {', '.join(missing)}.", file=sys.stderr)
        return 2
    results = judge_rows(site, sheet, cols, args)
    return _report_and_write(content, results, cols, args.apply, out)


def _trial(content: Path, results: list[RowResult], cols: Columns) -> None:
    """Rules across files (a reply before 交办, a unit that does not handle the proposal …): the
    new entries are written into a copy of the content's entries and checked there, so every
    problem is known, and told by row, before anything is written to the content itself."""
    import shutil
    import tempfile

    new = {rel: r for r in results if not r.problems and r.repeat_of is None
           for rel in r.files if rel not in r.existing}
    if not new:
        return
    keep = (".md", ".markdown", ".yaml", ".yml")
    with tempfile.TemporaryDirectory(prefix="gongkai-import-") as tmp:
        trial = Path(tmp) / "content"
        shutil.copytree(content, trial, ignore=lambda d, names: [
            n for n in names if not (Path(d, n).is_dir() or n.lower().endswith(keep))])
        for rel, r in new.items():
            (trial / rel).parent.mkdir(parents=True, exist_ok=True)
            (trial / rel).write_text(r.files[rel], encoding="utf-8")
        report = load_site(trial).report
    by_path: dict[str, list] = {}
    for p in report.problems:
        if p.path in new:
            by_path.setdefault(p.path, []).append(p)
    for rel, problems in by_path.items():
        r = new[rel]
        note_problems(r, cols, r.where.get(rel, {}), problems)


def _report_and_write(content: Path, results: list[RowResult], cols: Columns, apply: bool, out) -> int:
    _trial(content, results, cols)
    bad = [r for r in results if r.problems]
    for r in results:
        if r.problems:
            continue
        if r.repeat_of is not None:
            print(f"  第 {r.row} 行与第 {r.repeat_of} 行相同，跳过。", file=out)
            continue
        for rel in r.files:
            kind = "" if rel == r.rel else "（答复）"
            if rel in r.existing:
                print(f"  第 {r.row} 行 {rel} 已经存在，不改动。", file=out)
            else:
                print(f"  第 {r.row} 行 {'创建' if apply and not bad else '将创建'} {rel}{kind}  {r.title}", file=out)
        for w in r.warnings:
            print(f"    注意：{w}", file=out)
        if r.later:
            print(f"    以后录入：{r.later}", file=out)
    if bad:
        print(f"{len(bad)} 行有错误，没有写入任何文件： / {len(bad)} row(s) have errors; nothing was written:",
              file=sys.stderr)
        for r in bad:
            for line in r.problems:
                print(f"  {line}", file=sys.stderr)
        return 1
    new = [(rel, r.files[rel]) for r in results if r.repeat_of is None for rel in r.files if rel not in r.existing]
    if not apply:
        print(f"试运行：将创建 {len(new)} 个文件，没有写入任何文件。确认无误后加 --apply 再运行一次。"
              f" / Dry run: {len(new)} file(s) to create; add --apply to write them.", file=out)
        return 0
    written = 0
    for rel, text in new:
        target = content / rel
        if target.exists():  # written meanwhile: never overwritten
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    print(f"已创建 {written} 个文件。 / Created {written} file(s).", file=out)
    report = load_site(content).report
    if report.errors:
        print(report.format(), file=sys.stderr)
        return 1
    print("内容检查通过。 / Content OK.", file=out)
    return 0

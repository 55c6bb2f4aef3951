"""`python build.py import register SHEET.xlsx|.csv [--apply]`: a register's rows become proposals.

The header row is found by its names (提案号, 案由, 提案人 …, the keys of PROPOSAL_ALIASES and
the names registers use, plus a local mapping file); each row becomes front matter that the
core reads exactly as it reads a file (entries.read_proposal), so a row is judged by the same
rules as `check`, and every bad row is reported with its row, column and value before
anything is written. Without --apply nothing is written. An existing entry is never changed:
re-applying a sheet creates nothing new.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from disclosure.dates import parse_date
from disclosure.entries import PROPOSAL_ALIASES, read_proposal, read_response
from disclosure.fields import is_unknown
from disclosure.site import load_site
from disclosure.source import read_text_document

from ..new_entry import render, scalar
from .documents import Unreadable
from .sheets import Sheet, excel_serial, read_sheet

# Header names registers use beyond the front-matter aliases (entries.PROPOSAL_ALIASES).
REGISTER_HEADERS = {
    "第一提案人": "proposers", "提案人姓名": "proposers", "领衔人": "proposers", "其他提案人": "more_proposers",
    "联名提案人": "more_proposers", "附议人": "more_proposers", "提案标题": "title", "提案题目": "title",
    "题目": "title", "案由标题": "title", "提案类别": "category", "分类": "category", "所属界别": "sector",
    "界别党派": "sector", "提交时间": "submitted", "提出日期": "submitted", "提出时间": "submitted",
    "立案情况": "review", "审查意见": "review", "审查时间": "review_date", "承办单位": "lead_units",
    "主办": "lead_units", "会办": "co_units", "协办": "co_units", "交办时间": "assigned", "编号": "number",
    "提案编号": "number", "案号": "number", "年份": "year",
    # a reply and the member's feedback, where the sheet has them
    "答复日期": "reply_date", "答复时间": "reply_date", "复文日期": "reply_date", "答复类别": "result",
    "答复单位": "reply_unit", "满意度": "satisfaction", "满意程度": "satisfaction", "委员满意度": "satisfaction",
    "委员反馈": "satisfaction", "测评结果": "satisfaction", "反馈日期": "feedback_date", "测评日期": "feedback_date",
}
REPLY_KEYS = ("reply_date", "result", "reply_unit", "satisfaction", "feedback_date")
REQUIRED = ("number", "title", "proposers", "category", "submitted")
DATE_KEYS = ("submitted", "review_date", "assigned", "due", "closed", "reply_date", "feedback_date")
LIST_KEYS = ("proposers", "lead_units", "co_units", "tags")
_KEYS = set(PROPOSAL_ALIASES.values()) | {"more_proposers", *REPLY_KEYS}


def add_arguments(parser, content_default: str) -> None:
    parser.add_argument("sheet", help="提案登记表（.xlsx 或 .csv）/ the register")
    parser.add_argument("--content", default=content_default, help="内容文件夹 / content folder")
    parser.add_argument("--apply", action="store_true",
                        help="真正写入文件；不加时只列出将要创建的条目 / write the entries (default: a dry run)")
    parser.add_argument("--year", type=int, help="表中没有“年度”列时的年度 / the year when the sheet has no year column")
    parser.add_argument("--number-width", type=int,
                        help="提案号的位数，数字格式的提案号补足前导零，如 4 → 0102 / digits of a 提案号")
    parser.add_argument("--headers", help="本地表头对照文件（YAML：表头: 键名）/ a YAML map of local header names")


def normalise(header) -> str:
    """案由（标题） → 案由; *提案号 → 提案号; 提 案 号 → 提案号."""
    text = str(header or "")
    text = re.sub(r"[（(][^）)]*[）)]", "", text)
    return re.sub(r"[\s\u3000*＊:：/／]", "", text)


def _primary(header) -> bool:
    """A front-matter name (提案号, number) rather than a register's looser one (提案编号, 编号)."""
    name = normalise(header)
    return name in {normalise(k) for k in PROPOSAL_ALIASES} or name in _KEYS


def header_names(extra: dict | None = None) -> dict[str, str]:
    names = {normalise(k): v for k, v in PROPOSAL_ALIASES.items()}
    names.update({k: k for k in _KEYS})
    names.update({normalise(k): v for k, v in REGISTER_HEADERS.items()})
    names.update({normalise(k): v for k, v in (extra or {}).items()})
    return names


@dataclass
class Columns:
    header_row: int  # 1-based, as the spreadsheet shows it
    keys: dict[int, str]  # column index → key
    titles: dict[int, str]  # column index → the header as printed
    unknown: list[str] = field(default_factory=list)  # headers not understood (ignored)


def find_header(sheet: Sheet, names: dict[str, str]) -> Columns | None:
    """The row among the first ten with the most known header names (at least two); a second
    header row under it (主办单位 / 会办单位 under a merged 办理单位) refines its columns."""
    best, best_count = None, 1
    for i, row in enumerate(sheet.rows[:10]):
        count = len({names[normalise(c)] for c in row if normalise(c) in names})
        if count > best_count:
            best, best_count = i, count
    if best is None:
        return None
    rows = [sheet.rows[best]]
    below = sheet.rows[best + 1] if best + 1 < len(sheet.rows) else []
    if below and sum(1 for c in below if normalise(c) in names) >= 1 and \
            not any(isinstance(c, (int, float, dt.date)) for c in below):
        rows.append(below)
    cols = Columns(best + len(rows), {}, {})
    for c in range(max(len(r) for r in rows)):
        cells = [r[c] for r in reversed(rows) if c < len(r) and r[c] not in (None, "")]
        known = [(names[normalise(cell)], cell) for cell in cells if normalise(cell) in names]
        if not known:
            if cells:
                cols.unknown.append(str(cells[0]).strip())
            continue
        key, cell = known[0]  # the lower header names the column more exactly
        taken = next((t for t, k in cols.keys.items() if k == key), None)
        if taken is not None and key not in ("proposers", "more_proposers"):
            if _primary(cell) and not _primary(cols.titles[taken]):  # 提案号 over 提案编号 (2023-0102)
                cols.unknown.append(f"{cols.titles.pop(taken)}（已有{cell}列）")
                del cols.keys[taken]
            else:
                cols.unknown.append(f"{str(cell).strip()}（已有{cols.titles[taken]}列）")
                continue
        cols.keys[c], cols.titles[c] = key, str(cell).strip()
    return cols


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class RowResult:
    row: int
    rel: str = ""  # the proposal
    files: dict[str, str] = field(default_factory=dict)  # path → text: the proposal, and its reply
    where: dict[str, dict] = field(default_factory=dict)  # path → {key: column}, to name a cell
    title: str = ""
    problems: list[str] = field(default_factory=list)  # errors, each naming row, column, value
    warnings: list[str] = field(default_factory=list)
    existing: set[str] = field(default_factory=set)  # paths already in the content: never changed
    repeat_of: int | None = None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return str(value).strip()


def _date(value):
    """A date cell: a datetime, an Excel serial, or text for dates.py (or 未知)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()
                                           and len(value.strip()) == 5):
        serial = excel_serial(value)
        if serial:
            return serial
    try:
        return parse_date(_text(value))  # written as YYYY-MM-DD, whatever form the sheet had
    except ValueError:
        return _text(value)  # 未知, or a mistake that read_proposal reports with every form


def row_meta(cells: list, cols: Columns, args, width: int | None):
    """The front matter of one row, and warnings about what was read in a way staff should know."""
    values: dict[str, object] = {}
    where: dict[str, int] = {}
    warnings: list[str] = []
    for c, key in cols.keys.items():
        cell = cells[c] if c < len(cells) else None
        if cell in (None, ""):
            continue
        if key in ("proposers", "more_proposers"):
            values.setdefault("proposers", [])
            values["proposers"] += [n for n in re.split(r"[、，,；;\s]+", _text(cell)) if n]
            where.setdefault("proposers", c)
            continue
        if key in values:
            continue
        values[key], where[key] = cell, c
    meta: dict[str, object] = {}
    number = values.get("number")
    if isinstance(number, str) and number.strip().isdigit() and width and len(number.strip()) < width:
        number = int(number)  # a CSV saved by Excel has lost the zeros too
    if isinstance(number, (int, float)):
        text = _text(number)
        if width and len(text) < width:
            warnings.append(f"提案号 {text} 在表中是数字格式，前导零已按 {width} 位补齐为 {text.zfill(width)}。")
            text = text.zfill(width)
        elif not width:
            warnings.append(f"提案号 {text} 在表中是数字格式，可能丢了前导零；如需补齐，请加 --number-width 4 之类的选项。")
        meta["number"] = text
    elif number is not None:
        meta["number"] = _text(number)
    for key, value in values.items():
        if key == "number":
            continue
        if key in DATE_KEYS:
            meta[key] = _date(value)
        elif key in LIST_KEYS:
            meta[key] = value if isinstance(value, list) else \
                [v for v in re.split(r"[、，,；;\n]+", _text(value)) if v.strip()]
        else:
            meta[key] = _text(value)
            if key in ("year", "term", "session") and meta[key].isdigit():
                meta[key] = int(meta[key])
    if "year" not in meta:
        year = args.year
        if year is None and isinstance(meta.get("submitted"), dt.date):
            year = meta["submitted"].year
        elif year is None and meta.get("submitted"):
            try:
                year = parse_date(meta["submitted"]).year
            except ValueError:
                year = None
        if year:
            meta["year"] = year
    if meta.get("review") and "review_date" not in meta:
        meta["review_date"] = "未知"
        warnings.append("表中有审查结果但没有审查日期，已写 review_date: 未知。")
    if meta.get("lead_units") and "assigned" not in meta:
        meta["assigned"] = "未知"
        warnings.append("表中有主办单位但没有交办日期，已写 assigned: 未知。")
    if meta.get("lead_units") and "handling" not in meta:
        if meta.get("co_units"):
            meta["handling"] = "lead_co"
        elif len(meta["lead_units"]) == 1:
            meta["handling"] = "sole"
    return meta, where, warnings


ORDER = ("number", "year", "term", "session", "title", "proposers", "proposer_type", "sector", "category",
         "tags", "submitted", "review", "review_date", "merged_into", "handling", "lead_units", "co_units",
         "assigned", "due", "key", "supervisor", "closed", "disclosure", "summary")


def judge_rows(site, sheet: Sheet, cols: Columns, args) -> list[RowResult]:
    width = args.number_width
    results: list[RowResult] = []
    seen: dict[str, RowResult] = {}
    for i in range(cols.header_row, len(sheet.rows)):
        cells = sheet.rows[i]
        if not any(_text(c) for c in cells):
            continue
        res = RowResult(row=i + 1)
        meta, where, res.warnings = row_meta(cells, cols, args, width)
        res.title = _text(meta.get("title"))
        for key in REQUIRED:
            if key not in meta:
                res.problems.append(f"第 {res.row} 行：缺少{_KEY_ZH.get(key, key)}。 / Row {res.row}: no {key}.")
        if "year" not in meta:
            res.problems.append(f"第 {res.row} 行：无法确定年度（表中没有年度列，提交日期也读不出）。请加 --year。"
                                f" / Row {res.row}: no year; give --year.")
        ordered = [(k, meta[k]) for k in ORDER if k in meta]
        number = _text(meta.get("number"))
        if res.problems or not number:
            results.append(res)
            continue
        id_part = number if re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]*", number) else None
        if is_unknown(number) or id_part is None:
            res.problems.append(_cell(res.row, cols, where.get("number"), number,
                                      "提案号只能包含数字、字母、点和连字符（未知的提案号请手工录入）。"))
            results.append(res)
            continue
        res.rel = f"proposals/{meta['year']}/{number}.md"
        extras = {k: meta.pop(k) for k in REPLY_KEYS if k in meta}
        feedback, reply = _reply_of(site, res, cols, where, meta, extras)
        ordered = [(k, meta[k]) for k in ORDER if k in meta]
        res.files[res.rel] = render_proposal(ordered, feedback)
        res.where[res.rel] = where
        if reply:
            res.files[reply[0]] = reply[1]
            res.where[reply[0]] = {"unit": where.get("reply_unit"), "date": where.get("reply_date"),
                                   "result": where.get("result"), "role": where.get("reply_unit")}
        for rel, text in res.files.items():
            src = read_text_document(rel, text)
            read = read_proposal if rel.startswith("proposals/") else read_response
            _, problems = read(src, site.vocab)
            _note(res, cols, res.where[rel], src.problems + problems)
        if res.rel in seen:
            first = seen[res.rel]
            if first.files == res.files:
                res.repeat_of = first.row
            else:
                res.problems.append(f"第 {res.row} 行：提案 {meta['year']}-{number} 在第 {first.row} 行已经出现，"
                                    f"两行内容不同。 / Row {res.row}: {number} also in row {first.row}, different.")
        else:
            seen[res.rel] = res
        res.existing = {rel for rel in res.files if (site.root / rel).exists()}
        results.append(res)
    return results


def _note(res: RowResult, cols: Columns, where: dict, problems) -> None:
    """Problems the core found in a row's entry, told as the cells they come from."""
    for p in problems:
        column = where.get(p.key.split("[")[0].split(".")[0])
        message = p.zh + (f" 可用的值：{p.allowed}" if p.allowed else "") + \
            (f" 您是不是要写「{p.hint}」？" if p.hint else "")
        line = _cell(res.row, cols, column, p.value, message)
        if line not in res.problems + res.warnings:
            (res.problems if p.is_error else res.warnings).append(line)


def _reply_of(site, res: RowResult, cols: Columns, where: dict, meta: dict, extras: dict):
    """The member's feedback (满意度 with its date) and the reply (答复日期, 答复类别) of a row."""
    reply_unit = _text(extras.get("reply_unit"))
    leads, cos = meta.get("lead_units") or [], meta.get("co_units") or []
    if not reply_unit and len(leads) == 1:
        reply_unit = leads[0]
    feedback = []
    if extras.get("satisfaction"):
        if extras.get("feedback_date"):
            item = {"date": extras["feedback_date"], "satisfaction": _text(extras["satisfaction"])}
            if reply_unit:
                item["unit"] = reply_unit
            feedback.append(item)
        else:
            res.warnings.append("表中有满意度但没有反馈日期，这一行的委员反馈没有导入（feedback 需要日期）。")
    if not extras.get("reply_date") and not extras.get("result"):
        return feedback, None
    if not extras.get("reply_date"):
        res.warnings.append("表中有答复类别但没有答复日期，这一行的答复没有导入。")
        return feedback, None
    if not reply_unit:
        res.warnings.append("不能确定是哪个单位的答复（没有答复单位列，主办单位也不止一个），这一行的答复没有导入。")
        return feedback, None
    unit = site.vocab.unit(reply_unit)
    slug = unit.slug if unit else "unit"
    role = "co" if unit and unit.name in cos or reply_unit in cos else "lead"
    if meta.get("handling") == "split" and role == "lead":
        role = "split"
    result = _text(extras.get("result")) or ("未知" if role != "co" else "")
    if result == "未知" and not extras.get("result"):
        res.warnings.append("表中没有答复类别，答复写 result: 未知。")
    reply_meta = [("proposal", f"{meta['year']}-{meta['number']}"), ("unit", reply_unit), ("role", role),
                  ("date", extras["reply_date"]), ("result", result or None)]
    rel = f"responses/{meta['year']}/{meta['number']}-{slug}.md"
    body = "<!-- 登记表中没有答复全文，请从答复函补录。这一行不会出现在网站上。 -->\n"
    return feedback, (rel, render(reply_meta, ["由 python build.py import register 从登记表导入"], body))


def render_proposal(ordered, feedback) -> str:
    body = "<!-- 登记表中没有提案正文，请从提案原件补录。这一行不会出现在网站上。 -->\n"
    text = render(ordered, ["由 python build.py import register 从登记表导入；正文请从提案原件补录"], body)
    if feedback:
        lines = ["feedback:"] + ["  - {" + ", ".join(f"{k}: {scalar(v)}" for k, v in item.items()) + "}"
                                 for item in feedback]
        head, rest = text.split("\n# ", 1)
        text = head + "\n" + "\n".join(lines) + "\n# " + rest
    return text


_KEY_ZH = {"number": "提案号", "title": "案由（标题）", "proposers": "提案人", "category": "类别",
           "submitted": "提交日期"}


def _cell(row: int, cols: Columns, column, value, message: str) -> str:
    if column is None:
        return f"第 {row} 行：{message}"
    return f"第 {row} 行 {column_letter(column)} 列「{cols.titles.get(column, '')}」 值「{_text(value)}」：{message}"


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
            if not isinstance(extra, dict) or not all(v in _KEYS for v in extra.values()):
                raise ValueError
        except (OSError, ValueError, yaml.YAMLError):
            print(f"表头对照文件 {args.headers} 应为“表头: 键名”的 YAML，键名可用："
                  f"{'、'.join(sorted(_KEYS))}。 / {args.headers} must map header names to keys.", file=sys.stderr)
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
        print(f"表中没有这些必需的列：{'、'.join(_KEY_ZH[k] for k in missing)}。没有写入任何文件。"
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
        _note(r, cols, r.where.get(rel, {}), problems)


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

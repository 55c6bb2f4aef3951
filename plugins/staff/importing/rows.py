"""One register row → the entries it stands for (a proposal; a reply and feedback where the sheet
has them), each read by the core exactly as `check` reads a file, its problems told by cell."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from disclosure.dates import parse_date
from disclosure.entries import read_proposal
from disclosure.fields import is_unknown
from disclosure.source import read_text_document

from ..new_entry import render
from .headers import DATE_KEYS, LIST_KEYS, REPLY_KEYS, REQUIRED, Columns, column_letter
from .sheets import Sheet, excel_serial


@dataclass
class RowResult:
    row: int
    rel: str = ""  # the proposal
    files: dict[str, str] = field(default_factory=dict)  # path → text (the proposal)
    where: dict[str, dict] = field(default_factory=dict)  # path → {key: column}, to name a cell
    title: str = ""
    problems: list[str] = field(default_factory=list)  # errors, each naming row, column, value
    warnings: list[str] = field(default_factory=list)
    existing: set[str] = field(default_factory=set)  # paths already in the content: never changed
    later: str = ""  # the reply and feedback the row names, for staff to enter with the letter
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


def number_width(site, sheet: Sheet, cols: Columns) -> int | None:
    """How many digits a 提案号 has here, when every one written as text (0103 in the sheet, the
    numbers in the content) has the same; otherwise None, and numbers are left as they are."""
    column = next((c for c, k in cols.keys.items() if k == "number"), None)
    widths = {len(p.number) for p in site.all_proposals if p.number.isdigit()}
    if column is not None:
        widths |= {len(row[column].strip()) for row in sheet.rows[cols.header_row:]
                   if column < len(row) and isinstance(row[column], str) and row[column].strip().isdigit()
                   and row[column].strip().startswith("0")}
    return widths.pop() if len(widths) == 1 else None


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
            how = "" if args.number_width else "（按表中文本格式的提案号和已有提案的位数；不对时用 --number-width 指定）"
            warnings.append(f"提案号 {text} 在表中是数字格式，前导零已按 {width} 位补齐为 {text.zfill(width)}{how}。")
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
    width = args.number_width or number_width(site, sheet, cols)
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
                res.problems.append(f"第 {res.row} 行：缺少{KEY_ZH.get(key, key)}。 / Row {res.row}: no {key}.")
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
        res.later = _reply_later(meta, extras)
        ordered = [(k, meta[k]) for k in ORDER if k in meta]
        res.files[res.rel] = render_proposal(ordered)
        res.where[res.rel] = where
        src = read_text_document(res.rel, res.files[res.rel])
        _, problems = read_proposal(src, site.vocab)
        note_problems(res, cols, where, src.problems + problems)
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


def note_problems(res: RowResult, cols: Columns, where: dict, problems) -> None:
    """Problems the core found in a row's entry, told as the cells they come from."""
    for p in problems:
        column = where.get(p.key.split("[")[0].split(".")[0])
        message = p.zh + (f" 可用的值：{p.allowed}" if p.allowed else "") + \
            (f" 您是不是要写「{p.hint}」？" if p.hint else "")
        line = _cell(res.row, cols, column, p.value, message)
        if line not in res.problems + res.warnings:
            (res.problems if p.is_error else res.warnings).append(line)


def _reply_later(meta: dict, extras: dict) -> str:
    """What the row says about the reply and the member's feedback, for staff to enter later.

    A reply page needs the letter's text (check refuses an empty reply) and feedback needs a
    reply before it, so neither is written from a register: the row's values are shown with
    the command that brings the letter in (`import reply … --result A`)."""
    if not any(extras.get(k) for k in REPLY_KEYS):
        return ""
    unit = _text(extras.get("reply_unit")) or "、".join(meta.get("lead_units") or []) or "承办单位"
    said = [f"{label}{_text(extras[k])}" for k, label in (("reply_date", "答复日期 "), ("result", "答复类别 "),
                                                          ("satisfaction", "满意度 "), ("feedback_date", "反馈日期 "))
            if extras.get(k)]
    command = f"python build.py import reply 答复函.docx --proposal {meta['year']}-{meta['number']}"
    if extras.get("result"):
        command += f" --result {_text(extras['result'])}"
    return (f"{unit}的答复（{'，'.join(said)}）没有导入：答复页需要答复全文。请导入答复函：{command}"
            + ("；之后在提案文件中写 feedback。" if extras.get("satisfaction") else "。"))


def render_proposal(ordered) -> str:
    body = "<!-- 登记表中没有提案正文，请从提案原件补录。这一行不会出现在网站上。 -->\n"
    return render(ordered, ["由 python build.py import register 从登记表导入；正文请从提案原件补录"], body)


KEY_ZH = {"number": "提案号", "title": "案由（标题）", "proposers": "提案人", "category": "类别",
           "submitted": "提交日期"}


def _cell(row: int, cols: Columns, column, value, message: str) -> str:
    if column is None:
        return f"第 {row} 行：{message}"
    return f"第 {row} 行 {column_letter(column)} 列「{cols.titles.get(column, '')}」 值「{_text(value)}」：{message}"

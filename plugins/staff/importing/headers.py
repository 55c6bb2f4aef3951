"""Which column of a register holds which fact: the header row found by its names.

Registers name their columns in many ways (提案号, 编号, 案由, 提案标题 …): the front-matter
aliases (entries.PROPOSAL_ALIASES), the names registers use below, and a local map staff give.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from disclosure.entries import PROPOSAL_ALIASES

from .sheets import Sheet

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
KEYS = set(PROPOSAL_ALIASES.values()) | {"more_proposers", *REPLY_KEYS}


def normalise(header) -> str:
    """案由（标题） → 案由; *提案号 → 提案号; 提 案 号 → 提案号."""
    text = str(header or "")
    text = re.sub(r"[（(][^）)]*[）)]", "", text)
    return re.sub(r"[\s\u3000*＊:：/／]", "", text)


def _primary(header) -> bool:
    """A front-matter name (提案号, number) rather than a register's looser one (提案编号, 编号)."""
    name = normalise(header)
    return name in {normalise(k) for k in PROPOSAL_ALIASES} or name in KEYS


def header_names(extra: dict | None = None) -> dict[str, str]:
    names = {normalise(k): v for k, v in PROPOSAL_ALIASES.items()}
    names.update({k: k for k in KEYS})
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

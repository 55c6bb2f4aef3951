"""A reply's `commitments:` as staff type them, and each mistake as `check` prints it: both lines
(Chinese, then English), the value as typed, what is allowed, and a line staff can find
(disclosure/commitment_fields.py).

Ground truth: docs/staff-guide.md "承诺" (依据 may be one value or a list, each an announcement's
path under announcements/ without .md, an http:// or https:// address, or a file in the content
folder; `check` names each mistake by file, line, key and how to fix it) and docs/content-model.md
"Commitments (承诺)"; the front matter below, written out by hand, so each line is one staff see.
"""
import datetime as dt

import pytest

from tests.support.commitment_files import commitments, load



def test_an_announcement_path_copied_from_windows_explorer_is_the_announcement(make_content):
    site, _ = load(make_content, r"""commitments:
  - text: 年内建成三处社区食堂。
    updates:
      - date: 2026-10-01
        status: 已完成
        evidence:
          - '2026\canteen-opening'
          - 'announcements\2026\canteen-opening.md'
          - 'content\announcements\2026\canteen-opening'
""")
    assert site.report.ok, site.report.format()
    [u] = commitments(site)[0].updates
    assert [(e.kind, e.target) for e in u.evidence] == [("announcement", "2026/canteen-opening")] * 3


def test_empty_evidence_and_empty_updates_are_none(make_content):
    site, _ = load(make_content, """承诺:
  - 内容: 年内建成三处社区食堂。
    进展: ""
  - 内容: 六月底前出台老年助餐补贴办法。
    进展:
      - {日期: 2026-06-01, 状态: 推进中, 依据: ""}
      - {日期: 2026-07-01, 状态: 推进中, 依据: []}
      - {日期: 2026-08-01, 状态: 推进中, 依据: }
""")
    assert site.report.ok, site.report.format()
    first, second = commitments(site)
    assert first.updates == []
    assert [(u.date.month, u.evidence) for u in second.updates] == [(6, []), (7, []), (8, [])]


def test_evidence_mistakes_in_both_languages_with_what_is_allowed(make_content):
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates:
      - date: 2026-06-01
        status: 推进中
        evidence:
          - {公告: 2026/canteen-opening}
          - ftp://files.example.org/a.pdf
""")
    first, second = site.report.sorted()
    assert first.format() == (
        f"responses/2026/0001-fgw.md:{first.line} [commitments[1].updates[1].evidence[1]] "
        "「{'公告': '2026/canteen-opening'}」 错误：依据（evidence）应为一段文字：公告编号、网址或文件路径。"
        " 可用的值：公告编号（如 2024/low-carbon-communities）、以 http:// 或 https:// 开头的网址、"
        "内容文件夹中的文件（*.pdf、*.docx、*.xlsx、*.ofd）\n"
        "  error: Evidence must be text: an announcement id, an address or a file path."
        " Allowed: 公告编号（如 2024/low-carbon-communities）、以 http:// 或 https:// 开头的网址、"
        "内容文件夹中的文件（*.pdf、*.docx、*.xlsx、*.ofd）")
    assert second.format() == (
        f"responses/2026/0001-fgw.md:{second.line} [commitments[1].updates[1].evidence[2]] "
        "「ftp://files.example.org/a.pdf」 错误：网址只能是以 http:// 或 https:// 开头的完整网址，不能含空格、引号或尖括号。"
        " 可用的值：以 http:// 或 https:// 开头的完整网址 / a full http:// or https:// address（例如 https://beian.miit.gov.cn/）\n"
        "  error: A link must be a full http:// or https:// address, without spaces, quotes or angle brackets."
        " Allowed: 以 http:// 或 https:// 开头的完整网址 / a full http:// or https:// address（例如 https://beian.miit.gov.cn/）")
    assert [lines[p.line - 1].strip() for p in (first, second)] == [
        "- {公告: 2026/canteen-opening}", "- ftp://files.example.org/a.pdf"]


def test_updates_that_are_not_a_list_show_what_was_typed(make_content):
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates: 推进中
""")
    [p] = site.report.sorted()
    assert p.format() == (
        f"responses/2026/0001-fgw.md:{p.line} [commitments[1].updates] 「推进中」 错误：进展（updates）应为列表，每项以“- date: …”开头。\n"
        "  error: 'updates' must be a list, each item starting with '- date: …'.")
    assert lines[p.line - 1].strip() == "updates: 推进中"


def test_an_update_written_as_one_mapping_still_has_a_line(make_content):
    """A commitment and its update typed as mappings (no "- "): an update dated after the build date
    is still published from its day only, and its warning names a line of the commitments."""
    site, lines = load(make_content, """承诺:
  内容: 年内建成三处社区食堂。
  进展: {日期: 2026-12-01, 状态: 推进中}
""")
    [p] = site.report.sorted()
    assert (p.key, p.severity) == ("commitments[1].updates[1].date", "warning")
    assert p.line is not None and lines[p.line - 1].strip() == "承诺:"
    [c] = commitments(site)
    assert c.line is not None and lines[c.line - 1].strip() == "承诺:"


STATUSES = "in_progress（推进中）、done（已完成）、not_done（未落实）、adjusted（调整）"
LATER = "2026-04-01 或之后的日期 / 2026-04-01 or later"
EVERY_MISTAKE = """commitments:
  - text: ""
  - text: 年内建成三处社区食堂。
    due: 2026-03-01
    updates:
      - 推进中
      - status: 推进中
      - date: 2026-06-01
      - date: 2026-03-15
        status: 推进中
      - date: 2026-07-01
        status: 推进中
        note: [一, 二]
      - date: 2026-07-01
        status: 已完成
        参与单位: 区民政局
  - text: 年内建成三处社区食堂。
  - text: 六月底前出台老年助餐补贴办法。
    updates: 推进中
    责任科室: 未知
"""


def test_every_mistake_in_commitments_as_check_prints_it(make_content):
    """Lines 1–6 are the reply's own keys; `commitments:` is line 7 (reply date 2026-04-01)."""
    site, _ = load(make_content, EVERY_MISTAKE)
    at = "responses/2026/0001-fgw.md"
    assert [p.format() for p in site.report.sorted()] == [
        f"{at}:8 [commitments[1].text] 错误：每项承诺需要承诺内容（text），请照答复原文摘录。\n"
        "  error: Each commitment needs its words ('text'), quoted from the reply.",
        f"{at}:10 [commitments[2].due] 「2026-03-01」 错误：承诺期限（2026-03-01）早于答复日期（2026-04-01）。 可用的值：{LATER}\n"
        f"  error: The commitment's 'due' (2026-03-01) is before the reply's date (2026-04-01). Allowed: {LATER}",
        f"{at}:12 [commitments[2].updates[1]] 「推进中」 错误：每条进展应为“键: 值”的形式（date、status、note、evidence）。\n"
        "  error: Each update must be a mapping (date, status, note, evidence).",
        f"{at}:13 [commitments[2].updates[2].date] 错误：每条进展需要日期（date）。\n"
        "  error: Each update needs a date.",
        f"{at}:14 [commitments[2].updates[3].status] 错误：每条进展需要落实状态（status）。 可用的值：{STATUSES}\n"
        f"  error: Each update needs a status. Allowed: {STATUSES}",
        f"{at}:15 [commitments[2].updates[4].date] 「2026-03-15」 错误：进展日期（2026-03-15）早于答复日期（2026-04-01）："
        f"承诺的进展只能在答复之后。 可用的值：{LATER}\n"
        "  error: The update (2026-03-15) is before the reply's date (2026-04-01); a commitment's updates come after "
        f"the reply. Allowed: {LATER}",
        f"{at}:19 [commitments[2].updates[5].note] 「['一', '二']」 错误：说明（note）应为一段文字，不是列表或键值对。\n"
        "  error: 'note' must be a piece of text, not a list or mapping.",
        f"{at}:20 [commitments[2].updates[6].date] 「2026-07-01」 错误：同一项承诺在 2026-07-01 已有一条进展（第 5 条），同一天只写一条。\n"
        "  error: This commitment already has an update on 2026-07-01 (number 5); write one per day.",
        f"{at}:22 [commitments[2].updates[6].参与单位] 警告：未知的键，已忽略。 可用的值：date、status、note、evidence\n"
        "  warning: Unknown key; it is ignored. Allowed: date、status、note、evidence",
        f"{at}:23 [commitments[3].text] 「年内建成三处社区食堂。」 错误：这项承诺与第 2 项的文字相同：每项承诺只写一次"
        "（同一承诺的新进展写在它的 updates 里）。\n"
        "  error: The words of this commitment are those of commitment 2: write each commitment once "
        "(a new step of the same one goes in its 'updates').",
        f"{at}:25 [commitments[4].updates] 「推进中」 错误：进展（updates）应为列表，每项以“- date: …”开头。\n"
        "  error: 'updates' must be a list, each item starting with '- date: …'.",
        f"{at}:26 [commitments[4].责任科室] 警告：未知的键，已忽略。 可用的值：text、due、updates\n"
        "  warning: Unknown key; it is ignored. Allowed: text、due、updates",
    ]
    second = commitments(site)[0]  # the first has no words; the third repeats the second
    assert [c.text for c in commitments(site)] == ["年内建成三处社区食堂。", "六月底前出台老年助餐补贴办法。"]
    assert second.due == dt.date(2026, 3, 1)
    assert [(u.date, u.status, u.note) for u in second.updates] == [(dt.date(2026, 7, 1), "in_progress", "")]


def test_an_update_whose_date_or_status_is_empty_is_missing_it(make_content):
    """`date: ""` is no date: the update is not published, so check must say so."""
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates:
      - {date: "", status: 推进中}
      - {date: 2026-06-01, status: ""}
""")
    assert [(p.key, p.zh, lines[p.line - 1].strip()) for p in site.report.sorted()] == [
        ("commitments[1].updates[1].date", "每条进展需要日期（date）。", '- {date: "", status: 推进中}'),
        ("commitments[1].updates[2].status", "每条进展需要落实状态（status）。", '- {date: 2026-06-01, status: ""}')]
    assert commitments(site)[0].updates == []


def test_an_impossible_date_or_status_is_an_error_on_its_own_line(make_content):
    """The line of the key itself, not of the update's first key."""
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates:
      - status: 推进中
        date: 2026-06-31
      - date: 2026-07-01
        note: 已选址。
        status: 进展中
""")
    first, second = site.report.sorted()
    assert (first.key, first.value, lines[first.line - 1].strip()) == (
        "commitments[1].updates[1].date", "2026-06-31", "date: 2026-06-31")
    assert first.zh == "日期无效：2026 年 6 月没有 31 日。"
    assert (second.key, second.value, lines[second.line - 1].strip()) == (
        "commitments[1].updates[2].status", "进展中", "status: 进展中")
    assert second.en == "Unknown value for 'status'."
    assert commitments(site)[0].updates == []


def test_an_update_and_a_due_date_on_the_replys_own_day_are_allowed(make_content):
    """content-model: `due` and an update's `date` are "not before the reply's date" (2026-04-01)."""
    site, _ = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    due: 2026-04-01
    updates:
      - {date: 2026-04-01, status: 推进中}
""")
    assert site.report.ok, site.report.format()
    [c] = commitments(site)
    assert (c.due, [u.date for u in c.updates]) == (dt.date(2026, 4, 1), [dt.date(2026, 4, 1)])


def test_an_early_or_repeated_update_date_is_an_error_on_the_dates_own_line(make_content):
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates:
      - status: 推进中
        date: 2026-03-31
      - status: 推进中
        date: 2026-06-01
      - status: 已完成
        date: 2026-06-01
""")
    assert [(p.key, p.value, lines[p.line - 1].strip()) for p in site.report.sorted()] == [
        ("commitments[1].updates[1].date", "2026-03-31", "date: 2026-03-31"),
        ("commitments[1].updates[3].date", "2026-06-01", "date: 2026-06-01")]
    assert site.report.sorted()[1].line == 15  # the third update's date, not the second's
    assert [(u.date, u.status) for u in commitments(site)[0].updates] == [(dt.date(2026, 6, 1), "in_progress")]


@pytest.mark.parametrize("top", ["commitments", "承诺", "commitments\u3000", "承诺\u3000"])
def test_the_commitments_key_typed_with_a_full_width_space_keeps_each_mistakes_line(make_content, top):
    site, lines = load(make_content, top + """:
  - text: 年内建成三处社区食堂。
    updates:
      - status: 推进中
        date: 2026-03-31
""")
    [p] = site.report.sorted()
    assert (p.key, lines[p.line - 1].strip()) == ("commitments[1].updates[1].date", "date: 2026-03-31")


def test_an_impossible_due_date_and_a_repeated_text_are_errors_on_their_own_lines(make_content):
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    due: 2026-02-30
  - due: 2026-12-31
    text: 年内建成三处社区食堂。
  - text: 六月底前出台老年助餐补贴办法。
    due: ""
""")
    first, second = site.report.sorted()
    assert (first.key, first.value, lines[first.line - 1].strip()) == (
        "commitments[1].due", "2026-02-30", "due: 2026-02-30")
    assert first.zh == "日期无效：2026 年 2 月没有 30 日。"
    assert (second.key, lines[second.line - 1].strip()) == ("commitments[2].text", "text: 年内建成三处社区食堂。")
    assert [(c.text, c.due) for c in commitments(site)] == [("年内建成三处社区食堂。", None),
                                                            ("六月底前出台老年助餐补贴办法。", None)]

"""Reading a reply's `commitments:` (承诺) as staff type them (disclosure/commitment_fields.py).

Ground truth: docs/content-model.md "Commitments (承诺)": each item has `text` (内容 / 承诺内容),
`due` (期限 / 完成期限) and `updates` (进展), each update `date` (日期), `status` (状态), `note`
(说明) and `evidence` (依据 / 证明; one value or a list), each evidence an announcement id (its
path under announcements/ without .md), an http(s) address, or a file in the content folder
(.pdf, .docx, .xlsx, .ofd). The reply's front matter is written out by hand, so each line is
the one staff see.
"""
import datetime as dt

from tests.support import commitment_files
from tests.support.commitment_files import commitments
from tests.support.documents import write_pdf



def with_report(content):
    (content / "files/2026").mkdir(parents=True)
    write_pdf(content / "files/2026/验收报告.pdf", ["验收"])


def load(make_content, commitments_yaml):
    return commitment_files.load(make_content, commitments_yaml, with_report)


def problems(site, lines):
    return [(p.key, p.severity, lines[p.line - 1].strip()) for p in site.report.sorted()]


def test_every_form_of_evidence(make_content):
    site, _ = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates:
      - date: 2026-10-01
        status: 已完成
        evidence:
          - 2026/canteen-opening
          - announcements/2026/canteen-opening.md
          - content/announcements/2026/canteen-opening
          - https://www.example.org/news/1.html
          - files/2026/验收报告.pdf
          - content\\files\\2026\\验收报告.pdf
          - ./files/2026/../2026/验收报告.pdf
""")
    assert site.report.ok, site.report.format()
    [c] = commitments(site)
    [u] = c.updates
    assert [(e.kind, e.target) for e in u.evidence] == [
        ("announcement", "2026/canteen-opening"), ("announcement", "2026/canteen-opening"),
        ("announcement", "2026/canteen-opening"), ("link", "https://www.example.org/news/1.html"),
        ("file", "files/2026/验收报告.pdf"), ("file", "files/2026/验收报告.pdf"),
        ("file", "files/2026/验收报告.pdf")]


def test_one_piece_of_evidence_without_a_list(make_content):
    site, _ = load(make_content, """承诺:
  - 内容: 年内建成三处社区食堂。
    期限: 2026-12-31
    进展:
      - {日期: 2026-10-01, 状态: 已完成, 说明: 三处均已开业。, 证明: 2026/canteen-opening}
""")
    assert site.report.ok, site.report.format()
    [c] = commitments(site)
    assert (c.text, c.due) == ("年内建成三处社区食堂。", dt.date(2026, 12, 31))
    [u] = c.updates
    assert (u.date, u.status, u.note) == (dt.date(2026, 10, 1), "done", "三处均已开业。")
    assert [(e.kind, e.target) for e in u.evidence] == [("announcement", "2026/canteen-opening")]


def test_evidence_that_is_not_text_or_not_a_web_link_is_an_error_on_its_line(make_content):
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates:
      - date: 2026-06-01
        status: 推进中
        evidence:
          - {公告: 2026/canteen-opening}
          - ftp://files.example.org/a.pdf
          - https://www.example.org/ok.html
      - date: 2026-07-01
        status: 推进中
        evidence: mailto:office@example.org
""")
    keys = [(p.key, p.value) for p in site.report.sorted()]
    assert keys == [("commitments[1].updates[1].evidence[1]", "{'公告': '2026/canteen-opening'}"),
                    ("commitments[1].updates[1].evidence[2]", "ftp://files.example.org/a.pdf"),
                    ("commitments[1].updates[2].evidence", "mailto:office@example.org")]
    first, second, third = site.report.sorted()
    assert first.zh == "依据（evidence）应为一段文字：公告编号、网址或文件路径。"
    assert second.zh.startswith("网址只能是以 http:// 或 https:// 开头的完整网址")
    assert [lines[p.line - 1].strip() for p in (first, second)] == [  # each on its own line
        "- {公告: 2026/canteen-opening}", "- ftp://files.example.org/a.pdf"]
    assert lines[third.line - 1].strip() == "evidence: mailto:office@example.org"
    # the good evidence of the first update is kept
    assert [(e.kind, e.target) for e in commitments(site)[0].updates[0].evidence] == [
        ("link", "https://www.example.org/ok.html")]


def test_updates_written_as_one_mapping_and_in_any_order(make_content):
    site, _ = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates: {date: 2026-06-01, status: 推进中}
  - text: 六月底前出台老年助餐补贴办法。
    updates:
      - {date: 2026-09-01, status: 已完成}
      - {date: 2026-05-01, status: 推进中}
""")
    assert site.report.ok, site.report.format()
    first, second = commitments(site)
    assert [(u.date, u.status) for u in first.updates] == [(dt.date(2026, 6, 1), "in_progress")]
    assert [u.date for u in second.updates] == [dt.date(2026, 5, 1), dt.date(2026, 9, 1)]


def test_each_mistake_in_the_form_of_an_update_is_an_error_on_its_line(make_content):
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    updates: 推进中
  - text: 六月底前出台老年助餐补贴办法。
    updates:
      - 推进中
      - status: 推进中
      - date: 2026-06-01
      - date: 2026-07-01
        status: 推进中
        note: [一, 二]
      - date: 2026-08-01
        status: 推进中
        参与单位: 区民政局
""")
    assert problems(site, lines) == [
        ("commitments[1].updates", "error", "updates: 推进中"),
        ("commitments[2].updates[1]", "error", "- 推进中"),
        ("commitments[2].updates[2].date", "error", "- status: 推进中"),
        ("commitments[2].updates[3].status", "error", "- date: 2026-06-01"),
        ("commitments[2].updates[4].note", "error", "note: [一, 二]"),
        ("commitments[2].updates[5].参与单位", "warning", "参与单位: 区民政局"),
    ]
    messages = [p.zh for p in site.report.sorted()]
    assert messages[:4] == ["进展（updates）应为列表，每项以“- date: …”开头。",
                            "每条进展应为“键: 值”的形式（date、status、note、evidence）。",
                            "每条进展需要日期（date）。", "每条进展需要落实状态（status）。"]
    assert messages[4:] == ["说明（note）应为一段文字，不是列表或键值对。", "未知的键，已忽略。"]
    assert site.report.sorted()[5].allowed == "date、status、note、evidence"
    # the updates with a date and a status are kept, the note that was a list left out
    assert [(u.date, u.note) for u in commitments(site)[1].updates] == [
        (dt.date(2026, 7, 1), ""), (dt.date(2026, 8, 1), "")]


def test_an_unknown_key_of_a_commitment_is_a_warning_on_its_line(make_content):
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
    责任科室: 未知
""")
    assert problems(site, lines) == [("commitments[1].责任科室", "warning", "责任科室: 未知")]
    assert site.report.sorted()[0].allowed == "text、due、updates"
    assert [c.text for c in commitments(site)] == ["年内建成三处社区食堂。"]


def test_text_that_is_a_list_is_missing_words(make_content):
    site, lines = load(make_content, """commitments:
  - text: [建成, 食堂]
  - text: 年内建成三处社区食堂。
""")
    assert problems(site, lines) == [("commitments[1].text", "error", "- text: [建成, 食堂]")]
    assert [c.text for c in commitments(site)] == ["年内建成三处社区食堂。"]


def test_a_repeated_commitment_names_the_first_by_its_number(make_content):
    site, lines = load(make_content, """commitments:
  - text: 年内建成三处社区食堂。
  - text: 六月底前出台老年助餐补贴办法。
  - text: 年内建成三处社区食堂。
""")
    [p] = site.report.sorted()
    assert (p.key, p.value, lines[p.line - 1].strip()) == ("commitments[3].text", "年内建成三处社区食堂。",
                                                           "- text: 年内建成三处社区食堂。")
    assert p.zh.startswith("这项承诺与第 1 项的文字相同")
    assert len(commitments(site)) == 2

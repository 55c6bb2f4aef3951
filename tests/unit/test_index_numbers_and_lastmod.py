"""索引号 fields of a reply, why a pattern cannot be used, and the date a page last changed
(disclosure/meta.py).

Ground truth: docs/deploy.md "索引号" (`{year}`: a reply's folder year; `{number}`: a reply's
proposal's number; `build.py check` rejects a pattern that gives two items the same number) and
docs/content-model.md (a proposal without a number has the id `2022-legacy-1`); sitemap `lastmod`
is the last dated change a page shows up to the build date (docs/deploy.md "Files the build writes").
"""
import datetime as dt

from conftest import BUILD_DATE, front_matter, proposal
from disclosure import meta
from disclosure.model import Response, Unit
from disclosure.site import load_site


def test_a_replys_number_field_is_its_proposals_whole_number():
    x = Response(path="responses/2022/legacy-1-fgw.md", proposal_id="2022-legacy-1", unit=Unit("区发改委", "fgw"),
                 date=dt.date(2022, 4, 26))
    assert meta.index_number(x, {"index_pattern": "{year}|{number}|{unit}"}) == "2022|legacy-1|fgw"


def test_a_reply_outside_a_year_folder_takes_the_year_of_its_date():
    x = Response(path="responses/0110-fgw.md", proposal_id="2023-0110", unit=Unit("区发改委", "fgw"),
                 date=dt.date(2023, 4, 26))
    assert meta.index_number(x, {"index_pattern": "{year}-{kind}-{key}"}) == "2023-DF-0110-fgw"


def test_a_pattern_without_a_field_is_rejected_with_its_reason(make_content):
    site = load_site(make_content(dict([proposal("0001")]), index_pattern="GK"), today=BUILD_DATE)
    [p] = [p for p in site.report.problems if p.key == "index_pattern"]
    assert (p.path, p.value) == ("site.yaml", "GK")
    assert p.en == "index_pattern cannot be used: the pattern has no field, so every item would get the same number."


def test_a_page_changed_on_the_build_date_has_that_date(make_content):
    notice = ("announcements/2026/canteen.md", front_matter(
        {"title": "关于社区食堂选址的公示", "date": BUILD_DATE.isoformat(), "kind": "publicity"}, "公示正文。"))
    site = load_site(make_content(dict([proposal(), notice])), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    assert meta.last_changed(site, site.announcements["2026/canteen"]) == BUILD_DATE


def test_a_registered_kinds_page_changed_on_its_own_date(make_content):
    from support import testkind
    bulletin = ("bulletins/2026/q3.md", "---\ntitle: 三季度简报\ndate: 2026-10-08\n---\n\n本季度办复十二件。\n")
    site = load_site(make_content(dict([proposal(), bulletin])), today=BUILD_DATE, kinds=testkind.kinds())
    assert site.report.ok, site.report.format()
    (b,) = site.entries_of(testkind.BULLETIN).values()
    assert meta.last_changed(site, b) == dt.date(2026, 10, 8)


def test_a_proposals_page_changes_with_its_latest_step_after_a_corrected_reply(make_content):
    from conftest import assigned_proposal, response
    feedback = [{"date": "2026-07-01", "satisfaction": "满意", "unit": "fgw"}]
    site = load_site(make_content(dict([assigned_proposal(feedback=feedback), response(updated="2026-06-01")])),
                     today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    assert meta.last_changed(site, site.proposals["2026-0001"]) == dt.date(2026, 7, 1)  # 提案者评价, after 修改日期


def test_a_notice_in_a_folder_that_is_not_a_year_takes_its_dates_year_and_keeps_the_folder_in_its_key():
    from disclosure.model import Announcement
    a = Announcement(path="announcements/archive/canteen.md", date=dt.date(2025, 3, 1))
    assert meta.index_number(a, {"index_pattern": "{year}/{kind}/{key}"}) == "2025/GG/archive-canteen"
    named_like_a_year = Announcement(path="announcements/2024.md", date=dt.date(2025, 3, 1))
    assert meta.index_number(named_like_a_year, {"index_pattern": "{year}/{kind}/{key}"}) == "2025/GG/2024"


def test_prefix_without_an_index_prefix_is_empty_and_hash_is_eight_capital_hex_digits():
    import re
    from disclosure.model import Proposal
    p = Proposal(path="proposals/2023/0110.md", number="0110", year=2023)
    q = Proposal(path="proposals/2023/0111.md", number="0111", year=2023)
    assert meta.index_number(p, {"index_pattern": "{prefix}{kind}-{key}"}) == "TA-0110"
    first = meta.index_number(p, {"index_pattern": "{hash}"})
    assert re.fullmatch(r"[0-9A-F]{8}", first)  # as the pattern is tried on: 0A1B2C3D
    assert first == meta.index_number(p, {"index_pattern": "{hash}"}) != meta.index_number(q, {"index_pattern": "{hash}"})


def test_two_items_with_one_number_are_an_error_that_says_how_to_fix_the_pattern(make_content):
    site = load_site(make_content(dict([proposal("0001"), proposal("0002")]), index_pattern="{year}-{kind}"),
                     today=BUILD_DATE)
    [p] = [p for p in site.report.problems if p.key == "index_pattern"]
    assert p.format() == (
        "site.yaml [index_pattern] 「2026-TA」 错误：索引号重复：proposals/2026/0001.md 与 proposals/2026/0002.md 都是「2026-TA」。"
        "请在 index_pattern 中使用 {key}（或 {unit}）使每一项唯一。\n"
        "  error: Duplicate 索引号: proposals/2026/0001.md and proposals/2026/0002.md are both '2026-TA'. "
        "Use {key} (or {unit}) in index_pattern so every item is unique.")

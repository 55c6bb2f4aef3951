"""Search records: keywords, a reply's own title, and the words of every public commitment.

The expected fields are written out from the front matter below (docs/search.md).
"""
from conftest import BUILD_DATE, assigned_proposal, response
from disclosure.site import load_site
from search import records

PROMISES = [{"text": "年内建成三处社区食堂。", "updates": [{"date": "2026-06-15", "status": "推进中", "note": "两处已选址。"}]},
            {"text": "明年增设老年助餐点。", "updates": [{"date": "2026-07-01", "status": "推进中", "note": "已列入计划。"}]}]


def by_kind(content):
    site = load_site(content, today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    return {r.kind: r for r in records.all_records(site)}


def test_keywords_and_every_commitments_words_are_in_the_proposals_record(make_content):
    r = by_kind(make_content(dict([assigned_proposal(tags=["社区食堂", "老年助餐"], body="建议增设食堂。"),
                                   response(commitments=PROMISES)])))["proposal"]
    assert r.fields == ["关于第0001号事项的建议", "2026-0001、2026年第0001号、第1号", "社区食堂、老年助餐", "张三",
                        "测试区发展和改革委员会、区发改委", "建议增设食堂。",
                        "年内建成三处社区食堂。", "两处已选址。", "明年增设老年助餐点。", "已列入计划。"]


def test_a_reply_with_its_own_title_is_found_by_it_not_by_a_made_up_one(make_content):
    r = by_kind(make_content(dict([assigned_proposal(), response(title="关于增设社区食堂的答复", body="已开工。")])))["response"]
    assert r.fields == ["关于增设社区食堂的答复", "", "", "2026-0001", "测试区发展和改革委员会、区发改委", "已开工。"]
    assert r.meta["title"] == "关于增设社区食堂的答复"


def test_a_reply_is_filed_under_its_proposals_year(make_content):
    # A 2025 proposal answered in March 2026: its reply is found under 2025, with its proposal.
    r = by_kind(make_content(dict([assigned_proposal("0001", 2025), response("2025-0001", date="2026-03-01")])))
    assert r["response"].filters["year"] == ["2025"] and r["response"].date == "2026-03-01"

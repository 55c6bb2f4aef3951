"""Facts of real replies and 公示 that had no place before: 发布日期, 抄送, 联系人及电话, 发文单位, 发布机构, 公示期."""
import datetime as dt

import pytest

from conftest import BUILD_DATE, assigned_proposal, front_matter, response
from disclosure import display
from disclosure.site import load_site


def load(make_content, files):
    return load_site(make_content(dict(files)), today=BUILD_DATE)


def notice(**fields):
    meta = {"title": "关于社区食堂选址的公示", "date": "2026-11-20", "kind": "publicity"}
    meta.update(fields)
    return "announcements/2026/canteen.md", front_matter(meta)


def test_reply_facts_with_chinese_keys(make_content):
    path, _ = response()
    text = front_matter({"对应提案": "2026-0001", "答复单位": "区发改委", "办理角色": "主办", "签发日期": "2026年4月1日",
                         "发布日期": "2026-04-15", "答复类别": "A", "抄送": "区政协提案委、区政府办公室",
                         "联系人及电话": "联系人：李明，电话：021-6300 1234", "发文单位": "测试区人民政府办公室"})
    site = load(make_content, [assigned_proposal(), (path, text)])
    assert site.report.ok and not site.report.problems, site.report.format()
    x = site.responses["2026/0001-fgw"]
    assert (x.date, x.published, x.public_date) == (dt.date(2026, 4, 1), dt.date(2026, 4, 15), dt.date(2026, 4, 15))
    assert x.cc == ["区政协提案委", "区政府办公室"] and x.issuer == "测试区人民政府办公室"
    assert (x.contact_person, x.contact_phone, x.contact) == ("李明", "021-6300 1234", "李明 021-6300 1234")
    assert display.tel_uri(x.contact_phone) == "tel:02163001234"


def test_contact_as_person_and_phone(make_content):
    site = load(make_content, [assigned_proposal(), response(contact={"person": "李明", "phone": "13800000000"})])
    x = site.responses["2026/0001-fgw"]
    assert (x.contact_person, x.contact_phone) == ("李明", "13800000000") and site.report.ok


def test_published_before_the_letter_is_an_error(make_content):
    report = load(make_content, [assigned_proposal(), response(published="2026-03-01")]).report
    [p] = report.errors
    assert p.format() == ("responses/2026/0001-fgw.md:7 [published] 「2026-03-01」 错误：发布日期早于签发日期（date：2026-04-01）。\n"
                          "  error: 'published' is before the letter's date (2026-04-01).")


def test_notice_window_issuer_and_objection(make_content):
    site = load(make_content, [notice(**{"公示开始": "2026-11-20", "公示截止": "二〇二六年十一月二十七日",
                                         "发布机构": "测试区住房和城乡建设管理委员会",
                                         "异议方式": "书面意见寄送区住建委（地址未知）"})])
    assert site.report.ok and not site.report.problems, site.report.format()
    a = site.announcements["2026/canteen"]
    assert (a.opens, a.until, a.issuer) == (dt.date(2026, 11, 20), dt.date(2026, 11, 27), "测试区住房和城乡建设管理委员会")
    assert display.window_text(a, BUILD_DATE) == "还有 4 天截止（截至2026年11月23日）"
    assert display.window_text(a, dt.date(2026, 11, 27)) == "今天截止"
    assert display.window_text(a, dt.date(2026, 11, 28)) == "公示已结束"
    assert display.window_text(a, dt.date(2026, 11, 19)) == "尚未开始（2026年11月20日开始）"


@pytest.mark.parametrize("fields, key, zh, en, error", [
    ({"from": "2026-11-25", "until": "2026-11-22"}, "until", "公示截止日期早于公示开始日期（2026-11-25）。",
     "'until' is before 'from' (2026-11-25).", True),
    ({"kind": "news", "from": "2026-11-20"}, "from", "只有公示（kind: publicity）才有公示开始日期。",
     "Only a publicity notice (kind: publicity) has a 'from' date.", False),
])
def test_notice_window_mistakes(make_content, fields, key, zh, en, error):
    report = load(make_content, [notice(**fields)]).report
    [p] = [p for p in report.problems if p.key == key]
    assert (p.zh, p.en, p.is_error) == (zh, en, error)

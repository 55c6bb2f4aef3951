"""The site's own facts in the footer, and the rows of an item's metadata block (disclosure/meta.py).

Ground truth: docs/deploy.md "What the public sees of the site itself" (each key shown only when
set; `icp` linked to https://beian.miit.gov.cn/ unless `icp_url` says otherwise; `police_record`,
e.g. 沪公网安备 31010102000001号, linked to the 公安 record of its digits unless
`police_record_url` is set) and "索引号" (the block lists 索引号, 发布机构, 文号 (when the reply has
one), 公开属性, 主题分类, 体裁分类 and 发布日期, in that order, as disclosure pages do).
"""
import datetime as dt

from disclosure import meta
from disclosure.model import Vocabulary


def footer(**settings):
    return meta.site_identity(Vocabulary(settings=settings))


def test_a_site_yaml_without_facts_has_an_empty_footer():
    assert footer() == []
    assert footer(organiser="", publisher=None, email="", icp="", police_record="") == []


def test_each_fact_alone_is_shown_alone():
    assert footer(organiser="政协测试区委员会") == [("主办单位", "政协测试区委员会", "")]
    assert footer(publisher="测试区政协办公室") == [("发布机构", "测试区政协办公室", "")]
    assert footer(address="测试区人民路 1 号") == [("地址", "测试区人民路 1 号", "")]
    assert footer(phone="021-00000000") == [("电话", "021-00000000", "")]
    assert footer(email="zx@example.org") == [("电子邮箱", "zx@example.org", "mailto:zx@example.org")]
    assert footer(contact="提案委员会") == [("联系方式", "提案委员会", "")]
    assert footer(website_code="3101010001") == [("网站标识码", "3101010001", "")]


def test_the_icp_number_links_to_the_miit_record_by_default():
    assert footer(icp="沪ICP备1号") == [("ICP备案号", "沪ICP备1号", "https://beian.miit.gov.cn/")]
    assert footer(icp="沪ICP备1号", icp_url="https://icp.example.org/") == [
        ("ICP备案号", "沪ICP备1号", "https://icp.example.org/")]


def test_the_police_record_links_to_the_record_of_its_digits():
    assert footer(police_record="沪公网安备 31010102000001号") == [
        ("公安备案号", "沪公网安备 31010102000001号", "https://beian.mps.gov.cn/#/query/webSearch?code=31010102000001")]
    assert footer(police_record="沪公网安备 3101 0102 000001 号") == [
        ("公安备案号", "沪公网安备 3101 0102 000001 号", "https://beian.mps.gov.cn/#/query/webSearch?code=31010102000001")]


def test_the_icp_and_police_records_come_last_in_that_order():
    rows = footer(police_record="沪公网安备 31010102000001号", icp="沪ICP备1号", organiser="政协测试区委员会")
    assert [label for label, _, _ in rows] == ["主办单位", "ICP备案号", "公安备案号"]


def test_the_metadata_block_in_the_order_of_disclosure_pages():
    day = dt.date(2026, 4, 1)
    block = meta.Metadata("2026-DF-0001-fgw", "区发改委", "示发改提复〔2026〕1号", "主动公开", "经济建设",
                          "答复（主办）", day)
    assert [(r.label, r.value, r.date) for r in block.rows()] == [
        ("索引号", "2026-DF-0001-fgw", None), ("发布机构", "区发改委", None), ("文号", "示发改提复〔2026〕1号", None),
        ("公开属性", "主动公开", None), ("主题分类", "经济建设", None), ("体裁分类", "答复（主办）", None),
        ("发布日期", "", day)]


def test_rows_not_given_are_left_out():
    block = meta.Metadata("2026-TA-0001", "测试区政协", "", "主动公开", "", "提案", None)
    assert [r.label for r in block.rows()] == ["索引号", "发布机构", "公开属性", "体裁分类"]

"""The facts a reply letter prints about itself, read from letter texts shaped as offices write them."""
import datetime as dt

from disclosure.letter_facts import match_unit, parse_letter
from disclosure.model import ResultCode, Unit

UNITS = [Unit("测试区发展和改革委员会", "fgw", "区发改委"), Unit("测试区生态环境局", "sthj", "区生态环境局"),
         Unit("测试区民政局", "mz", "区民政局")]
CODES = [ResultCode("A", "已经解决或基本解决"), ResultCode("B", "列入计划拟解决"), ResultCode("C", "留作参考")]

FULL_LETTER = """测试区发展和改革委员会
A
示发改提复〔2023〕15号　　　　　　　签发人：某某某
关于区政协十五届二次会议第0102号提案的答复
某某某委员：
　　您提出的《关于某事项的建议》收悉。现答复如下：
　　一、基本情况
　　（一）工作进展
　　1.已完成调研。
　　（1）某某事项。
　　感谢您对我区工作的关心和支持。
测试区发展和改革委员会
二〇二三年五月十日
（联系人：王某，联系电话：021-12345678）
抄送：区政协提案委，区政府督查室。""".split("\n")


def test_full_letter_gives_every_fact():
    letter = parse_letter(FULL_LETTER, UNITS, CODES)
    assert letter.number == "0102"
    assert (letter.term, letter.session) == (15, 2)
    assert letter.title == "关于区政协十五届二次会议第0102号提案的答复"
    assert letter.unit.unit.slug == "fgw" and letter.unit.how == "name"
    assert letter.date == dt.date(2023, 5, 10)
    assert letter.doc_no == "示发改提复〔2023〕15号"
    assert letter.signer == "某某某"
    assert (letter.contact, letter.phone) == ("王某", "021-12345678")
    assert letter.cc == ["区政协提案委", "区政府督查室"]
    assert letter.result == "A"
    assert FULL_LETTER[letter.body_start] == "某某某委员："
    assert letter.notes == []


def test_sign_off_with_short_name_and_ten_day():
    text = ["关于第15届2次会议第88号提案的答复", "某委员：", "　　答复正文。", "区民政局",
            "二〇二四年十月二十日", "联系人：李某　　电话：13800000000"]
    letter = parse_letter(text, UNITS, CODES)
    assert letter.unit.unit.slug == "mz" and letter.unit.how == "short"
    assert letter.date == dt.date(2024, 10, 20)
    assert (letter.number, letter.term, letter.session) == ("88", 15, 2)
    assert letter.phone == "13800000000" and letter.contact == "李某"
    assert letter.result == ""  # not printed: never guessed


def test_sign_off_and_date_on_one_line_with_full_width_digits():
    text = ["关于政协第十五届第三次会议第０１２３号提案的答复函", "某委员：", "　　正文。",
            "测试区生态环境局　２０２４年６月３日"]
    letter = parse_letter(text, UNITS)
    assert letter.number == "0123"
    assert letter.unit.unit.slug == "sthj"
    assert letter.date == dt.date(2024, 6, 3)


def test_title_broken_over_two_lines_and_zero_as_circle():
    text = ["测试区民政局文件", "关于区政协十五届二次会议", "第0007号提案的答复", "某某：", "　　正文。",
            "测试区民政局", "二○二三年八月三十日"]
    letter = parse_letter(text, UNITS)
    assert letter.number == "0007" and letter.term == 15
    assert letter.title == "关于区政协十五届二次会议第0007号提案的答复"
    assert text[letter.body_start] == "某某："
    assert letter.date == dt.date(2023, 8, 30)


def test_unit_from_letterhead_when_sign_off_is_a_seal():
    text = ["测试区发展和改革委员会文件", "关于第0003号提案的答复", "某某：", "　　正文。", "（盖章）",
            "2023年3月1日"]
    letter = parse_letter(text, UNITS)
    assert letter.unit.unit.slug == "fgw"
    assert letter.date == dt.date(2023, 3, 1)


def test_near_match_is_marked_near():
    found = match_unit("测试区发展改革委员会", UNITS)  # 和 missing: an old or mistyped name
    assert found.unit.slug == "fgw" and found.how == "near"
    assert match_unit("某某市交通委员会", UNITS) is None


def test_a_letter_without_facts_says_what_is_missing():
    letter = parse_letter(["某某委员：", "　　正文。", "某某单位"], UNITS)
    assert letter.unit is None and letter.date is None and letter.number == ""
    assert any("承办单位" in n for n in letter.notes)
    assert any("日期" in n for n in letter.notes)
    assert any("提案号" in n for n in letter.notes)


def test_dates_in_the_text_are_not_the_sign_off():
    text = ["关于第0005号提案的答复", "某某：", "　　2022年9月1日起，我区开展了专项工作。",
            "测试区民政局", "二〇二三年一月五日", "抄送：区政协提案委"]
    letter = parse_letter(text, UNITS)
    assert letter.date == dt.date(2023, 1, 5)
    assert letter.cc == ["区政协提案委"]


def test_contact_on_one_line_as_联系人及电话():
    text = ["关于第0005号提案的答复", "某某：", "　　正文。", "测试区民政局", "2023年1月5日",
            "联系人及电话：赵某 021－87654321"]
    letter = parse_letter(text, UNITS)
    assert (letter.contact, letter.phone) == ("赵某", "021-87654321")


def test_reply_to_a_proposal_title_with_对_and_答复意见():
    text = ["测试区民政局", "关于对区政协十五届二次会议第0031号提案的答复意见", "某某：", "　　正文。",
            "测试区民政局", "2023年6月1日"]
    letter = parse_letter(text, UNITS)
    assert (letter.number, letter.term, letter.session) == ("0031", 15, 2)
    assert text[letter.body_start] == "某某："


def test_reply_class_written_as_答复类别_B类():
    text = ["测试区民政局", "答复类别：B类", "关于第0005号提案的答复", "某某：", "　　正文。", "测试区民政局",
            "2023年1月5日"]
    assert parse_letter(text, UNITS, CODES).result == "B"

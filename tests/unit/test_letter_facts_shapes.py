"""What `import reply` reads off a reply letter (disclosure/letter_facts.py), letter by letter.

The letters are written here in the shapes offices print (letterhead, 文号 and 签发人, a title naming
the proposal, salutation, text, sign-off, 联系人 / 电话, 抄送); names are 某某 or 未知, units are the
test's own. What must be found is read off each letter and the staff guide ("导入一份答复函"):
the proposal number, 届次 and 会次 from the title, the unit from the sign-off (else the letterhead),
the sign-off's date, 文号, 签发人, contact and phone, 抄送, and a printed reply class; nothing guessed.
"""
import datetime as dt

from disclosure.letter_facts import match_unit, parse_letter
from disclosure.model import ResultCode, Unit

UNITS = [Unit("测试区发展和改革委员会", "fgw", "区发改委"), Unit("测试区民政局", "mz", "区民政局"),
         Unit("测试区民政局老龄工作办公室", "ll", ""), Unit("测试区卫生健康委员会", "wjw", "区卫健委")]
CODES = [ResultCode("A", "已经解决或基本解决"), ResultCode("B", "列入计划拟解决"), ResultCode("C", "留作参考")]


def letter(*paras, codes=CODES):
    return parse_letter(list(paras), UNITS, codes)


# --- the title ------------------------------------------------------------------------------------

def test_a_year_in_the_title_is_read_and_a_date_in_it_is_not_a_year():
    assert letter("关于2023年第0012号提案的答复", "某某委员：").year == 2023
    assert letter("关于2023年5月会议第0012号提案的答复", "某某委员：").year is None


def test_the_title_is_found_after_the_letterhead_and_its_doc_number():
    found = letter("测试区民政局", "示民提复〔2023〕7号", "关于第0044号提案的答复", "某某委员：", "　　正文。")
    assert found.title == "关于第0044号提案的答复" and found.number == "0044" and found.body_start == 3


def test_a_salutation_naming_a_number_and_a_reply_is_not_the_title():
    found = letter("关于第0044号提案的答复", "对第0044号提案答复的委员：")
    assert found.title == "关于第0044号提案的答复"


def test_a_title_without_a_number_is_still_the_title():
    found = letter("测试区民政局", "关于未知事项建议的答复", "某某委员：", "　　正文。")
    assert found.title == "关于未知事项建议的答复" and found.body_start == 2 and found.number == ""


def test_a_title_after_the_twelfth_paragraph_is_not_looked_for():
    paras = ["测试区民政局"] * 12 + ["关于第0044号提案的答复", "某某委员："]
    found = letter(*paras)
    assert found.number == "" and found.title == "" and found.body_start == 0


def test_a_title_broken_after_关于_reads_as_one():
    found = letter("关于区政协十五届二次会议", "第0007号提案的办理情况", "某某委员：")
    assert found.title == "关于区政协十五届二次会议第0007号提案的办理情况"
    assert (found.number, found.term, found.session) == ("0007", 15, 2)
    assert found.body_start == 2


def test_a_line_beginning_with_对_is_a_title_too():
    found = letter("对第0031号提案的答复", "某某委员：")
    assert found.number == "0031"


def test_session_written_in_digits():
    assert (letter("关于15届2次会议第0001号提案的答复").term, letter("关于15届2次会议第0001号提案的答复").session) == (15, 2)


# --- 文号, 签发人, reply class ----------------------------------------------------------------------

def test_doc_numbers_with_square_and_round_brackets_and_spaces():
    for printed, expected in (("黄发改提[2023]12号", "黄发改提[2023]12号"), ("某某函（2023）3号", "某某函（2023）3号"),
                              ("示发改提复 〔2023〕 第 15 号", "示发改提复〔2023〕第15号")):
        found = letter("测试区发展和改革委员会", printed, "关于第0102号提案的答复", "某某委员：")
        assert found.doc_no == expected, printed


def test_a_doc_number_in_the_text_is_not_the_letters():
    found = letter("关于第0102号提案的答复", "某某委员：", "　　正文。", "　　根据示发改〔2022〕3号文件精神，我们已开展工作。")
    assert found.doc_no == ""


def test_the_signer_beside_the_doc_number():
    found = letter("示发改提复〔2023〕15号　　签发人：某某某", "关于第0102号提案的答复", "某某委员：")
    assert found.signer == "某某某" and found.doc_no == "示发改提复〔2023〕15号"


def test_a_reply_class_is_read_only_when_it_is_one_of_the_sites():
    assert letter("测试区民政局", "（b）", "关于第0005号提案的答复", "某某委员：").result == "B"
    assert letter("测试区民政局", "D", "关于第0005号提案的答复", "某某委员：").result == ""
    assert letter("测试区民政局", "A类", "关于第0005号提案的答复", "某某委员：", codes=()).result == ""


def test_a_reply_class_printed_further_down_as_答复类别():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "　　正文。", "　　正文。",
                   "答复类别：C", "测试区民政局", "2023年1月5日")
    assert found.result == "C"


# --- the sign-off ---------------------------------------------------------------------------------

def test_the_sign_off_is_the_date_at_the_end_and_the_unit_above_it():
    paras = ["关于第0005号提案的答复", "某某委员：", "　　正文。", "测试区民政局", "2023年1月5日",
             "联系人：某某", "附件：未知", "（此件公开发布）"]
    found = letter(*paras)
    assert found.date == dt.date(2023, 1, 5) and found.date_text == "2023年1月5日"
    assert found.unit.unit.slug == "mz" and found.unit_text == "测试区民政局"
    assert found.sign_off == [3, 4]


def test_the_unit_may_be_up_to_two_lines_above_the_date():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "测试区卫生健康委员会", "（盖章）",
                   "2023年1月5日")
    assert found.unit.unit.slug == "wjw" and found.sign_off == [3, 5]


def test_a_sentence_above_the_date_stops_the_search_for_the_unit():
    found = letter("测试区民政局", "关于第0005号提案的答复", "某某委员：", "　　区卫健委已经研究。",
                   "2023年1月5日")
    assert found.unit.unit.slug == "mz"  # from the letterhead, not from the sentence
    assert found.sign_off == [4]


def test_a_long_line_ending_in_a_date_is_not_the_sign_off():
    text = "　　经研究，我们将在未知时间内完成有关工作，并及时向您反馈进展情况，完成时间为2023年1月5日"
    found = letter("关于第0005号提案的答复", "某某委员：", text)
    assert found.date is None and found.sign_off == []


def test_the_later_of_two_dates_on_the_sign_off_line_and_an_impossible_one_skipped():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "测试区民政局", "2023年1月5日 2023年2月30日")
    assert found.date == dt.date(2023, 1, 5)


def test_unit_and_date_on_one_line():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "区卫健委 2023年1月5日")
    assert found.unit.unit.slug == "wjw" and found.unit.text == "区卫健委" and found.sign_off == [3]


def test_a_sign_off_naming_no_site_unit_is_reported_by_what_it_says():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "某某单位", "2023年1月5日")
    assert found.unit is None and found.unit_text == "某某单位"
    assert any("某某单位" in note for note in found.notes)


def test_a_date_in_the_title_area_is_not_the_sign_off():
    found = letter("测试区民政局", "2023年1月5日", "关于第0005号提案的答复", "某某委员：", "　　正文。")
    assert found.date is None


# --- the tail -----------------------------------------------------------------------------------

def test_a_padded_contact_and_a_mobile_phone():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "联 系 人：某某某　　手机：138 0000 0000")
    assert found.contact == "某某某" and found.phone == "13800000000"


def test_a_padded_phone_label_on_its_own_line():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "联 系 人：某某", "电　话：021-63000000")
    assert (found.contact, found.phone) == ("某某", "021-63000000")


def test_a_mobile_number_in_the_text_is_not_the_contact_phone():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　群众可登记手机号码13800000000参加活动。")
    assert found.phone == ""


def test_contact_and_phone_on_one_line_separated_by_a_comma():
    found = letter("关于第0005号提案的答复", "某某委员：", "联系人：某某，联系电话：021—6300 0000")
    assert (found.contact, found.phone) == ("某某", "021-63000000")


def test_cc_to_several_bodies():
    found = letter("关于第0005号提案的答复", "某某委员：", "抄送：区政协提案委、区政府办公室；未知单位。")
    assert found.cc == ["区政协提案委", "区政府办公室", "未知单位"]


def test_the_first_contact_phone_and_cc_are_kept():
    found = letter("关于第0005号提案的答复", "某某委员：", "联系人：某某", "联系电话：021-63000000",
                   "抄送：区政协提案委", "联系人：未知", "联系电话：021-63000001", "抄送：未知")
    assert (found.contact, found.phone, found.cc) == ("某某", "021-63000000", ["区政协提案委"])


# --- units ------------------------------------------------------------------------------------------

def test_a_unit_is_matched_by_full_name_short_name_and_inside_a_longer_name():
    assert match_unit("测试区民政局", UNITS).how == "name"
    assert match_unit("区卫健委", UNITS).how == "short"
    inside = match_unit("测试区卫生健康委员会办公室", UNITS)
    assert (inside.unit.slug, inside.how) == ("wjw", "contains")
    assert match_unit("区卫健委办公室", UNITS).unit.slug == "wjw"


def test_the_most_specific_name_inside_a_letterhead_wins():
    found = match_unit("测试区民政局老龄工作办公室文件", UNITS)
    assert found.unit.slug == "ll"


def test_a_letterhead_ending_in_文件_or_函_names_its_unit():
    assert match_unit("测试区民政局文件", UNITS).how == "name"
    assert match_unit("测试区民政局函", UNITS).how == "name"
    assert match_unit("测 试 区 民 政 局", UNITS).how == "name"


def test_one_character_names_nothing():
    assert match_unit("函", UNITS) is None and match_unit("局", UNITS) is None


def test_the_longer_of_two_names_inside_a_line_wins_whatever_the_order_of_units():
    found = match_unit("测试区民政局老龄工作办公室综合科", UNITS)
    assert (found.unit.slug, found.how, found.text) == ("ll", "contains", "测试区民政局老龄工作办公室综合科")
    found = match_unit("测试区民政局老龄工作办公室综合科", list(reversed(UNITS)))
    assert found.unit.slug == "ll"


def test_a_match_keeps_the_words_of_the_letter_without_spaces():
    assert match_unit("测试区 民政局", UNITS).text == "测试区民政局"
    assert match_unit("测试区卫生健康委员会 办公室", UNITS).text == "测试区卫生健康委员会办公室"
    near = match_unit("测试区发展改革委员会", UNITS)
    assert (near.how, near.text) == ("near", "测试区发展改革委员会")


def test_a_two_character_short_name_is_a_unit():
    units = UNITS + [Unit("共青团测试区委员会", "tw", "团委")]
    found = match_unit("团委", units)
    assert (found.unit.slug, found.how) == ("tw", "short")


def test_a_dated_line_below_the_sign_off_is_not_its_date():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "测试区民政局", "2023年1月5日",
                   "附件：2023年1月6日座谈会纪要", "（此件2023年1月6日公开）", "联系电话：021-63000000")
    assert found.date == dt.date(2023, 1, 5) and found.unit.unit.slug == "mz"


# --- from the mutants of letter_facts (see docs/quality.md) ----------------------------------------

def test_the_letterhead_is_read_above_the_title_past_the_copy_number_and_signer():
    found = letter("000012", "签发人：某某", "主动公开", "紧急程度：普通", "测试区民政局文件", "示民提复〔2023〕7号",
                   "关于第0044号提案的答复", "某某委员：", "　　正文。", "2023年1月5日")
    assert found.unit.unit.slug == "mz" and found.unit_text == "测试区民政局文件"


def test_without_a_title_only_the_first_four_paragraphs_can_be_a_letterhead():
    found = letter("某某委员：", "　　正文。", "　　正文。", "　　正文。", "　　区卫健委已经研究。")
    assert found.unit is None and found.title == ""


def test_a_doc_number_cited_in_the_text_is_not_the_letters():
    found = letter("关于第0102号提案的答复", "某某委员：", "示发改〔2022〕3号文件已印发。")
    assert found.doc_no == ""


def test_a_doc_number_that_reads_like_a_title_is_not_the_title():
    found = letter("示发改复函〔2023〕第15号", "关于第0102号提案的答复", "某某委员：")
    assert (found.title, found.number, found.doc_no) == ("关于第0102号提案的答复", "0102", "示发改复函〔2023〕第15号")


def test_a_line_ending_in_a_colon_is_never_the_title():
    for colon in "：:":
        found = letter("测试区民政局", "某某委员" + colon, f"　　您提出的第0044号提案的答复如下{colon}", "　　正文。")
        assert (found.title, found.number) == ("", ""), colon


def test_a_reply_class_line_above_the_title_is_not_the_title():
    found = letter("测试区民政局", "答复类别：A", "关于第0044号提案的答复", "某某委员：")
    assert found.title == "关于第0044号提案的答复" and found.result == "A"
    found = letter("测试区民政局", "答复类别：A", "关于未知事项建议的答复", "某某委员：")
    assert found.title == "关于未知事项建议的答复"


def test_a_title_broken_over_the_last_two_paragraphs():
    found = letter("关于区政协十五届二次会议", "第0007号提案的答复")
    assert found.number == "0007" and found.title == "关于区政协十五届二次会议第0007号提案的答复"


def test_a_title_beginning_with_对_broken_over_two_lines_and_one_without_a_number():
    found = letter("对区政协十五届二次会议", "第0031号提案的答复意见", "某某委员：")
    assert found.number == "0031" and found.body_start == 2
    assert found.title == "对区政协十五届二次会议第0031号提案的答复意见"
    found = letter("对未知事项建议的答复意见", "某某委员：")
    assert found.title == "对未知事项建议的答复意见" and found.body_start == 1


def test_a_title_without_a_number_still_gives_the_session():
    found = letter("关于区政协十五届二次会议未知事项建议的答复", "某某委员：")
    assert (found.number, found.term, found.session) == ("", 15, 2)


def test_each_missing_fact_is_one_sentence_naming_it():
    notes = letter("某某委员：", "　　正文。", "某某单位").notes
    assert len(notes) == 3 and all(n.endswith("。") for n in notes)
    assert notes[0] == "落款和版头都没有找到 site.yaml 中的承办单位。"
    assert notes[1].startswith("落款中没有找到日期") and notes[2].startswith("标题中没有找到提案号")
    named = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "某某单位", "2023年1月5日").notes
    assert len(named) == 1 and named[0].startswith("落款和版头都没有找到 site.yaml 中的承办单位")
    assert "「某某单位」" in named[0] and named[0].endswith("。")


def test_a_title_after_the_unit_name_and_the_doc_number():
    found = letter("示民提复〔2023〕7号", "测试区民政局关于第0044号提案的答复", "某某委员：")
    assert (found.number, found.doc_no) == ("0044", "示民提复〔2023〕7号")


def test_a_letter_that_is_only_its_sign_off():
    found = letter("测试区民政局", "2023年1月5日")
    assert found.date == dt.date(2023, 1, 5) and found.unit.unit.slug == "mz"


def test_a_date_in_the_title_is_not_the_sign_off():
    found = letter("关于2023年1月5日座谈会第0005号提案的答复", "某某委员：", "　　正文。")
    assert found.date is None


def test_an_undated_note_below_the_date_does_not_hide_it():
    found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "测试区民政局", "2023年1月5日", "（主动公开）")
    assert found.date == dt.date(2023, 1, 5) and found.unit.unit.slug == "mz"


def test_a_two_character_unit_before_the_date_on_one_line():
    units = UNITS + [Unit("共青团测试区委员会", "tw", "团委")]
    found = parse_letter(["关于第0005号提案的答复", "某某委员：", "　　正文。", "团委 2023年1月5日"], units)
    assert found.unit.unit.slug == "tw"


def test_a_sentence_ending_in_an_exclamation_or_semicolon_above_the_date_is_not_the_sign_off():
    for end in "！；":
        found = letter("测试区民政局", "关于第0005号提案的答复", "某某委员：", f"　　感谢区卫健委的支持{end}", "2023年1月5日")
        assert found.unit.unit.slug == "mz", end  # from the letterhead


def test_a_sign_off_date_in_each_printed_form_of_chinese_numerals_is_read():
    """As `check` reads them (staff guide: 二〇二二年八月三十日, 〇 or ○; older records 廿 and 卅;
    typed copies the letter O or the digit 0 for zero)."""
    printed = {"二〇二二年八月廿三日": dt.date(2022, 8, 23), "二〇二二年八月卅日": dt.date(2022, 8, 30),
               "二O二二年八月三十日": dt.date(2022, 8, 30), "二0二二年八月三十日": dt.date(2022, 8, 30),
               "二〇二二年八月三十一日": dt.date(2022, 8, 31), "二〇二二 年 八 月 三十 日": dt.date(2022, 8, 30)}
    for text, day in printed.items():
        found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", "测试区民政局", text)
        assert found.date == day and found.sign_off == [3, 4], text
        found = letter("关于第0005号提案的答复", "某某委员：", "　　正文。", f"测试区民政局    {text}")
        assert found.date == day and found.unit.unit.slug == "mz" and found.sign_off == [3], text

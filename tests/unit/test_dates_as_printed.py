"""Dates as offices print them (docs/content-model.md "Dates", the staff guide's 日期 section and
its error catalogue 19–21): every form a letter, a web page or YAML gives reads as the same day,
and a wrong date says why, in Chinese and English."""
import datetime as dt

import pytest

from disclosure.dates import is_date, parse_date, small_number

SEPT_23 = dt.date(2022, 9, 23)


@pytest.mark.parametrize("text", [
    "2022-09-23", "2022-9-23", "2022/9/23", "2022/09/23", "2022.9.23", "2022年9月23日", "2022年09月23日",
    "２０２２年９月２３日", "２０２２－０９－２３", "２０２２／９／２３", "２０２２．９．２３",
    "2022 年 9 月 23 日", "2022年\u30009月\u300023日", " 2022-09-23 ",
    "二〇二二年九月二十三日", "二○二二年九月二十三日", "二零二二年九月二十三日", "二Ｏ二二年九月二十三日",
    "二〇二二年 九月 二十三日",
])
def test_every_printed_form_of_one_day_reads_the_same(text):
    assert parse_date(text) == SEPT_23


@pytest.mark.parametrize("text", [
    "2022-09-23T10:00:00+08:00", "2022-09-23T10:00:00Z", "2022-09-23t10:00:00z", "2022-09-23 10:00",
    "2022-09-23T10:00", "2022-09-23T10:00:00.250+08:00", "2022-09-23T10:00:00+0800", "2022-09-23T10:00:00-05",
    "2022-09-23 10：00", "2022-09-23T23:59:59+08:00",
])
def test_a_timestamp_gives_its_date_as_written(text):
    assert parse_date(text) == SEPT_23


def test_values_yaml_already_read_as_dates_are_kept():
    assert parse_date(SEPT_23) == SEPT_23
    # a YAML timestamp is a datetime: its date as written, whatever the time of day
    assert parse_date(dt.datetime(2022, 9, 23, 23, 30)) == SEPT_23
    assert type(parse_date(dt.datetime(2022, 9, 23, 23, 30))) is dt.date


@pytest.mark.parametrize("month, number", [
    ("一", 1), ("二", 2), ("三", 3), ("四", 4), ("五", 5), ("六", 6), ("七", 7), ("八", 8), ("九", 9),
    ("十", 10), ("十一", 11), ("十二", 12),
])
def test_every_month_in_chinese_numerals(month, number):
    assert parse_date(f"二〇二三年{month}月一日") == dt.date(2023, number, 1)


@pytest.mark.parametrize("day, number", [
    ("一", 1), ("二", 2), ("三", 3), ("四", 4), ("五", 5), ("六", 6), ("七", 7), ("八", 8), ("九", 9),
    ("十", 10), ("十一", 11), ("十五", 15), ("十九", 19), ("二十", 20), ("二十一", 21), ("二十九", 29),
    ("三十", 30), ("三十一", 31),
])
def test_every_kind_of_day_in_chinese_numerals(day, number):
    assert parse_date(f"二〇二三年十月{day}日") == dt.date(2023, 10, number)


@pytest.mark.parametrize("year, number", [
    ("一九九八", 1998), ("二〇〇一", 2001), ("二〇一九", 2019), ("二〇二四", 2024), ("二〇三五", 2035),
    ("二〇四六", 2046), ("二〇五七", 2057), ("一九八八", 1988),
])
def test_years_digit_by_digit(year, number):
    assert parse_date(f"{year}年三月一日") == dt.date(number, 3, 1)


def test_a_sign_off_date_without_the_last_character():
    # written without the closing 日
    assert parse_date("2022年9月23") == SEPT_23
    assert parse_date("二〇二二年九月二十三") == SEPT_23


def test_a_day_that_does_not_exist_names_the_month_and_day():
    with pytest.raises(ValueError) as e:
        parse_date("2026-02-30")
    assert e.value.args == ("2026 年 2 月没有 30 日。", "2026-02 has no day 30.")
    with pytest.raises(ValueError) as e:
        parse_date("二〇二六年一月三十二日")
    assert e.value.args == ("2026 年 1 月没有 32 日。", "2026-01 has no day 32.")
    with pytest.raises(ValueError) as e:
        parse_date("2023年2月29日")  # not a leap year
    assert e.value.args == ("2023 年 2 月没有 29 日。", "2023-02 has no day 29.")
    assert parse_date("2024年2月29日") == dt.date(2024, 2, 29)
    with pytest.raises(ValueError) as e:
        parse_date("二〇二三年十二月三十二日")  # December is a month: it is the day that is wrong
    assert e.value.args == ("2023 年 12 月没有 32 日。", "2023-12 has no day 32.")
    with pytest.raises(ValueError) as e:
        parse_date("2023-01-32")
    assert e.value.args == ("2023 年 1 月没有 32 日。", "2023-01 has no day 32.")


@pytest.mark.parametrize("text, month", [("2026-13-01", 13), ("2026年0月1日", 0), ("二〇二六年十三月一日", 13)])
def test_a_month_that_does_not_exist_is_named(text, month):
    with pytest.raises(ValueError) as e:
        parse_date(text)
    assert e.value.args == (f"没有 {month} 月。", f"there is no month {month}.")


@pytest.mark.parametrize("text", [
    "下周一", "", "2026", "2026-03", "20260315", "2026-03-15-01", "x2026-03-15", "2026-03-15x", "2026年3月",
    "二〇二六年", "二〇二六年三月", "二〇二六年三十十月一日", "二〇二六年十二三月一日", "二〇二六年一二十月一日",
    "二〇二六年三月十十日", "二〇二六年三月一十二三日", "二二六年三月一日", "二〇二二六年三月一日",
    "二〇二六年三月甲日", "二〇二六年甲月一日", "未知",
    "2022-09-23T10", "2022-09-23T10:00+8", "2022-09-23 10:00 上午",
])
def test_what_is_not_one_date_says_so(text):
    with pytest.raises(ValueError) as e:
        parse_date(text)
    assert e.value.args == ("不是日期。", "this is not a date.")


def test_is_date_answers_for_a_sign_off_line():
    assert is_date("二〇二三年五月十日") and is_date("2023年5月10日") and is_date("２０２３年５月１０日")
    assert not is_date("测试区发展和改革委员会") and not is_date("2023年2月30日") and not is_date("")


@pytest.mark.parametrize("text, number", [
    ("一", 1), ("九", 9), ("十", 10), ("十五", 15), ("二十", 20), ("二十三", 23), ("九十九", 99), (" 十五 ", 15),
])
def test_small_numbers_as_letters_print_them(text, number):
    # 十五届二次会议: the term and session of a letter's title
    assert small_number(text) == number


@pytest.mark.parametrize("text", ["", "  ", "十十", "百", "一百", "甲", "甲十", "十甲", "甲十乙", "十二十"])
def test_what_is_not_a_small_number(text):
    assert small_number(text) is None


@pytest.mark.parametrize("text, day", [
    ("二〇二二年八月廿日", 20), ("二〇二二年八月廿三日", 23), ("二〇二二年八月卅日", 30), ("二〇二二年八月卅一日", 31),
    ("一九九八年十二月廿八日", 28),
])
def test_twenty_and_thirty_written_as_one_character(text, day):
    # 廿 (二十) and 卅 (三十), as older letters and records print a day
    assert parse_date(text).day == day


def test_twenty_and_thirty_as_one_character_are_small_numbers():
    # (a letter's 廿届 is not read on import: letter_facts has its own numerals, docs/quality.md)
    assert small_number("廿") == 20 and small_number("廿一") == 21 and small_number("卅") == 30


@pytest.mark.parametrize("text", ["二O二二年九月二十三日", "二0二二年九月二十三日", "二０二二年九月二十三日"])
def test_zero_typed_as_the_letter_o_or_the_digit_zero(text):
    # web pages and typed copies of a letter often give 〇 as the letter O or the digit 0 (二O二二年, 二0二二年)
    assert parse_date(text) == SEPT_23


def test_twelve_written_with_a_leading_one():
    assert parse_date("二O二一年四月一十二日") == dt.date(2021, 4, 12)


def test_a_month_and_day_digit_by_digit():
    # the numerals written one per digit, as a year is (一二 for 12, 三一 for 31)
    assert parse_date("二〇二三年一二月三一日") == dt.date(2023, 12, 31)
    assert small_number("一五") == 15

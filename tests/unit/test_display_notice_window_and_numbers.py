"""What a resident reads first: a 公示's window on the build date, the forms of a proposal's number
the search finds, a phone link (disclosure/display.py).

Ground truth: docs/content-model.md ("A 公示's window: the page shows `from`–`until` and, as of the
build date, 尚未开始, "还有 N 天截止", 今天截止 or 公示已结束"; `from` is the first day of the
objection window, `until` its last); docs/search.md (a proposal is found by its number `2023-0110`,
as pages print it `2023年第0110号`, and without its zeros as news reports write it `第110号`);
docs/staff-guide.md (phones as typed: 021-63182210, 0571-8765432 转 123, 021-63182210-8001).
"""
import datetime as dt
from types import SimpleNamespace as NS

import pytest

from disclosure import display

OPENS, UNTIL = dt.date(2026, 11, 20), dt.date(2026, 11, 27)
WINDOW = NS(opens=OPENS, until=UNTIL)


@pytest.mark.parametrize("today, shown", [
    (dt.date(2026, 11, 19), "尚未开始（2026年11月20日开始）"),     # the day before `from`
    (dt.date(2026, 10, 1), "尚未开始（2026年11月20日开始）"),
    (OPENS, "还有 7 天截止（截至2026年11月20日）"),                 # `from` is the window's first day
    (dt.date(2026, 11, 26), "还有 1 天截止（截至2026年11月26日）"),
    (UNTIL, "今天截止"),                                           # `until` is its last day
    (dt.date(2026, 11, 28), "公示已结束"),                         # the day after
    (dt.date(2027, 1, 1), "公示已结束"),
])
def test_a_notice_window_on_each_day_around_it(today, shown):
    assert display.window_text(WINDOW, today) == shown


def test_a_window_without_an_end_says_only_that_it_has_not_begun():
    open_ended = NS(opens=OPENS, until=None)
    assert display.window_text(open_ended, dt.date(2026, 11, 19)) == "尚未开始（2026年11月20日开始）"
    assert display.window_text(open_ended, OPENS) == ""
    assert display.window_text(open_ended, dt.date(2026, 12, 1)) == ""


def test_a_window_without_a_start_counts_down_to_its_end():
    no_start = NS(opens=None, until=UNTIL)
    assert display.window_text(no_start, dt.date(2026, 11, 1)) == "还有 26 天截止（截至2026年11月1日）"
    assert display.window_text(no_start, dt.date(2026, 11, 28)) == "公示已结束"


def proposal(number, year=2023):
    return NS(id=f"{year}-{number}" if number else f"{year}-legacy-1", year=year, number=number,
              file_key=number or "legacy-1")


def test_a_number_with_leading_zeros_is_found_as_printed_and_as_news_write_it():
    assert display.numbers_searched(proposal("0110")) == "2023-0110、2023年第0110号、第110号"
    assert display.numbers_searched(proposal("0002", 2026)) == "2026-0002、2026年第0002号、第2号"


def test_a_number_without_leading_zeros_has_no_third_form():
    assert display.numbers_searched(proposal("2017009", 2017)) == "2017-2017009、2017年第2017009号"
    assert display.numbers_searched(proposal("110")) == "2023-110、2023年第110号"


def test_a_number_with_letters_is_not_read_as_a_number():
    assert display.numbers_searched(proposal("0110A")) == "2023-0110A、2023年第0110A号"


def test_a_proposal_without_a_number_is_found_by_its_id_alone():
    assert display.numbers_searched(proposal("")) == "2023-legacy-1"


@pytest.mark.parametrize("printed, uri", [
    ("021-63182210", "tel:02163182210"),
    ("0571-8765432 转 123", "tel:05718765432"),
    ("0571-8765432-123", "tel:05718765432"),       # a 7-digit number's extension
    ("021-63182210－8001", "tel:02163182210"),     # a full-width hyphen before the extension
    ("021-63182210-12345", "tel:02163182210"),     # five digits are still an extension
    ("13812345678", "tel:13812345678"),
    (" 021-63182210 ", "tel:02163182210"),
])
def test_a_phone_as_staff_type_it_dials_the_main_line(printed, uri):
    assert display.tel_uri(printed) == uri


@pytest.mark.parametrize("n, shown", [
    (1023 * 1024, "1023 KB"),             # the largest whole KB under 1 MB: 1 KB is 1024 bytes
    (1_101_110, "1.1 MB"),                # 1.0501 MB (1 MB = 1024 × 1024 bytes) rounds up
    (1_100_000, "1.0 MB"),                # 1.0490 MB rounds down
])
def test_file_sizes_are_counted_in_1024s(n, shown):
    assert display.file_size(n) == shown

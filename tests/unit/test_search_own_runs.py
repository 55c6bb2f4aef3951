"""The ASCII runs of a bundle's own fields (plugins/search/own_runs.py), which the search
page uses to rule out own-field hits in older years and to find the year of a proposal
number (docs/search.md)."""
from disclosure.search_records import Record
from search.own_runs import field_runs, own_runs


def record(fields, keys):
    return Record(url="x/", kind="proposal", fields=fields, keys=keys)


def test_only_own_fields_count_folded_to_half_width_lower_case_and_without_spaces():
    records = [record(["关于ＰＭ２．５监测的建议", "2024-0031", "空气、LEED v4.1", "张三", "正文说 CO2 和 WiFi"], keys=3),
               record(["（第57号提案）答复", "提复〔2024〕12号", "正文 ESG"], keys=2)]
    # ＰＭ２．５ → pm2.5; "LEED v4.1" → leedv4.1; （第57号提案） → "(", "57", ")"; 〔〕 are not ASCII;
    # 2024 lies inside 2024-0031 and is left out; nothing from the fields after the own ones.
    assert own_runs(records) == ["(", ")", "12", "2024-0031", "57", "leedv4.1", "pm2.5"]
    assert field_runs("LEED v4.1 认证 PM2.5") == ["leedv4.1", "pm2.5"]


def test_numbers_of_one_prefix_and_width_are_written_as_ranges():
    records = [record(["关于碳排放的建议", f"2023-{n:04d}", ""], keys=3) for n in (1, 2, 3, 7, 9, 10)]
    records.append(record(["（第3期）工作动态"], keys=1))  # 3 lies inside 2023-0003
    assert own_runs(records) == ["(", ")", ["2023-", "0001", "0003"], "2023-0007", ["2023-", "0009", "0010"]]


def test_a_bundle_of_chinese_titles_holds_no_runs_but_its_numbers():
    assert own_runs([record(["关于碳排放的建议", "2023-0012", "低碳"], keys=3)]) == ["2023-0012"]

"""The ASCII characters and pairs of a bundle's own fields (plugins/search/own_ascii.py), which
the search page uses to rule out own-field hits in older years and to find the years that can
hold a proposal number as their own (docs/search.md)."""
from disclosure.search_records import Record
from search.own_ascii import field_runs, own_ascii


def record(fields, keys):
    return Record(url="x/", kind="proposal", fields=fields, keys=keys)


def test_only_own_fields_count_folded_to_half_width_lower_case_and_without_spaces():
    records = [record(["关于ＰＭ２．５监测的建议", "2024-0031", "空气、LEED v4", "张三", "正文说 CO2 和 WiFi"], keys=3),
               record(["（第57号提案）答复", "提复〔2024〕12号", "正文 ESG"], keys=2)]
    # ＰＭ２．５ → pm2.5; "LEED v4" → leedv4; （第57号提案） → "(", "57", ")"; 〔〕 are not ASCII;
    # nothing from the fields after the own ones (co2, wifi, esg).
    assert field_runs("LEED v4.1 认证 PM2.5") == ["leedv4.1", "pm2.5"]
    chars, pairs = own_ascii(records)
    assert chars == "".join(sorted(set("pm2.5" "2024-0031" "leedv4" "()57" "12")))
    assert sorted(pairs[i:i + 2] for i in range(0, len(pairs), 2)) == sorted(
        {"pm", "m2", "2.", ".5", "20", "02", "24", "4-", "-0", "00", "03", "31", "le", "ee", "ed", "dv", "v4", "57", "12"})


def test_a_proposal_numbers_pair_of_year_and_dash_tells_the_years_apart():
    chars, pairs = own_ascii([record(["关于碳排放的建议", "2023-0012", "低碳"], keys=3)])
    assert chars == "-0123" and "3-" in [pairs[i:i + 2] for i in range(0, len(pairs), 2)]
    chars, pairs = own_ascii([record(["关于碳排放的建议", "2024-0012", "低碳"], keys=3)])
    assert "3-" not in [pairs[i:i + 2] for i in range(0, len(pairs), 2)]

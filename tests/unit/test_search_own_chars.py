"""The ASCII characters of a bundle's own fields (plugins/search/own_chars.py), which the
search page uses to rule out own-field hits in older years (docs/search.md)."""
from disclosure.search_records import Record
from search.own_chars import own_chars


def record(fields, keys):
    return Record(url="x/", kind="proposal", fields=fields, keys=keys)


def test_only_own_fields_count_folded_to_half_width_and_lower_case():
    records = [record(["关于ＰＭ２．５监测的建议", "2024-0031", "空气、LEED", "张三", "正文说 CO2 和 WiFi"], keys=3),
               record(["（第57号提案）答复", "提复〔2024〕12号", "正文 ESG"], keys=2)]
    # title ＰＭ２．５ → pm2.5; number 2024-0031; keyword leed; （） → (); 〔〕 are not ASCII.
    assert own_chars(records) == "".join(sorted(set("pm2.5" "2024-0031" "leed" "()57" "12")))


def test_a_bundle_of_chinese_titles_holds_no_letters():
    assert own_chars([record(["关于碳排放的建议", "2023-0012", "低碳"], keys=3)]) == "-0123"

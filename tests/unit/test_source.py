"""Reading files: YAML that keeps what staff typed, encodings, broken front matter."""
from pathlib import Path

from disclosure.source import load_yaml, read_source, read_text_document


def test_numbers_with_leading_zeros_stay_text():
    data, _ = load_yaml("number: 0110\nother: 0o17\nyear: 2023\nplain: 2017009\n")
    assert data == {"number": "0110", "other": "0o17", "year": 2023, "plain": 2017009}


def test_dates_stay_text_so_impossible_dates_get_a_clear_message():
    data, _ = load_yaml("submitted: 2023-02-30\n")
    assert data == {"submitted": "2023-02-30"}


def test_key_lines_are_file_lines():
    src = read_text_document("p.md", "---\nnumber: '1'\ntitle: x\n---\nbody\n")
    assert src.key_lines == {"number": 2, "title": 3}
    assert src.body.strip() == "body"


def test_duplicate_key_is_reported_with_its_line():
    src = read_text_document("p.md", "---\ntitle: a\ntitle: b\n---\n")
    [problem] = src.problems
    assert (problem.key, problem.line) == ("title", 3)
    assert "同一个键写了两次" in problem.zh and "written twice" in problem.en


def test_gbk_file_is_named(tmp_path: Path):
    f = tmp_path / "p.md"
    f.write_bytes("---\ntitle: 关于低碳社区的建议\n---\n".encode("gbk"))
    [problem] = read_source(tmp_path, f).problems
    assert "不是 UTF-8" in problem.zh and "GBK" in problem.zh
    assert "not UTF-8" in problem.en


def test_utf8_bom_is_accepted(tmp_path: Path):
    f = tmp_path / "p.md"
    f.write_bytes("\ufeff---\ntitle: 好\n---\n正文".encode("utf-8"))
    src = read_source(tmp_path, f)
    assert not src.problems and src.meta == {"title": "好"}


def test_windows_line_endings(tmp_path: Path):
    f = tmp_path / "p.md"
    f.write_bytes("---\r\ntitle: 好\r\n---\r\n正文\r\n".encode("utf-8"))
    src = read_source(tmp_path, f)
    assert src.meta == {"title": "好"} and src.body.strip() == "正文"


# ---------------------------------------------------------------- full-width punctuation


def test_full_width_punctuation_is_read_where_unambiguous():
    src = read_text_document("p.md", "---\ncategory：社会事业\nlead_units：【区教育局，区民政局】\n"
                                     "title: 关于：建议\nfeedback：\n  - {date：2026-05-10，satisfaction：满意}\n"
                                     "summary: |\n  注：原文\n提案号：0001\n---\n")
    assert not src.problems
    assert src.meta == {"category": "社会事业", "lead_units": ["区教育局，区民政局"], "title": "关于：建议",
                        "feedback": [{"date": "2026-05-10", "satisfaction": "满意"}], "summary": "注：原文\n",
                        "提案号": "0001"}
    assert src.key_lines["提案号"] == 9  # lines are those staff see


def test_a_full_width_slip_yaml_cannot_read_is_one_error_naming_the_character():
    src = read_text_document("p.md", "---\ntitle: 关于建议\nfeedback:\n  - {date: 2026-05-10，满意度: 满意}\nyear: 2026\n---\n")
    [problem] = src.problems
    assert problem.format() == (
        "p.md:4 「，」 错误：元数据（YAML）格式有误：全角字符「，」应改为半角「,」（英文输入法）。\n"
        "  error: The front matter is not valid YAML: the full-width character '，' must be the ASCII ',' "
        "(type it with the English input method).")


def test_a_yaml_error_not_caused_by_full_width_punctuation_is_not_blamed_on_it():
    [problem] = read_text_document("p.md", "---\ntitle：关于: 建议\n---\n").problems
    assert problem.line == 2 and "全角" not in problem.zh
    assert "这里不能再有“键: 值”（值里有“: ”时，请给整个值加引号）" in problem.zh
    assert "mapping values are not allowed" in problem.en and "这里" not in problem.en


def test_full_width_colon_and_space_after_a_key_are_read_as_meant():
    """Typed with a Chinese input method (read by hand): the key's colon, or a full-width space after it."""
    from disclosure.fullwidth import normalise

    assert normalise("category：社会事业\nunit:\u3000区教育局\ntitle: 关于“低碳”社区\u3000建设") == \
        "category: 社会事业\nunit: 区教育局\ntitle: 关于“低碳”社区\u3000建设"

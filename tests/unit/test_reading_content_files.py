"""Reading one content file (disclosure/source.py): what is kept parsed on disk, and every way a file
can fail to be read, each an error naming the file (and its line where there is one).

Ground truth: docs/content-model.md "What the site reads (bounded input)" (at most 2 MB, no YAML
anchors or aliases, at most 20 levels of nesting), "Additions in Gongkai" (UTF-8, control
characters), docs/quality.md "Disclosure in every output" (the build cache beside the output keeps
parsed front matter only of entries public in full: a withheld entry's front matter holds its
summary) and the staff guide's messages. Files are written as staff save them.
"""
import pickle

import pytest

from disclosure import source
from disclosure.source import load_yaml, read_old_version, read_source, read_text_document, read_yaml_file
from gongkai_build.stores import ParsedStore

SECRET = "不予公开的摘要文字"


class Store:
    """The build's ParsedStore as source.py sees it: recall and keep."""

    def __init__(self):
        self.kept = {}

    def recall(self, key):
        return self.kept.get(key)

    def keep(self, key, value):
        self.kept[key] = value


def entry(disclosure_line: str) -> str:
    return f"---\nnumber: '0001'\ntitle: 关于增设社区食堂的建议\n{disclosure_line}summary: {SECRET}\n---\n\n正文。\n"


# Only an entry public in full is kept parsed ---------------------------------------------------

@pytest.mark.parametrize("line, kept", [
    ("", True),  # no disclosure: full, the default
    ("disclosure: full\n", True),
    ("公开属性: 全文公开\n", True),
    ("公开属性: 主动公开\n", True),
    ("disclosure: summary\n", False),
    ("disclosure: withheld\n", False),
    ("公开属性: 不予公开\n", False),
    ("公开属性: 依申请公开\n", False),
    ("公开属性: 摘要公开\n", False),
    ("公开属性\u3000: 不公开\n", False),  # a full-width space typed before the colon
    ("disclosure: 不存在的级别\n", False),  # an unknown level (an error) is not taken for full
    ("disclosure: full\n公开属性: withheld\n", False),  # every spelling must say full
])
def test_only_front_matter_of_an_entry_public_in_full_is_kept(line, kept):
    store = Store()
    src = read_text_document("proposals/2026/0001.md", entry(line), store)
    assert src.meta["summary"] == SECRET  # this build reads it either way
    assert bool(store.kept) is kept
    assert (SECRET in repr(store.kept)) is kept


def test_a_kept_entry_is_read_back_with_its_problems_and_lines():
    store = Store()
    text = "---\nnumber: '0001'\ntitle: \"有\\e控制字符\"\n---\n正文\n"
    first = read_text_document("p.md", "---\nnumber: '0001'\ntitle: 关于\n---\n正文\n", store)
    again = read_text_document("p.md", "---\nnumber: '0001'\ntitle: 关于\n---\n正文\n", store)
    assert again.meta == first.meta == {"number": "0001", "title": "关于"}
    assert again.key_lines == {"number": 2, "title": 3} and again.parsed_key == first.parsed_key != ""
    bad = [read_text_document("p.md", text, store).problems for _ in range(2)]
    assert bad[0] == bad[1] and bad[0][0].line == 3  # the problem comes back from the store, once
    assert len(bad[1]) == 1


def test_the_same_front_matter_in_another_file_is_its_own_entry():
    store = Store()
    text = "---\ntitle: 关于\n---\n"
    a = read_text_document("a.md", text, store)
    b = read_text_document("b.md", text, store)
    assert a.parsed_key != b.parsed_key and len(store.kept) == 2


def test_the_build_cache_file_never_holds_a_withheld_summary(tmp_path):
    store = ParsedStore(tmp_path / "parsed.pickle")
    read_text_document("proposals/2026/0001.md", entry("disclosure: withheld\n"), store)
    read_text_document("proposals/2026/0002.md", entry("disclosure: full\n").replace(SECRET, "公开的摘要"), store)
    store.save()
    data = (tmp_path / "parsed.pickle").read_bytes()
    assert "公开的摘要".encode() in data or "公开的摘要" in repr(pickle.loads(data))
    assert SECRET.encode() not in data and SECRET not in repr(pickle.loads(data))


def test_site_yaml_is_kept_parsed_and_read_back(tmp_path):
    (tmp_path / "site.yaml").write_text("body: 政协测试区委员会\nreply_days: 90\n", encoding="utf-8")
    store = Store()
    first = read_yaml_file(tmp_path, tmp_path / "site.yaml", store)
    again = read_yaml_file(tmp_path, tmp_path / "site.yaml", store)
    assert first.meta == again.meta == {"body": "政协测试区委员会", "reply_days": 90}
    assert again.key_lines == {"body": 1, "reply_days": 2} and len(store.kept) == 1


def test_an_earlier_version_is_never_kept(tmp_path):
    src = read_old_version("p.md", entry("").encode("utf-8"))
    assert src.meta["summary"] == SECRET and src.parsed_key == ""
    assert src.key_lines["title"] == 3 and src.body.strip() == "正文。"


def test_an_earlier_version_that_cannot_be_read_says_why():
    assert [p.zh for p in read_old_version("p.md", "只有正文".encode()).problems] == ["元数据块缺失。"]
    assert "不是 UTF-8" in read_old_version("p.md", "---\ntitle: 好\n---\n".encode("gbk")).problems[0].zh


# Bytes that are not a text file ----------------------------------------------------------------

def one(problems):
    [p] = problems
    return p


def test_a_nul_byte_is_not_text():
    p = one(source.source_of("p.md", b"---\ntitle: a\x00b\n---\n").problems)
    assert p.zh == "文件含有空字符（NUL），不是文本文件。" and p.path == "p.md"


def test_a_control_character_is_named_by_its_code_and_line():
    p = one(source.source_of("p.md", "---\ntitle: 好\n---\n\n正文\x1b[0m\n".encode()).problems)
    assert (p.line, p.path) == (5, "p.md") and "U+001B" in p.zh and "U+001B" in p.en


def test_a_control_character_written_as_a_yaml_escape_is_named_by_its_key_and_line():
    p = one(read_text_document("p.md", '---\nnumber: "1"\ntitle: "关于\\e建议"\n---\n').problems)
    assert (p.key, p.line) == ("title", 3) and "U+001B" in p.zh


def test_a_control_character_in_a_nested_value_or_key_is_found():
    p = one(read_text_document("p.md", '---\nfeedback:\n  - {date: 2026-05-01, note: "a\\x07b"}\n---\n').problems)
    assert (p.key, p.line) == ("feedback", 2) and "U+0007" in p.zh
    p = one(read_text_document("p.md", '---\nevents:\n  - {"da\\x7fte": 2026-05-01}\n---\n').problems)
    assert p.key == "events" and "U+007F" in p.zh


def test_old_mac_line_endings_are_lines():
    src = source.source_of("p.md", "---\rtitle: 好\rnumber: '1'\r---\r正文\r".encode())
    assert src.meta == {"title": "好", "number": "1"} and src.key_lines == {"title": 2, "number": 3}
    assert src.body == "正文\n"


@pytest.mark.parametrize("data, named", [
    (b"---\ntitle: \xff\xfe\xff\n---\n", "未知 / unknown"),
    ("---\ntitle: 好\n---\n".encode("utf-16"), "UTF-16"),
    ("---\ntitle: 关于低碳社区的建议\n---\n".encode("gbk"), "GBK/GB18030"),
])
def test_a_file_that_is_not_utf8_names_its_likely_encoding(data, named):
    p = one(source.source_of("p.md", data).problems)
    assert f"看起来是 {named}" in p.zh and f"it looks like {named}" in p.en


def test_the_line_of_the_first_byte_that_is_not_utf8_is_given():
    p = one(source.source_of("p.md", b"---\ntitle: ok\n" + "标题: 好".encode("gbk") + b"\n---\n").problems)
    assert p.line == 3


def test_the_digest_is_of_the_files_bytes():
    import hashlib
    data = "---\ntitle: 好\n---\n".encode()
    assert source.source_of("p.md", data).digest == hashlib.sha1(data).hexdigest()
    assert source.source_of("p.md", data, digest="given").digest == "given"


# Files that are too big, or not files ----------------------------------------------------------

def test_a_content_file_over_2_mb_is_not_read(tmp_path):
    (tmp_path / "proposals").mkdir()
    exact, over = tmp_path / "proposals/exact.md", tmp_path / "proposals/over.md"
    head = "---\ntitle: 好\n---\n".encode()
    exact.write_bytes(head + b"a" * (2 * 1024 * 1024 - len(head)))
    over.write_bytes(head + b"a" * (2 * 1024 * 1024 - len(head) + 1))
    assert read_source(tmp_path, exact).problems == [] and read_source(tmp_path, exact).meta == {"title": "好"}
    p = one(read_source(tmp_path, over).problems)
    assert p.path == "proposals/over.md" and "文件超过 2 MB" in p.zh


def test_a_folder_named_like_an_entry_cannot_be_read(tmp_path):
    (tmp_path / "0001.md").mkdir()
    p = one(read_source(tmp_path, tmp_path / "0001.md").problems)
    assert p.path == "0001.md" and p.zh.startswith("无法读取文件：") and p.en.startswith("Cannot read the file: ")


def test_a_path_given_as_text_is_named_relative_to_the_content_folder(tmp_path):
    (tmp_path / "proposals/2026").mkdir(parents=True)
    (tmp_path / "proposals/2026/0001.md").write_text("---\ntitle: 好\n---\n", encoding="utf-8")
    assert read_source(tmp_path, str(tmp_path / "proposals/2026/0001.md")).path == "proposals/2026/0001.md"


def test_site_yaml_over_2_mb_or_not_utf8_is_an_error(tmp_path):
    (tmp_path / "site.yaml").write_bytes(b"body: x\n" + b"#" * (2 * 1024 * 1024))
    p = one(read_yaml_file(tmp_path, tmp_path / "site.yaml").problems)
    assert p.path == "site.yaml" and "文件超过 2 MB" in p.zh
    (tmp_path / "site.yaml").write_bytes("body: 政协测试区委员会\n".encode("gbk"))
    p = one(read_yaml_file(tmp_path, tmp_path / "site.yaml").problems)
    assert p.path == "site.yaml" and "不是 UTF-8" in p.zh


# Front matter that is missing, empty or not a mapping -------------------------------------------

def test_an_empty_file_or_one_of_blank_lines():
    for text in ("", "\n\n  \n"):
        p = one(read_text_document("p.md", text).problems)
        assert p.zh.startswith("文件是空的") and p.line is None


def test_a_file_without_front_matter_and_one_not_closed():
    p = one(read_text_document("p.md", "正文。\n").problems)
    assert p.line == 1 and p.zh.startswith("文件开头缺少元数据块")
    p = one(read_text_document("p.md", "\n---\ntitle: 好\n").problems)
    assert p.line == 1 and p.zh == "元数据块没有结束：缺少第二行 ---。"


def test_front_matter_may_end_with_three_dots_and_the_body_starts_after_it():
    src = read_text_document("p.md", "---\ntitle: 好\n...\n\n正文第一行\n")
    assert src.meta == {"title": "好"} and src.body == "\n正文第一行\n" and src.body_line == 4


def test_the_body_line_is_the_first_line_after_the_front_matter():
    src = read_text_document("p.md", "---  \ntitle: 好\nnumber: '1'\n---\t\n正文\n")
    assert src.body_line == 5 and src.body == "正文\n"


def test_an_empty_front_matter_block():
    p = one(read_text_document("p.md", "---\n\n---\n正文\n").problems)
    assert (p.zh, p.line) == ("元数据块是空的。", 1)


def test_front_matter_that_is_a_list_is_an_error_showing_its_start():
    p = one(read_text_document("p.md", "---\n- 标题\n- 日期\n---\n").problems)
    assert p.zh == "元数据必须是“键: 值”的形式，每行一个。" and p.line == 2 and p.value == "['标题', '日期']"
    long = "关于" * 30
    p = one(read_text_document("p.md", f"---\n{long}\n---\n").problems)
    assert p.value == long[:37] + "…" and len(p.value) == 38


# YAML that could not be read in bounded time ----------------------------------------------------

def test_an_anchor_or_an_alias_is_an_error_on_its_line():
    p = one(read_text_document("p.md", "---\ntitle: 好\nlead_units: &units [区发改委]\nco_units: *units\n---\n").problems)
    assert p.line == 3 and p.zh.startswith("元数据不能使用 YAML 的锚点和别名")
    p = one(read_text_document("p.md", "---\ntitle: 好\nco_units: *units\n---\n").problems)
    assert p.line == 3


def test_quoted_ampersands_and_stars_are_text():
    src = read_text_document("p.md", '---\ntitle: "A&B*C"\n---\n')
    assert src.problems == [] and src.meta == {"title": "A&B*C"}


def nested(levels):
    """A value nested `levels` deep under the front matter's own mapping (one level itself)."""
    return "[" * (levels - 1) + "1" + "]" * (levels - 1)


def test_twenty_levels_of_nesting_are_read_and_twenty_one_are_not():
    # Long enough (a comment of 1000 characters) to be scanned level by level whatever its brackets.
    comment = "# " + "注" * 1000 + "\n"
    ok = read_text_document("p.md", f"---\n{comment}x: {nested(20)}\n---\n")
    assert ok.problems == [] and ok.meta["x"] == eval(nested(20))
    p = one(read_text_document("p.md", f"---\n{comment}x: {nested(21)}\n---\n").problems)
    assert p.line == 3 and p.zh == "列表和键值嵌套超过 20 层，无法读取。"


def test_more_than_twenty_brackets_are_scanned_in_a_short_file():
    p = one(read_text_document("p.md", f"---\nx: {nested(22)}\n---\n").problems)
    assert p.line == 2 and "嵌套超过 20 层" in p.zh


def test_deep_nesting_in_block_style_is_found_in_a_long_file():
    lines = ["x:"] + ["  " * i + "- " for i in range(1, 22)]
    text = "\n".join(lines[:-1]) + "\n" + "  " * 21 + "- 1\n"
    p = one(read_text_document("p.md", "---\n" + "# 注释" * 200 + "\n" + text + "---\n").problems)
    assert "嵌套超过 20 层" in p.zh


def test_a_long_file_without_anchors_is_read_whole():
    notes = "\n".join(f"  - {{date: 2026-05-{d:02d}, note: 说明}}" for d in range(1, 29))
    src = read_text_document("p.md", f"---\ntitle: 好\nevents:\n{notes}\n---\n")
    assert src.problems == [] and len(src.meta["events"]) == 28


def test_yaml_that_is_broken_as_well_as_unsafe_reports_the_yaml_error():
    # the YAML mistake on line 2 comes before the anchor on line 3: YAML's own message is given
    p = one(read_text_document("p.md", "---\ntitle: 关于: 建议\nx: &a 1\n---\n").problems)
    assert p.line == 2 and p.zh.startswith("元数据（YAML）格式有误")


# Where a nested key is written ----------------------------------------------------------------

def test_keys_inside_lists_have_their_own_lines_as_typed():
    _, lines = load_yaml("title: 好\ncommitments:\n  - text: 建成食堂\n    updates:\n      - date: 2026-06-15\n"
                         "        status: 推进中\n      - {日期: 2026-07-01, 状态: 已完成}\nmeta: {a: 1}\n")
    assert lines == {"title": 1, "commitments": 2, "commitments[1]": 3, "commitments[1].text": 3,
                     "commitments[1].updates": 4, "commitments[1].updates[1]": 5,
                     "commitments[1].updates[1].date": 5, "commitments[1].updates[1].status": 6,
                     "commitments[1].updates[2]": 7, "commitments[1].updates[2].日期": 7,
                     "commitments[1].updates[2].状态": 7, "meta": 8}


# YAML's own messages in Chinese -----------------------------------------------------------------
# (libyaml's words: the loader uses libyaml, which the pinned PyYAML wheel carries; pure PyYAML words
# these errors otherwise, and these tests would say so)

def test_an_unclosed_bracket_points_at_the_line_it_opened():
    p = one(read_text_document("p.md", "---\ntitle: 好\nlead_units: [区发改委, 区民政局\nyear: 2026\n---\n").problems)
    assert p.line == 3 and "方括号 [ ] 中的各项应以英文逗号分隔，并以 ] 结束" in p.zh
    p = one(read_text_document("p.md", "---\nfeedback:\n  - {date: 2026-05-01, satisfaction: 满意\nyear: 2026\n---\n").problems)
    assert p.line == 3 and "花括号 { } 中的各项应以英文逗号分隔，并以 } 结束" in p.zh


def test_a_closed_bracket_with_a_wrong_item_points_at_the_item():
    # The bracket is closed further on: the line to change is the item's, not the bracket's first.
    text = "---\ntitle: 好\nlead_units: [区发改委,\n  区民政局,\n  区卫健委 [x],\n  区教育局]\n---\n"
    p = one(read_text_document("p.md", text).problems)
    assert p.line == 5 and "方括号 [ ] 中的各项应以英文逗号分隔，并以 ] 结束" in p.zh
    text = "---\nfeedback:\n  - {date: 2026-05-01,\n     satisfaction: 满意,\n     note: 见附件: 第二页}\n---\n"
    p = one(read_text_document("p.md", text).problems)
    assert p.line == 5 and "花括号 { } 中的各项应以英文逗号分隔，并以 } 结束" in p.zh


def test_line_separators_pasted_into_a_value_do_not_stop_the_check():
    # U+2028 / U+2029 (from Word or a web page) are line breaks to YAML, not to str.split("\n").
    text = "---\ntitle: \"关于\u2028增设\u2028社区\u2029食堂\"\nproposers: @张三\n---\n"
    p = one(read_text_document("p.md", text).problems)
    assert "值不能以这个字符开头（如 @、`），请给整个值加引号" in p.zh


def test_an_unclosed_quote_points_at_the_line_it_opened():
    # As docs/staff-guide.md's mistake 7 (引号不成对), with keys after it.
    text = '---\nnumber: "0002"\nyear: 2026\ntitle: "关于增设社区食堂的建议\nproposers: [张三]\ncategory: 经济建设\n---\n'
    p = one(read_text_document("p.md", text).problems)
    assert p.line == 4 and "引号或括号没有结束（found unexpected end of stream）" in p.zh


def test_a_tab_is_named_in_chinese_with_yamls_words_beside_it():
    p = one(read_text_document("p.md", "---\ntitle: 好\nfeedback:\n\t- date: 2026-05-01\n---\n").problems)
    assert p.line == 4
    assert "含有制表符（Tab），请改用空格缩进（found character that cannot start any token）" in p.zh
    assert "常见原因：冒号后缺少空格、缩进不一致、引号不成对" in p.zh
    assert "found character that cannot start any token" in p.en and "制表符" not in p.en
    p = one(read_text_document("p.md", "---\nfeedback:\n  date: 2026-05-01\n\tnote: 好\n---\n").problems)
    assert "含有制表符（Tab），请改用空格缩进（found a tab character that violates indentation）" in p.zh


def test_a_value_starting_with_a_character_yaml_reserves_is_named_in_chinese():
    p = one(read_text_document("p.md", "---\nnumber: '1'\nproposers: @张三\n---\n").problems)
    assert p.line == 3 and "制表符" not in p.zh
    assert "值不能以这个字符开头（如 @、`），请给整个值加引号（found character that cannot start any token）" in p.zh

"""What `check` warns about in a body (disclosure/body_check.py), body by body.

From docs/content-model.md (the end of "The body") and the staff guide's messages 97-99: an empty
body (an error for a reply that is not withheld, a warning for other entries published in full),
raw HTML tags the sanitiser drops, links to javascript:/vbscript:/data: addresses, lines that look
like front matter pasted into the body, and a body with so many "[" that it would stall the build;
each named with file:line. Code (fenced or in backticks) is never warned about.
"""
from disclosure.body_check import MAX_BRACKETS, body_problems
from disclosure.kinds import standard_kinds
from disclosure.model import Proposal, Response
from disclosure.source import SourceFile

KINDS = standard_kinds()
PATH = "responses/2026/0001-fgw.md"
FIRST = 9  # the body's first line in the file


def problems(body, kind="response", **entry):
    src = SourceFile(PATH, body=body, body_line=FIRST)
    make = Response if kind == "response" else Proposal
    return body_problems(KINDS.named(kind), make(path=PATH, **entry), src, KINDS.keys)


def lines(body, **kw):
    return [(p.line, p.severity) for p in problems(body, **kw)]


def test_an_empty_reply_message_names_the_reply_and_how_to_withhold_it():
    [p] = problems("")
    assert p.is_error and p.line == FIRST and p.key == "正文"
    assert p.zh == "答复正文是空的：请把答复全文粘贴在第二个 --- 之后（不公开的答复请写 disclosure: withheld）。"
    assert p.en == ("The reply has no text: paste the full reply below the second --- "
                    "(for a reply that is not published, set disclosure: withheld).")


def test_an_empty_proposal_is_a_warning_only_when_published_in_full():
    [p] = problems("", kind="proposal")
    assert not p.is_error and p.zh == "正文是空的，页面上只会显示标题和基本信息。"
    assert p.en == "The body is empty; the page will show only the title and the facts."
    assert (p.line, p.value, p.key) == (FIRST, "", "正文")
    assert problems("", kind="proposal", disclosure="summary") == []
    assert problems("", kind="proposal", disclosure="withheld") == []


def test_a_body_with_text_beside_a_comment_is_not_empty():
    assert problems("<!-- 在这里粘贴答复全文 -->\n答复正文。\n") == []
    assert problems("答复正文。<!-- 备注 -->\n") == []


def test_a_comment_hides_a_tag_and_keeps_the_line_numbers_after_it():
    body = "<!-- 第一行\n<font>第二行</font>\n-->\n正文。\n<center>居中</center>\n"
    assert lines(body) == [(FIRST + 4, "warning")]


def test_brackets_up_to_the_limit_are_accepted_and_one_more_is_an_error():
    assert problems("[" * MAX_BRACKETS) == []
    [p] = problems("正文。<font>" + "[" * (MAX_BRACKETS + 1))
    assert p.is_error and p.line == FIRST and f"{MAX_BRACKETS + 1} 个方括号" in p.zh and f"最多 {MAX_BRACKETS} 个" in p.zh


def test_tags_are_compared_without_case_and_each_dropped_tag_named_once():
    [p] = problems("<B>加粗</B><FONT>红</FONT><font>字</font><center>居中</center>\n")
    assert p.zh.startswith("网页不显示这些 HTML 标签（只保留其中的文字）：FONT、center、font。")
    assert p.en.startswith("These HTML tags are dropped (their text stays): FONT, center, font.")


def test_a_less_than_sign_in_text_is_no_tag():
    assert problems("指标 a<b 且 1<2，<未知>。\n") == []


def test_a_self_closing_tag_is_a_tag():
    assert [p.value for p in problems("正文<wbr/>。\n")] == ["正文<wbr/>。"]


def test_the_value_shown_is_the_line_cut_to_sixty_characters():
    line = "<font>" + "字" * 80 + "</font>"
    [p] = problems("  " + line + "  \n")
    assert p.value == line[:60]


def test_script_and_data_links_are_named():
    for link in ('<a href="javascript:alert(1)">链接</a>', "<a href='vbscript:x'>链接</a>",
                 '<img src = "data:image/png;base64,AAAA">', '<a HREF=" JavaScript:void(0)">链接</a>',
                 "[链接](x)<a href=javascript:x>y</a>"):
        found = problems("正文。\n" + link + "\n")
        assert [p.line for p in found] == [FIRST + 1], link
        assert found[0].zh == "这个链接地址不安全，网页上会去掉链接，只显示文字。", link
        # check prints the English line below the Chinese one, as for every message.
        assert found[0].en == "This link's address is not allowed; the page shows its text without the link.", link


def test_an_ordinary_link_is_not_named():
    assert problems('<a href="https://example.org/">网站</a>\n[网站](https://example.org/?a=b:c)\n') == []


def test_nothing_inside_fenced_code_is_named():
    body = ("~~~\n<font>x</font>\n```\n<center>仍在代码中</center>\n~~~\n"
            "````\n<font>\n```\n<font>\n````\n"
            "   ```\n<font>\n   ```\n"
            "<font>代码之后</font>\n")
    assert lines(body) == [(FIRST + 13, "warning")]


def test_a_fence_indented_four_spaces_is_no_fence():
    assert lines("    ```\n<font>x</font>\n") == [(FIRST + 1, "warning")]


def test_front_matter_pasted_with_chinese_keys_is_named_at_its_dashes():
    found = problems("答复正文。\n---\n答复单位: 区发改委\n---\n")
    assert [p.line for p in found] == [FIRST + 1]
    assert found[0].value == "---" and found[0].zh.startswith("正文里有像文件头（front matter）的内容")


def test_a_rule_followed_by_text_is_not_front_matter():
    assert problems("答复正文。\n---\n联系人：未知\n") == []
    assert problems("答复正文。\n----\n\n正文继续: 未知\n") == []


def test_one_english_key_line_in_the_middle_is_not_front_matter_and_two_are():
    assert problems("答复正文。\nunit: fgw\n答复正文。\n") == []
    found = problems("答复正文。\n\nunit: fgw\nrole: lead\n")
    assert [p.line for p in found] == [FIRST + 2]


def test_an_english_key_line_after_blank_lines_at_the_top_is_named():
    assert [p.line for p in problems("\n\nunit: fgw\n\n答复正文。\n")] == [FIRST + 2]


def test_a_word_that_is_not_a_key_is_not_front_matter():
    assert problems("Note: 未知\nTips: 未知\n") == []


def test_only_the_first_pasted_block_is_named():
    found = problems("unit: fgw\nrole: lead\n\n答复正文。\n---\nproposal: 2026-0001\n---\n")
    assert [p.line for p in found] == [FIRST]


def test_a_key_line_inside_code_is_not_named():
    assert problems("```\nunit: fgw\nrole: lead\n```\n答复正文。\n") == []
    assert problems("`unit: fgw`\n答复正文。\n") == []


def test_the_bracket_error_names_the_count_and_the_limit_in_both_languages():
    [p] = problems("[" * (MAX_BRACKETS + 5))
    assert p.value == "" and p.zh == (f"正文中有 {MAX_BRACKETS + 5} 个方括号“[”，最多 {MAX_BRACKETS} 个：过多会让网站生成几乎停住。"
                                      "请检查是否误粘贴了程序数据或乱码。")
    assert p.en == (f"The body has {MAX_BRACKETS + 5} '[' characters, at most {MAX_BRACKETS} are allowed: more would "
                    "stall the build. Check for pasted program data or garbled text.")


def test_only_the_empty_reply_error_is_left_for_staff_to_fill_in():
    # `build.py new response` writes a reply without text; that one error is expected, no other.
    from disclosure.body_check import is_empty_body
    from disclosure.problems import ERROR, Problem

    [empty] = problems("")
    [tag] = problems("<font>红字</font>\n")
    assert is_empty_body(empty) and not is_empty_body(tag)
    assert not is_empty_body(Problem(PATH, "未知", "unknown", key="unit", severity=ERROR))

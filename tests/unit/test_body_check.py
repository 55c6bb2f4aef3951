"""`check` on bodies (disclosure/body_check.py): what will not show as written, with file:line."""
from conftest import BUILD_DATE, assigned_proposal, proposal, response
from disclosure.site import load_site

REPLY = "responses/2026/0001-fgw.md"


def body_problems(make_content, body, **fields):
    report = load_site(make_content([assigned_proposal(), response(body=body, **fields)]), today=BUILD_DATE).report
    return [p for p in report.problems if p.path == REPLY]




def test_a_letter_as_pasted_has_no_body_problems(make_content):
    body = ("张三委员：\n　　答复正文，见 <https://example.org/a> 或来信 <office@example.org>。<br>\n"
            "    网页缩进的段落，1 < 2。\n<table><tr><td>允许的表格</td></tr></table>\n"
            "测试区发展和改革委员会\n2026年4月1日\n联系人：未知\n")
    assert body_problems(make_content, body) == []


def test_raw_html_that_will_be_dropped_is_named_with_its_line(make_content):
    body = ("第一段。\n\n<p class=MsoNormal><span style='font-size:16pt'>正文<o:p></o:p></span></p>\n\n"
            "<font color=red>红字</font>\n\n`<font>` 在代码里不算\n\n```\n<center>代码块</center>\n```\n\n"
            '<a href="javascript:alert(1)">链接</a>\n')
    found = body_problems(make_content, body)
    # The file (conftest.response): front matter on lines 1-7, a blank line, the body from line 9.
    first = 9
    assert [(p.line, p.is_error) for p in found] == [(first + 2, False), (first + 4, False), (first + 12, False)]
    assert "o:p" in found[0].zh and "font" in found[1].zh and "font" in found[1].en
    assert "链接" in found[2].value and "不安全" in found[2].zh
    assert f"{REPLY}:{first + 2}" in found[0].format()


def test_front_matter_pasted_into_the_body_is_named(make_content):
    body = "答复正文。\n\n---\nproposal: 2026-0001\nunit: fgw\n---\n\n落款\n"
    found = body_problems(make_content, body)
    assert [p.line for p in found] == [9 + 2] and "front matter" in found[0].en
    at_top = body_problems(make_content, "unit: fgw\nrole: lead\n\n答复正文。\n")
    assert [p.line for p in at_top] == [9]


def test_contact_lines_are_not_front_matter(make_content):
    assert body_problems(make_content, "答复正文。\n联系人：未知\n联系电话：未知\n抄送：未知。\n") == []


def test_an_empty_reply_is_an_error_unless_withheld(make_content):
    for body in ("", "\n\n", "<!-- 在这里粘贴答复全文 -->\n"):
        found = body_problems(make_content, body)
        assert [p.is_error for p in found] == [True] and "答复正文是空的" in found[0].zh
    assert body_problems(make_content, "", disclosure="withheld") == []


def test_an_empty_proposal_is_a_warning(make_content):
    report = load_site(make_content([proposal(body="")]), today=BUILD_DATE).report
    assert report.ok and [p.key for p in report.warnings] == ["正文"]


def test_a_body_full_of_brackets_is_refused_before_it_can_stall_the_build(make_content):
    """Python-Markdown's link parsing is quadratic in "[": 20,000 of them took minutes to render."""
    from disclosure.site import load_site
    from conftest import proposal

    root = make_content([proposal("0001", body="[" * 20_000)])
    site = load_site(root)  # check does not render, so this returns
    [problem] = [p for p in site.report.problems if p.key == "正文" and p.is_error]
    assert "20000 个方括号" in problem.zh and problem.path == "proposals/2026/0001.md"


def _line_by_line(kind, entry, src, keys):
    """The body check as first written (before the shortcuts for bodies without "<", "=", ":", "`",
    "~"): every line outside code, every pattern tried on it. The reference the shortcuts must match."""
    import re

    from disclosure import body_check as bc
    from disclosure.render import ALLOWED_TAGS

    body, out = src.body or "", []

    def warn(i, value, zh, severity="warning"):
        out.append((src.body_line + i, value[:60], zh, severity))

    if not bc._COMMENT.sub("", body).strip():
        return None  # empty bodies: covered by the tests above
    fence, lines = None, []
    for i, line in enumerate(bc._COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body).split("\n")):
        found = bc._FENCE.match(line)
        if fence:
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence):
                fence = None
            continue
        if found:
            fence = found.group(1)
            continue
        lines.append((i, bc._CODE_SPAN.sub("", line)))
    key_line = re.compile(r"^([A-Za-z_]+|[\u4e00-\u9fff]{2,6})\s*:\s*\S")

    def key_of(line):
        m = key_line.match(line.strip())
        return m.group(1) if m and m.group(1) in keys else None

    def english(line):
        key = key_of(line)
        return key if key and key.isascii() else None

    for i, line in lines:
        if sorted({m.group(2) for m in bc._TAG.finditer(line) if m.group(2).lower() not in ALLOWED_TAGS}):
            warn(i, line.strip(), "tags")
        if bc._SCRIPT_URL.search(line):
            warn(i, line.strip(), "link")
    seen = False
    for n, (i, line) in enumerate(lines):
        following = lines[n + 1][1] if n + 1 < len(lines) else ""
        if (re.match(r"^-{3,}\s*$", line) and key_of(following)) or (english(line) and (not seen or english(following))):
            warn(i, line.strip(), "pasted")
            break
        seen = seen or bool(line.strip())
    return out


def test_the_shortcuts_find_what_a_line_by_line_check_finds():
    """Bodies made at random of the pieces each check looks for (tags, script links, key lines,
    fences, code spans, comments) and of plain Chinese text: the same problems on the same lines."""
    import random

    from disclosure.body_check import body_problems
    from disclosure.kinds import standard_kinds
    from disclosure.model import Response
    from disclosure.source import SourceFile

    kinds = standard_kinds()
    kind, keys = kinds.named("response"), kinds.keys
    pieces = ["答复正文。", "联系人：未知", " ", "    ", "\n", "\n", "\n\n", "<b>", "<font color=red>", "</font>",
              "<o:p>", "<table>", "`", "``", "<`x`font>", "```", "~~~", "````", "<!--", "-->", "---", "----  ",
              "unit: fgw", "proposal: 2026-0001", "标题: 答复", "答复单位: 区发改委", "note: x", "http://a.example",
              '<a href="javascript:alert(1)">', "src = 'data:", "=", ":", "~", "[链接](https://a.example)"]
    rng, compared = random.Random(21), 0
    for _ in range(3000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        src = SourceFile("responses/2026/0001-fgw.md", body=body, body_line=9)
        expected = _line_by_line(kind, Response(path=src.path, body=body), src, keys)
        if expected is None:
            continue
        found = [(p.line, p.value, p.zh, p.severity) for p in body_problems(kind, Response(path=src.path), src, keys)]
        labels = {"网页不显示": "tags", "这个链接": "link", "正文里有": "pasted"}
        found = [(line, value, next(v for k, v in labels.items() if zh.startswith(k)), sev)
                 for line, value, zh, sev in found]
        assert found == expected, repr(body)
        compared += 1
    assert compared > 2500

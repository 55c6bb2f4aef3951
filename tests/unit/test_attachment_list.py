"""Reading the `attachments:` (附件) list as staff type it (disclosure/attachment_fields.py).

Ground truth: docs/content-model.md "Attachments (附件), on any entry": an item is a mapping with
`file` (文件), `title` (标题) and `public` (公开: published even when the entry is withheld or
summary only), or just the path; each mistake is an error naming the file, its line and
`attachments[n].…`. The front matter is written out by hand here, so the lines are the ones a
member of staff sees in the editor.
"""
from disclosure.site import load_site
from tests.support.documents import write_pdf, write_png

HEAD = """---
number: "0001"
year: 2026
title: 关于增设社区食堂的建议
proposers: [张三]
category: 经济建设
submitted: 2026-01-10
disclosure: withheld
"""


def load(make_content, attachments_yaml, files=("a.pdf", "b.pdf", "c.png")):
    content = make_content({"proposals/2026/0001.md": HEAD + attachments_yaml + "---\n\n正文。\n"})
    for name in files:
        path = content / "proposals/2026" / name
        write_png(path) if name.endswith(".png") else write_pdf(path, [name])
    site = load_site(content)
    lines = (content / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    return site, lines


def attachment_problems(site):
    return [p for p in site.report.problems if p.key.startswith("attachments")]


def facts(site):
    return [(a.written, a.title, a.public) for a in site.proposals["2026-0001"].attachments]


def test_every_way_of_writing_public_yes_or_no(make_content):
    site, _ = load(make_content, """附件:
  - {文件: a.pdf, 公开: 是}
  - {file: b.pdf, public: "Yes"}
  - {file: c.png, public: "TRUE"}
  - {file: a.pdf, public: 公开}
  - {file: b.pdf, public: 否}
  - {file: c.png, public: 不公开}
  - {file: a.pdf, public: "no"}
  - {file: b.pdf, public: "False"}
  - {file: c.png, public: ""}
  - {file: a.pdf, public: true}
  - {file: b.pdf, public: false}
  - {file: c.png}
""")
    assert [p.key for p in attachment_problems(site) if not p.key.endswith(".file")] == []
    assert [public for _, _, public in facts(site)] == [True, True, True, True, False, False, False, False, False,
                                                         True, False, False]


def test_public_that_is_neither_yes_nor_no_is_an_error_and_the_file_stays_private(make_content):
    site, lines = load(make_content, """attachments:
  - file: a.pdf
  - file: b.pdf
    public: 待定
""")
    [p] = attachment_problems(site)
    assert (p.key, p.value, p.severity) == ("attachments[2].public", "待定", "error")
    assert lines[p.line - 1].strip() == "- file: b.pdf"
    assert (p.zh, p.en) == ("public（公开）应为 true 或 false（是 / 否）。", "'public' must be true or false.")
    assert p.allowed == "true、false、是、否"
    assert facts(site)[1] == ("b.pdf", "", False)


def test_an_unknown_key_in_an_item_is_an_error_on_that_items_line(make_content):
    site, lines = load(make_content, """attachments:
  - file: a.pdf
  -
    说明: 盖章件
    文件: b.pdf
""")
    [p] = attachment_problems(site)
    assert (p.key, p.value, p.severity) == ("attachments[2]", "说明", "error")
    assert lines[p.line - 1].strip() == "文件: b.pdf"  # the line of the item's file
    assert p.zh == "附件只能写 file（文件）、title（标题）和 public（公开）。"
    assert p.en == "An attachment has only 'file', 'title' and 'public'."
    assert p.allowed == "file、title、public"
    assert facts(site) == [("a.pdf", "", False), ("b.pdf", "", False)]  # the file is still read


def test_an_item_without_a_file_is_an_error_naming_the_item_and_its_line(make_content):
    site, lines = load(make_content, """附件:
  - a.pdf
  - 标题: 答复函
  - 12
  - "  "
  - {文件: b.pdf, 标题: 名单}
""")
    got = [(p.key, p.value, lines[p.line - 1].strip()) for p in attachment_problems(site)]
    assert got == [("attachments[2].file", "", "- 标题: 答复函"),
                   ("attachments[3].file", "12", "- 12"),
                   ("attachments[4].file", "", '- "  "')]
    p = attachment_problems(site)[0]
    assert p.zh == "每个附件需要文件路径（file），从本条目所在文件夹或内容文件夹算起。"
    assert p.en == "Each attachment needs a file path ('file'), from the entry's folder or the content folder."
    assert p.allowed == "- file: 答复函.pdf（可加 title: 标题、public: true）"
    assert facts(site) == [("a.pdf", "", False), ("b.pdf", "名单", False)]


def test_a_title_is_read_with_its_spaces_trimmed_from_any_of_its_names(make_content):
    site, _ = load(make_content, """attachments:
  - {file: " a.pdf ", title: "  答复函（盖章件）  "}
  - {file: b.pdf, 名称: 办理情况表}
  - {file: c.png, title: ""}
""")
    assert attachment_problems(site) == []
    assert facts(site) == [("a.pdf", "答复函（盖章件）", False), ("b.pdf", "办理情况表", False), ("c.png", "", False)]


def test_one_attachment_written_without_a_list(make_content):
    site, _ = load(make_content, """attachments: {file: a.pdf, public: true}
""")
    assert attachment_problems(site) == []
    assert facts(site) == [("a.pdf", "", True)]


def test_an_empty_list_is_no_attachment_and_no_warning(make_content):
    for written in ("attachments:\n", "attachments: []\n", '附件: ""\n'):
        site, _ = load(make_content, written, files=())
        assert site.report.problems == [], written
        assert facts(site) == []


def test_errors_in_items_written_under_the_chinese_key_name_their_own_lines(make_content):
    site, lines = load(make_content, """附件:
  - 文件: a.pdf
  - 文件: 不存在.pdf
    公开: 也许
""")
    got = [(p.key, lines[p.line - 1].strip()) for p in attachment_problems(site)]
    assert got == [("attachments[2].public", "- 文件: 不存在.pdf"), ("attachments[2].file", "- 文件: 不存在.pdf")]


def test_an_error_under_the_key_typed_with_a_full_width_space_names_its_own_line(make_content):
    # 附件 typed with a Chinese input method: a full-width space before the colon.
    site, lines = load(make_content, """attachments\u3000:
  - a.pdf
  - {file: b.pdf, public: 也许}
""")
    [p] = attachment_problems(site)
    assert (p.key, lines[p.line - 1].strip()) == ("attachments[2].public", "- {file: b.pdf, public: 也许}")


def test_an_error_in_one_attachment_written_without_a_list_names_the_key_line(make_content):
    site, lines = load(make_content, """attachments: {file: a.pdf, public: 也许}
""")
    [p] = attachment_problems(site)
    assert (p.key, lines[p.line - 1]) == ("attachments[1].public", "attachments: {file: a.pdf, public: 也许}")


def test_the_first_of_two_unknown_keys_is_named(make_content):
    site, _ = load(make_content, """attachments:
  - {file: a.pdf, 说明: 盖章件, 页数: 3}
""")
    [p] = attachment_problems(site)
    assert (p.key, p.value) == ("attachments[1]", "说明")


def test_a_missing_file_written_without_a_list_names_the_key_line(make_content):
    site, lines = load(make_content, """attachments: {file: 没有.pdf, title: 答复函}
""", files=())
    [p] = attachment_problems(site)
    assert (p.key, lines[p.line - 1]) == ("attachments[1].file", "attachments: {file: 没有.pdf, title: 答复函}")

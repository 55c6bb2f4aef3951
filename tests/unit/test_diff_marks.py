"""A 修改记录 diff as a reader sees it (changes.diff_lines): each line of git's patch once, numbered,
and inside a changed line the few characters that changed marked, so a one-character fix in a long
Chinese paragraph does not mark the whole paragraph.

Ground truth is the patch text written here (as git prints it) and the characters each pair of
lines differs in, worked out by reading them.
"""
from disclosure.changes import Version, diff_lines, what_changed
from disclosure.entries import RESPONSE_ALIASES, key_names


def text(line):
    return "".join(p.text for p in line.parts)


def marks(line):
    return [(p.text, p.changed) for p in line.parts]


def test_each_patch_line_once_with_both_line_numbers():
    patch = ["@@ -5,4 +5,5 @@",
             " 联系人：区发改委办公室。",
             "-我委将于明年研究。",
             "+我委已于今年研究。",
             "+新增一段。",
             " 此复。",
             "@@ -20 +21 @@",
             "-旧的末行",
             "+新的末行",
             "\\ No newline at end of file"]
    out = diff_lines(patch)
    assert [(x.kind, text(x), x.old, x.new) for x in out] == [
        ("hunk", "第 5 行起", None, None),
        ("same", "联系人：区发改委办公室。", 5, 5),
        ("del", "我委将于明年研究。", 6, None),
        ("add", "我委已于今年研究。", None, 6),
        ("add", "新增一段。", None, 7),
        ("same", "此复。", 7, 8),
        ("hunk", "第 21 行起", None, None),
        ("del", "旧的末行", 20, None),
        ("add", "新的末行", None, 21),
        ("note", "（文件末尾没有换行）", None, None),
    ]


def test_paired_lines_mark_only_the_changed_characters():
    out = diff_lines(["@@ -1 +1 @@", "-我委高度重视，将于明年研究制定补助办法。", "+我委高度重视，已于今年研究制定补助办法。"])
    assert marks(out[1]) == [("我委高度重视，", False), ("将", True), ("于", False), ("明", True),
                             ("年研究制定补助办法。", False)]
    assert marks(out[2]) == [("我委高度重视，", False), ("已", True), ("于", False), ("今", True),
                             ("年研究制定补助办法。", False)]


def test_two_lines_removed_one_added_are_not_paired():
    out = diff_lines(["@@ -1,2 +1 @@", "-第一行甲。", "-第二行乙。", "+第一行丙。"])
    assert [marks(x) for x in out[1:]] == [[("第一行甲。", False)], [("第二行乙。", False)], [("第一行丙。", False)]]
    assert [x.kind for x in out[1:]] == ["del", "del", "add"]


def test_a_line_rewritten_entirely_is_shown_whole_not_in_pieces():
    # One character in ten kept: the line changed, not a few characters in it.
    out = diff_lines(["@@ -1 +1 @@", "-甲乙丙丁戊己庚辛壬癸", "+甲子丑寅卯辰巳午未申"])
    assert marks(out[1]) == [("甲乙丙丁戊己庚辛壬癸", False)]
    assert marks(out[2]) == [("甲子丑寅卯辰巳午未申", False)]


def test_marks_when_three_in_ten_characters_stay():
    # The rule: a pair is marked character by character while at least 30% of both lines' characters
    # are shared (here 3 of 10 on each side: 6 of 20); with 2 of 10 the whole line changed.
    kept = diff_lines(["@@ -1 +1 @@", "-甲乙丙丁戊己庚辛壬癸", "+甲乙丙子丑寅卯辰巳午"])
    assert marks(kept[1]) == [("甲乙丙", False), ("丁戊己庚辛壬癸", True)]
    assert marks(kept[2]) == [("甲乙丙", False), ("子丑寅卯辰巳午", True)]
    whole = diff_lines(["@@ -1 +1 @@", "-甲乙丙丁戊己庚辛壬癸", "+甲乙子丑寅卯辰巳午未"])
    assert marks(whole[1]) == [("甲乙丙丁戊己庚辛壬癸", False)]


def test_a_shared_end_is_kept_unmarked():
    out = diff_lines(["@@ -1 +1 @@", "-请于三十日内答复。", "+请于二十五日内答复。"])
    assert marks(out[1]) == [("请于", False), ("三", True), ("十日内答复。", False)]
    assert marks(out[2]) == [("请于", False), ("二", True), ("十", False), ("五", True), ("日内答复。", False)]


def test_a_repeated_character_at_the_join_is_not_counted_twice():
    # 好好 → 好: the common start (很好) is set aside first, so the 好 after it is the one removed;
    # the common start and end overlap, and nothing is invented.
    out = diff_lines(["@@ -1 +1 @@", "-很好好。", "+很好。"])
    assert marks(out[1]) == [("很好", False), ("好", True), ("。", False)]
    assert marks(out[2]) == [("很好。", False)]


def test_a_change_of_the_first_character_is_marked():
    out = diff_lines(["@@ -1 +1 @@", "-区发改委将研究", "+市发改委已研究"])
    assert marks(out[1]) == [("区", True), ("发改委", False), ("将", True), ("研究", False)]
    assert marks(out[2]) == [("市", True), ("发改委", False), ("已", True), ("研究", False)]


def test_a_doubled_character_is_marked_before_the_common_end():
    # 负责日常管理。 → 负管理理。: the common end is 理。, the common start ends at 负; between them
    # 责日常管 became 管理: 管 is kept, the 理 before the common end is new.
    before = "社区食堂由街道和社区共同管理，社区负责日常管理。"
    after = "社区食堂由街道和社区共同管理，社区负管理理。"
    out = diff_lines(["@@ -1 +1 @@", "-" + before, "+" + after])
    assert marks(out[2]) == [("社区食堂由街道和社区共同管理，社区负管", False), ("理", True), ("理。", False)]
    assert marks(out[1]) == [("社区食堂由街道和社区共同管理，社区负", False), ("责日常", True), ("管理。", False)]


def test_three_characters_changed_in_a_long_paragraph_are_marked_alone():
    # A paragraph of 248 characters whose words repeat (as a long letter's do): the first, the
    # 121st and the last character replaced; nothing else is marked.
    before = "社区食堂由街道和社区共同管理，社区负责日常管理。" * 10 + "年底前出台导则。"
    after = "区" + before[1:120] + "市" + before[121:-1] + "！"
    out = diff_lines(["@@ -1 +1 @@", "-" + before, "+" + after])
    assert [p.text for p in out[1].parts if p.changed] == [before[0], before[120], before[-1]]
    assert [p.text for p in out[2].parts if p.changed] == ["区", "市", "！"]
    assert text(out[1]) == before and text(out[2]) == after


def test_an_emptied_line_and_a_line_written_into_an_empty_one():
    out = diff_lines(["@@ -1 +1 @@", "-", "+新写的一行。"])
    assert text(out[1]) == "" and text(out[2]) == "新写的一行。"
    assert [x.kind for x in out] == ["hunk", "del", "add"]


def test_blank_context_at_the_end_is_left_off_and_a_bare_empty_line_is_context():
    out = diff_lines(["@@ -1,3 +1,3 @@", "-甲", "+乙", "", " 丙", " ", ""])
    assert [(x.kind, text(x)) for x in out] == [("hunk", "第 1 行起"), ("del", "甲"), ("add", "乙"),
                                                ("same", ""), ("same", "丙")]
    assert [(x.old, x.new) for x in out[3:]] == [(2, 2), (3, 3)]


def test_a_context_line_keeps_a_leading_minus_of_its_own_text():
    # " -1 元" is an unchanged line whose text starts with a minus sign.
    out = diff_lines(["@@ -1 +1 @@", " -1 元", "-旧", "+新"])
    assert [(x.kind, text(x)) for x in out[1:]] == [("same", "-1 元"), ("del", "旧"), ("add", "新")]


def v(body="a", **meta):
    return Version(level="full", meta=meta, body=body)


NAMES = key_names(RESPONSE_ALIASES)


def test_what_changed_names_the_body_and_keys_in_chinese_never_a_value():
    assert what_changed(v(doc_no="甲"), v(doc_no="乙"), NAMES) == "文号"
    assert what_changed(v("a", doc_no="甲"), v("b", doc_no="乙", signer="张三"), NAMES) == "正文、文号、签发人"
    assert what_changed(v("a"), v("b"), NAMES) == "正文"
    assert what_changed(v(), v(), NAMES) == ""
    # 公开属性 has a line of its own, 修改说明 is shown as itself.
    assert what_changed(v(disclosure="full", change_note="x"), v(disclosure="withheld", change_note="y"), NAMES) == ""
    # A key removed is a change too; a key with no Chinese name is named as written.
    assert what_changed(v(doc_no="甲"), v(), NAMES) == "文号"
    assert what_changed(v(extra=1), v(extra=2), NAMES) == "extra"
    # Two keys with one Chinese name (联系人, 联系人及电话 → contact) are named once.
    assert what_changed(v(contact="a", date="2026-01-01"), v(contact="b", date="2026-01-02"), NAMES) == "联系人及电话、答复日期"
    # No version on one side (a file git could not give): nothing to name.
    assert what_changed(None, v(), NAMES) == "" and what_changed(v(), None, NAMES) == ""


def test_lines_after_a_no_newline_note_are_still_shown():
    # git's patch when a file that ended without a newline gets a line more (甲 → 甲, 乙):
    patch = ["@@ -1 +1,2 @@", "-甲", "\\ No newline at end of file", "+甲", "+乙"]
    out = diff_lines(patch)
    assert [(x.kind, text(x), x.old, x.new) for x in out] == [
        ("hunk", "第 1 行起", None, None), ("del", "甲", 1, None), ("note", "（文件末尾没有换行）", None, None),
        ("add", "甲", None, 1), ("add", "乙", None, 2)]


def test_a_patch_that_ends_with_a_removed_line():
    out = diff_lines(["@@ -1,2 +1 @@", " 甲", "-乙"])
    assert [(x.kind, text(x), x.old, x.new) for x in out] == [
        ("hunk", "第 1 行起", None, None), ("same", "甲", 1, 1), ("del", "乙", 2, None)]


def test_an_empty_line_added_at_the_end_is_shown():
    # git's patch of a blank line added at the end of a file; only blank context lines are left off.
    out = diff_lines(["@@ -1,2 +1,3 @@", " 甲", " 乙", "+"])
    assert [(x.kind, text(x), x.new) for x in out] == [("hunk", "第 1 行起", None), ("same", "甲", 1),
                                                      ("same", "乙", 2), ("add", "", 3)]
    assert diff_lines(["+"])[-1].kind == "add"

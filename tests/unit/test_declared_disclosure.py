"""The 公开属性 an earlier version of a file declared (read for the change history)."""
import pytest

from disclosure.entries import declared_disclosure
from disclosure.source import read_old_version


@pytest.mark.parametrize("front, level", [
    ("title: 关于某事的建议\n", "full"),
    ("disclosure: summary\nsummary: 摘要。\n", "summary"),
    ("公开属性: 不予公开\n", "withheld"),
    ("公开属性: 摘要公开\n", "summary"),
    ("disclosure: 全文公开\n", "full"),
    ("disclosure: secret\n", "withheld"),  # an unknown level is not taken for a public one
    ("disclosure: [full\n", "withheld"),  # broken YAML
    ("disclosure: full\n公开属性: full\n", "withheld"),  # the same key twice
])
def test_declared_disclosure(front, level):
    src = read_old_version("proposals/2026/0001.md", f"---\n{front}---\n\n正文。\n".encode())
    assert declared_disclosure(src) == level


def test_unreadable_version_counts_as_withheld():
    assert declared_disclosure(read_old_version("x.md", "正文，没有元数据块。".encode())) == "withheld"
    assert declared_disclosure(read_old_version("x.md", "---\ndisclosure: full\n---\n".encode("gb18030")
                                                + "正文".encode("gb18030"))) == "withheld"


def test_change_note_is_a_known_key(make_content):
    """修改说明 / change_note is read by the change history: no unknown-key warning for it."""
    from conftest import BUILD_DATE, assigned_proposal, response
    from disclosure.site import load_site

    files = [assigned_proposal(change_note="更正类别"), response(**{"修改说明": "更正文号"})]
    report = load_site(make_content(files), today=BUILD_DATE).report
    assert report.problems == []

"""Which entries stopped being public since the last build (their text then leaves the caches)."""
from disclosure.withdrawn import withdrawn


def test_less_shown_or_deleted_counts_more_shown_does_not():
    before = {"a.md": "full", "b.md": "full", "c.md": "summary", "d.md": "withheld", "e.md": "full", "f.md": "summary"}
    now = {"a.md": "summary", "b.md": "full", "c.md": "withheld", "d.md": "full", "f.md": "full", "g.md": "withheld"}
    assert withdrawn(before, now) == ["a.md", "c.md", "e.md"]  # e.md was deleted


def test_first_build_has_nothing_withdrawn():
    assert withdrawn({}, {"a.md": "withheld"}) == []


def test_an_unchanged_level_is_not_withdrawn():
    # A summary-only or withheld entry that stays so shows nothing less than it did.
    same = {"a.md": "summary", "b.md": "withheld", "c.md": "full"}
    assert withdrawn(same, dict(same)) == []


def test_a_level_not_known_counts_on_the_safe_side():
    # The record of the last build is a file beside the output: a level this code does not know
    # (an older program's, a hand edit) counts as having shown everything before, and as showing
    # nothing now, so the kept text is dropped rather than kept.
    assert withdrawn({"a.md": "summary", "b.md": "withheld"}, {"a.md": "部分公开", "b.md": "?"}) == ["a.md"]
    assert withdrawn({"a.md": "old-level"}, {"a.md": "summary"}) == ["a.md"]
    assert withdrawn({"a.md": "old-level"}, {"a.md": "withheld"}) == ["a.md"]


# levels(): what this build publishes, from the content as written.
from conftest import BUILD_DATE, assigned_proposal, response  # noqa: E402
from disclosure.site import load_site  # noqa: E402
from disclosure.withdrawn import levels  # noqa: E402
from tests.support.documents import write_pdf, write_png  # noqa: E402

PROPOSAL = "proposals/2026/0001.md"
REPLY = "responses/2026/0001-fgw.md"


def site_with(make_content, attachment_public="是", reply_level="summary", evidence_level="full"):
    promise = [{"text": "年底前出台导则。", "updates": [{"date": "2026-05-01", "status": "推进中",
                                                       "evidence": "files/e.pdf"}]}]
    root = make_content(dict([
        assigned_proposal("0001", 附件=["a.pdf", {"文件": "b.png", "标题": "照片", "公开": "否"}]),
        response("2026-0001", 公开属性=reply_level, 摘要="答复摘要。",
                 附件=[{"文件": "c.pdf", "公开": attachment_public}, "d.pdf"]),
        assigned_proposal("0002", lead_units=["区民政局"]),
        response("2026-0002", unit="mz", 公开属性=evidence_level, 摘要="答复摘要。", commitments=promise),
    ]))
    write_pdf(root / "proposals/2026/a.pdf", ["甲"])
    write_png(root / "proposals/2026/b.png")
    write_pdf(root / "responses/2026/c.pdf", ["丙"])
    write_pdf(root / "responses/2026/d.pdf", ["丁"])
    (root / "files").mkdir()
    write_pdf(root / "files/e.pdf", ["戊"])
    return load_site(root, today=BUILD_DATE)


def test_levels_name_each_entry_its_published_attachments_and_evidence_files(make_content):
    site = site_with(make_content)
    assert [p.zh for p in site.report.errors] == []
    assert levels(site) == {
        PROPOSAL: "full",
        f"{PROPOSAL}#a.pdf": "full",  # a proposal public in full publishes every attachment
        f"{PROPOSAL}#b.png": "full",  # even one marked 公开: 否
        "proposals/2026/0002.md": "full",
        REPLY: "summary",
        f"{REPLY}#c.pdf": "full",  # a summary-only reply: only the attachment marked 公开: 是
        "responses/2026/0002-mz.md": "full",
        "evidence:files/e.pdf": "full",  # cited by a commitment of a reply public in full
    }


def test_a_reply_withheld_cites_no_evidence_and_an_attachment_made_private_is_withdrawn(make_content):
    before = levels(site_with(make_content))
    now = levels(site_with(make_content, attachment_public="否", reply_level="withheld", evidence_level="withheld"))
    assert "evidence:files/e.pdf" not in now and f"{REPLY}#c.pdf" not in now
    assert now["responses/2026/0002-mz.md"] == "withheld" and now[REPLY] == "withheld"
    assert withdrawn(before, now) == ["evidence:files/e.pdf", REPLY, f"{REPLY}#c.pdf", "responses/2026/0002-mz.md"]
    # And back: nothing shows less than it did.
    assert withdrawn(now, before) == []

"""One body dialect everywhere: a pasted letter reads the same on its page, in feeds and in its JSON twin."""
import json

from bs4 import BeautifulSoup

from conftest import assigned_proposal, response
from support.feedcheck import parse_feed

LETTER = ("未知委员：\n　　答复正文第一段。\n　　一、办理情况\n测试区发展和改革委员会\n2026年4月1日\n"
          "联系人：未知　　联系电话：021-00000000\n抄送：未知。\n")
LINES = ["未知委员：", "答复正文第一段。", "一、办理情况", "测试区发展和改革委员会", "2026年4月1日"]


def paragraphs(html):
    return [p.get_text() for p in BeautifulSoup(html, "html.parser").find_all("p")]


def test_page_feed_and_data_show_the_same_lines(built):
    out = built([assigned_proposal(), response(body=LETTER)])
    page = BeautifulSoup((out / "responses/2026/0001-fgw/index.html").read_text(encoding="utf-8"), "html.parser")
    body = page.select_one("article .body")
    assert paragraphs(str(body))[:5] == LINES
    assert [p.get_text() for p in body.select(".signoff p")] == LINES[3:]
    feed = parse_feed((out / "feeds/replies.atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if "0001-fgw" in e.link]
    shown = paragraphs(entry.content[0].value)
    assert [line for line in LINES if line in shown] == LINES  # each its own paragraph in the feed too
    twin = json.loads((out / "responses/2026/0001-fgw/index.json").read_text(encoding="utf-8"))
    text = json.dumps(twin, ensure_ascii=False)
    assert "测试区发展和改革委员会 2026年4月1日" in text and "　" not in text

"""Property-based tests: whatever staff put in a file, the build reports or builds — never crashes, never runs code.

Hypothesis generates front matter (valid, mutated, broken YAML, random keys and
values of every YAML type) and Markdown full of script-injection attempts.
Most examples run the core's `load_site` in-process (fast); a few run the real
CLI build and scan every page and feed for executable content.
In CI the examples are derandomised (the same on every run); locally they vary.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUILD_DATE, SITE_YAML, build, front_matter, site_yaml, write_tree
from disclosure import render
from disclosure.site import load_site
from disclosure_site.pages import all_pages
from support.htmlsafety import in_html, in_site

from .conftest import SITE_URL

settings.register_profile("gates", deadline=None, derandomize=bool(os.environ.get("CI")), print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("gates")

PAYLOADS = [
    "<script>alert(1)</script>", "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>", "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>",
    "<iframe src=https://evil.example></iframe>", "<object data=x.swf></object>", "<embed src=x>",
    "<a href=\"javascript:alert(1)\">链接</a>", "<a href=\" jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>", "[点我](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
    "![图](javascript:alert(1))", "<javascript:alert(1)>", "[a][1]\n\n[1]: javascript:alert(1)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "<details open ontoggle=alert(1)>x</details>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>", "<form action=javascript:alert(1)><button>x</button></form>",
    "<base href=https://evil.example/>", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<scr<script>ipt>alert(1)</script>", "<<script>script>alert(1)<</script>/script>", "<math><mi xlink:href=javascript:1>x</mi></math>",
    "{{ 7*7 }}{% raw %}", "\" onmouseover=\"alert(1)", "' autofocus onfocus='alert(1)", "<style>*{x:expression(alert(1))}</style>",
    "<!--<script>alert(1)</script>-->", "```html\n<script>alert(1)</script>\n```", "    <script>alert(1)</script>",
    "<div markdown=\"1\">*x*<script>alert(1)</script></div>", "&lt;script&gt;alert(1)&lt;/script&gt;",
]
MARKDOWN_BITS = ["# 标题", "## 小标题", "- 列表\n- 项目", "1. 一\n2. 二", "> 引用", "| a | b |\n|---|---|\n| 1 | 2 |",
                 "**粗体** _斜体_", "`代码`", "---", "[链接](https://example.org/)", "[站内](/proposals/)", "\n\n", "正文。"]

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
injected = st.one_of(text, st.sampled_from(PAYLOADS), st.builds(lambda a, p, b: a + p + b, text, st.sampled_from(PAYLOADS), text))
markdown_body = st.lists(st.one_of(st.sampled_from(MARKDOWN_BITS), st.sampled_from(PAYLOADS), text), max_size=8).map("\n\n".join)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
scalar = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 6, 10 ** 12), st.floats(allow_nan=True, allow_infinity=True),
                   injected, dates, st.just("2026-02-30"), st.just("0110"))
yaml_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                          max_leaves=8)

PROPOSAL_KEYS = ["number", "year", "term", "session", "title", "proposers", "proposer_type", "sector", "category", "tags",
                 "submitted", "review", "review_date", "merged_into", "handling", "lead_units", "co_units", "assigned",
                 "due", "key", "supervisor", "feedback", "closed", "events", "disclosure", "summary"]
RESPONSE_KEYS = ["proposal", "unit", "role", "date", "doc_no", "result", "signer", "contact", "supersedes", "disclosure",
                 "summary"]
ANNOUNCEMENT_KEYS = ["title", "date", "kind", "until", "region", "related", "disclosure", "summary"]


def good_proposal(number="0001"):
    return {"number": number, "year": 2026, "title": "关于测试的建议", "proposers": ["张三"], "category": "经济建设",
            "submitted": dt.date(2026, 1, 10), "review": "filed", "review_date": dt.date(2026, 2, 1), "handling": "sole",
            "lead_units": ["区发改委"], "assigned": dt.date(2026, 2, 10)}


GOOD = {
    "proposals": good_proposal,
    "responses": lambda: {"proposal": "2026-0001", "unit": "fgw", "role": "lead", "date": dt.date(2026, 4, 1), "result": "A"},
    "announcements": lambda: {"title": "公告", "date": dt.date(2026, 3, 1), "kind": "news", "related": ["2026-0001"]},
}
KEYS = {"proposals": PROPOSAL_KEYS, "responses": RESPONSE_KEYS, "announcements": ANNOUNCEMENT_KEYS}
PATHS = {"proposals": ["proposals/2026/0001.md", "proposals/2026/0002.md", "proposals/2025/x y.md", "proposals/0003.md"],
         "responses": ["responses/2026/0001-fgw.md", "responses/2026/0001-fgw-2.md", "responses/2026/回复.md"],
         "announcements": ["announcements/2026/notice.md", "announcements/2026/a b.md", "announcements/x.md"]}


@st.composite
def meta_for(draw, kind):
    """Valid metadata, then some keys replaced by anything, some removed, some unknown added."""
    meta = GOOD[kind]()
    for key in draw(st.lists(st.sampled_from(KEYS[kind]), max_size=4)):
        meta[key] = draw(yaml_value)
    for key in draw(st.lists(st.sampled_from(sorted(meta)), max_size=2)):
        meta.pop(key, None)
    meta.update(draw(st.dictionaries(text, yaml_value, max_size=2)))
    return meta


def _dump(meta, body):
    try:
        return front_matter(meta, body)
    except (yaml.YAMLError, ValueError):  # e.g. a float key yaml cannot represent: write it as text
        return f"---\n{meta!r}\n---\n\n{body}\n"


@st.composite
def broken(draw, document: str):
    """A document mutated the way hands break files: cut, spliced, unclosed, re-encoded."""
    how = draw(st.sampled_from(["cut", "insert", "unclose", "tabs", "fullwidth", "no-end", "bytes", "bom-crlf", "dup"]))
    if how == "cut":
        return document[: draw(st.integers(0, len(document)))]
    if how == "insert":
        at = draw(st.integers(0, len(document)))
        return document[:at] + draw(st.sampled_from([":", "\"", "'", "[", "{", "- ", "\t", "---\n", "&a", "*a", "!!python/object:os.system ", "%", "@", "`"])) + document[at:]
    if how == "unclose":
        return document.replace("title: ", "title: \"", 1)
    if how == "tabs":
        return document.replace("\n  ", "\n\t")
    if how == "fullwidth":
        return document.replace(": ", "：", 2)
    if how == "no-end":
        return document.replace("\n---\n", "\n", 1)
    if how == "bytes":
        return document.encode("utf-8")[: draw(st.integers(0, 40))] + draw(st.binary(max_size=12)) + document.encode("utf-8")[40:]
    if how == "bom-crlf":
        return "\ufeff" + document.replace("\n", "\r\n")
    return document.replace("title:", "title: 一\ntitle:", 1)


@st.composite
def entry_file(draw, kind):
    path = draw(st.sampled_from(PATHS[kind]))
    document = _dump(draw(meta_for(kind)), draw(markdown_body))
    if draw(st.integers(0, 3)) == 0:
        document = draw(broken(document))
    return path, document


@st.composite
def content_tree(draw):
    site = site_yaml()
    if draw(st.integers(0, 9)) == 0:
        site = draw(st.one_of(broken(site), st.builds(lambda m: yaml.safe_dump(m, allow_unicode=True),
                                                       st.dictionaries(st.sampled_from(list(SITE_YAML)), yaml_value))))
    files = {"site.yaml": site}
    for kind, most in (("proposals", 3), ("responses", 2), ("announcements", 2)):
        files.update(draw(st.lists(entry_file(kind), max_size=most)))
    return files


def check_in_process(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_tree(Path(tmp) / "content", files)
        site = load_site(root, today=BUILD_DATE)  # must not raise, whatever the files say
        report = site.report.format()
        assert isinstance(report, str)
        if not site.report.ok:
            assert site.report.errors and report.strip(), "a failed check must say why"
            return "errors"
        pages = list(all_pages(site))  # what the build would write, computed without Pelican
        assert pages
        for entry in [*site.all_proposals, *site.all_responses, *site.all_announcements]:
            html = render.public_html(entry)
            assert not in_html(html), f"executable content from {entry.path}: {in_html(html)}"
            if entry.disclosure == "withheld":
                assert html == "" and render.public_text(entry) == ""
        return "ok"


@settings(max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", 150)))
@given(content_tree())
def test_loading_any_content_reports_or_succeeds(files):
    check_in_process(files)


@settings(max_examples=60)
@given(st.sampled_from(["proposals", "responses", "announcements"]).flatmap(
    lambda kind: st.tuples(st.just(kind), meta_for(kind), markdown_body)))
def test_sanitised_bodies_never_carry_executable_content(case):
    kind, meta, body = case
    files = {"site.yaml": site_yaml(), **dict([("proposals/2026/0001.md", front_matter(good_proposal(), "正文。"))]),
             PATHS[kind][0]: _dump(meta, body)}
    check_in_process(files)


@st.composite
def buildable_tree(draw):
    """Content that should build, with injection attempts in every free-text field and body."""
    p = good_proposal()
    p.update(title=draw(injected) or "标题", proposers=[draw(injected) or "张三", "李四"], tags=[draw(injected)],
             supervisor=draw(injected), events=[{"date": dt.date(2026, 3, 1), "label": draw(injected) or "调研",
                                                 "note": draw(injected)}],
             feedback=[{"date": dt.date(2026, 5, 1), "satisfaction": "满意", "note": draw(injected)}])
    x = {"proposal": "2026-0001", "unit": "fgw", "role": "lead", "date": dt.date(2026, 4, 1), "result": "A",
         "doc_no": draw(injected), "signer": draw(injected), "contact": draw(injected)}
    a = {"title": draw(injected) or "公告", "date": dt.date(2026, 3, 1), "kind": "publicity", "until": dt.date(2026, 12, 31),
         "region": draw(injected), "related": ["2026-0001"]}
    s = dict(good_proposal("0002"), disclosure="summary", summary=draw(injected) or "摘要")
    return {"site.yaml": site_yaml(description=draw(injected)),
            "proposals/2026/0001.md": _dump(p, draw(markdown_body)),
            "proposals/2026/0002.md": _dump(s, draw(markdown_body)),
            "responses/2026/0001-fgw.md": _dump(x, draw(markdown_body)),
            "announcements/2026/notice.md": _dump(a, draw(markdown_body))}


@settings(max_examples=int(os.environ.get("GONGKAI_FUZZ_BUILDS", 4)))
@given(st.one_of(buildable_tree(), content_tree()))
def test_real_builds_exit_cleanly_and_publish_no_executable_content(files):
    with tempfile.TemporaryDirectory() as tmp:
        content = write_tree(Path(tmp) / "content", files)
        out = Path(tmp) / "output"
        result = build(content, out, SITE_URL)
        said = result.stdout + result.stderr
        assert result.returncode in (0, 1), said[-3000:]
        assert "Traceback" not in said, said[-3000:]
        if result.returncode == 1:
            assert not out.exists(), "a failed build must not publish"
            assert "网站没有生成" in result.stderr
            return
        found = in_site(out, SITE_URL)
        assert not found, "executable content published:\n" + "\n".join(found[:20])


def test_the_scanner_finds_what_it_looks_for(tmp_path):
    """The gate can fail: each kind of executable content is reported; the theme's own script is not."""
    for bad in PAYLOADS[:12] + ['<a href="javascript:alert(1)">x</a>', '<p onclick="x()">x</p>']:
        html = bad if bad.startswith("<") else ""
        if html:
            assert in_html(html), bad
    assert not in_html('<script src="/theme/js/reading.js"></script><p><a href="https://example.org/">x</a></p>')
    (tmp_path / "index.html").write_text('<!DOCTYPE html><html><body><p onmouseover="x()">x</p></body></html>')
    assert in_site(tmp_path)


def test_control_characters_are_reported_with_their_place(tmp_path):
    """Found by the fuzzer: a YAML escape such as "\\e" in a reply's 文号 crashed the feed writer (exit 2)."""
    files = {"site.yaml": site_yaml(),
             "proposals/2026/0001.md": front_matter(good_proposal()),
             "responses/2026/0001-fgw.md": '---\nproposal: 2026-0001\nunit: fgw\nrole: lead\ndate: 2026-04-01\n'
                                           'result: A\ndoc_no: "测发改\\e〔2026〕1号"\n---\n\n答复。\n',
             "announcements/2026/notice.md": "---\ntitle: 公告\ndate: 2026-03-01\nkind: news\n---\n\n第一行\n\x0b第二行\n"}
    result = build(write_tree(tmp_path / "content", files), tmp_path / "output", SITE_URL)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "responses/2026/0001-fgw.md:7 [doc_no]" in result.stderr and "U+001B" in result.stderr
    assert "announcements/2026/notice.md:8" in result.stderr and "U+000B" in result.stderr
    assert not (tmp_path / "output").exists()

"""An entry that stops being public leaves no trace of its old text in `.gongkai-cache`.

The cache beside the output keeps rendered bodies, parsed front matter and
open-data lines between builds, appending new values rather than rewriting its
files. After a build where an entry is withheld (or shows only its summary),
every file of the cache is read the way the build reads it (pickles unpickled,
compressed files decompressed) and searched for the sentence the entry's
earlier, public body held.
"""
import gzip
import pickle

import pytest

from conftest import assigned_proposal, build, front_matter, proposal, response, site_yaml, write_tree
from tests.support.outputs import PICKLE_PROTOCOLS

SECRET = "第三段原文：拟将东湖公园北侧绿地调整为商业用地。"
SUMMARY = "答复摘要：已研究相关建议。"


def announcement(slug, body, **fields):
    meta = {"title": f"关于{slug}的公告", "date": "2026-03-01", "kind": "news", **fields}
    return f"announcements/2026/{slug}.md", front_matter(meta, body)


def entry(kind, level="full"):
    """(path, text) of the entry under test: a full body holding SECRET, or withheld / summary."""
    fields = {"body": f"第一段。\n\n{SECRET}\n\n第四段。"}
    if level != "full":
        fields["disclosure"] = level
    if level == "summary":
        fields["summary"] = SUMMARY
    if kind == "proposal":
        return assigned_proposal("0002", **fields)
    if kind == "reply":
        return response(**fields)
    return announcement("park", fields.pop("body"), **{k: v for k, v in fields.items()})


def others():
    """Enough other entries that a rebuild after one change would append to the cache, not rewrite it."""
    files = [assigned_proposal(), *(proposal(f"{n:04d}", body=f"第{n}号提案的建议正文，内容各不相同。")
                                    for n in range(10, 22))]
    files += [announcement(f"notice-{n}", f"第{n}号公告正文，内容各不相同。") for n in range(12)]
    return files


def texts_in(value):
    """Every string a cached value holds, looking inside nested pickles (parsed front matter is one)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, bytes):
        try:  # only what starts as a pickle does (other bytes, unpickled, made CPython print SystemErrors)
            if value[:1] != b"\x80" or value[1:2] not in PICKLE_PROTOCOLS:
                raise ValueError("not a pickle")
            yield from texts_in(pickle.loads(value))
        except Exception:
            yield value.decode("utf-8", "replace")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from texts_in(k)
            yield from texts_in(v)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from texts_in(v)
    elif hasattr(value, "__dict__"):
        yield from texts_in(vars(value))
    else:
        yield repr(value)


def cache_holds(cache, sentence):
    """The cache files that hold `sentence` in any form the build could read back."""
    found = []
    for path in sorted(p for p in cache.rglob("*") if p.is_file()):
        data = path.read_bytes()
        texts = [data.decode("utf-8", "replace")]
        if data[:2] == b"\x1f\x8b":
            texts.append(gzip.decompress(data).decode("utf-8", "replace"))
        if path.suffix == ".pickle":
            with open(path, "rb") as fh:
                while True:
                    try:
                        texts += list(texts_in(pickle.load(fh)))
                    except EOFError:
                        break
        if any(sentence in t for t in texts):
            found.append(path.name)
    return found


@pytest.mark.parametrize("kind, level", [("proposal", "withheld"), ("reply", "withheld"),
                                         ("announcement", "withheld"), ("reply", "summary"),
                                         ("proposal", "summary")])
def test_cache_forgets_text_of_an_entry_no_longer_public(tmp_path, kind, level):
    content = tmp_path / "content"
    write_tree(content, {"site.yaml": site_yaml(), **dict(others()), **dict([entry(kind)])})
    out = tmp_path / "output"
    cache = tmp_path / ".gongkai-cache"
    assert build(content, out).returncode == 0
    assert "renders.pickle" in cache_holds(cache, SECRET)  # the test finds the text where it is

    path, text = entry(kind, level)  # only the entry changes, under the same path
    (content / path).write_text(text, encoding="utf-8")
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    assert cache_holds(cache, SECRET) == []
    assert not [p for p in out.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


def test_cache_forgets_text_of_a_deleted_entry(tmp_path):
    content = tmp_path / "content"
    write_tree(content, {"site.yaml": site_yaml(), **dict(others()), **dict([entry("reply")])})
    out = tmp_path / "output"
    assert build(content, out).returncode == 0
    (content / entry("reply")[0]).unlink()
    assert build(content, out).returncode == 0
    assert cache_holds(tmp_path / ".gongkai-cache", SECRET) == []


def test_cache_forgets_text_of_an_entry_withheld_when_the_record_of_what_it_showed_is_lost(tmp_path):
    """shown.json says what each entry showed at the last build; without it (lost, or a build stopped
    before writing it) the next build cannot tell what stopped being public, so it purges."""
    content = tmp_path / "content"
    write_tree(content, {"site.yaml": site_yaml(), **dict(others()), **dict([entry("reply")])})
    out = tmp_path / "output"
    cache = tmp_path / ".gongkai-cache"
    assert build(content, out).returncode == 0
    assert "checked.pickle" in cache_holds(cache, SECRET)
    (cache / "output" / "shown.json").unlink()
    path, text = entry("reply", "withheld")
    (content / path).write_text(text, encoding="utf-8")
    assert build(content, out).returncode == 0
    assert cache_holds(cache, SECRET) == []


def test_cache_forgets_text_removed_with_hide_marker(tmp_path):
    """A full entry's sentence removed with 【不显示差异】 (published by mistake) leaves the cache too."""
    from test_history import commit, git

    repo = tmp_path / "repo"
    content = repo / "content"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    write_tree(content, {"site.yaml": site_yaml(), **dict(others()), **dict([entry("reply")])})
    commit(repo, "发布答复", "2026-04-02T09:00:00+08:00")
    out = repo / "output"
    assert build(content, out).returncode == 0
    assert "renders.pickle" in cache_holds(repo / ".gongkai-cache", SECRET)
    path, text = entry("reply")
    (content / path).write_text(text.replace(SECRET, "第三段：已删除。"), encoding="utf-8")
    commit(repo, "删除误发的内容【不显示差异】", "2026-04-03T09:00:00+08:00")
    assert build(content, out).returncode == 0
    assert cache_holds(repo / ".gongkai-cache", SECRET) == []


@pytest.mark.parametrize("level, kept", [("主动公开", True), ("公开", True), ("full", True),
                                         ("依申请公开", False), ("不公开", False)])
def test_parsed_front_matter_is_kept_for_every_spelling_of_full_and_never_for_withheld(tmp_path, level, kept):
    """公开属性 aliases (labels.DISCLOSURE) decide as the canonical values: a reply marked 主动公开
    is public in full and its parsed front matter is kept; 依申请公开 (withheld) never is."""
    mark = "答复联系人：测试联系人甲乙丙"
    content = tmp_path / "content"
    write_tree(content, {"site.yaml": site_yaml(), **dict([assigned_proposal(), response(
        **{"公开属性": level, "contact": mark, **({"summary": SUMMARY} if not kept else {})})])})
    result = build(content, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    holding = [name for name in cache_holds(tmp_path / ".gongkai-cache", mark) if "render" not in name]
    assert bool(holding) == kept, holding


@pytest.mark.parametrize("key, level, space", [("公开属性", "不予公开", "\u3000"), ("disclosure", "withheld", "\u00a0")])
def test_a_withheld_entry_whose_key_has_a_wide_space_before_its_colon_keeps_no_front_matter(tmp_path, key, level, space):
    """`公开属性　: 不予公开` (a full-width space typed before the colon, or a no-break space pasted
    from Word) is read as 公开属性: the entry is withheld, so its front matter (its summary) is
    not kept beside the output either. The parsed store once looked the key up as written."""
    mark = "不予公开的摘要：测试摘要丁戊己"
    content = tmp_path / "content"
    path, text = response(summary=mark, **{key: level})
    assert f"\n{key}: {level}\n" in text
    write_tree(content, {"site.yaml": site_yaml(), **dict([assigned_proposal()]),
                         path: text.replace(f"\n{key}: ", f"\n{key}{space}: ", 1)})
    out = tmp_path / "output"
    result = build(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "responses/2026/0001-fgw/index.html").read_text(encoding="utf-8")
    assert "不予公开" in page and mark not in page  # read as withheld
    assert cache_holds(tmp_path / ".gongkai-cache", mark) == []


def test_a_first_build_that_renders_every_body_ahead_keeps_no_withheld_one(tmp_path):
    """A first build of 400 files or more renders every body on all cores before it knows which are
    withheld (gongkai_build.render_ahead): only the renders the site used may be kept."""
    hidden = "不予公开的答复原文：拟调整东湖绿地。"
    summarised = "摘要公开的答复原文：停车收费细则。"
    files = [proposal(f"{n:04d}", body=f"第{n}号提案的建议正文。") for n in range(2, 402)]
    files += [assigned_proposal(), response(body=hidden, disclosure="withheld"),
              assigned_proposal("0402"), response("2026-0402", body=summarised, disclosure="summary", summary=SUMMARY)]
    content = tmp_path / "content"
    write_tree(content, {"site.yaml": site_yaml(), **dict(files)})
    result = build(content, tmp_path / "output", env={"GONGKAI_PROCESSES": "2"})  # forks even on one core
    assert result.returncode == 0, result.stdout + result.stderr
    cache = tmp_path / ".gongkai-cache"
    assert "renders.pickle" in cache_holds(cache, "第401号提案的建议正文。")  # the renders are kept and read
    assert cache_holds(cache, hidden) == [] and cache_holds(cache, summarised) == []


def test_a_problem_quoting_the_text_leaves_the_cache_with_it(tmp_path):
    """A body problem quotes its line (a dropped tag): kept with the file's checks, it must go too."""
    content = tmp_path / "content"
    path, text = response(body=f"第一段。\n\n<font>{SECRET}</font>\n")
    write_tree(content, {"site.yaml": site_yaml(), **dict(others()), path: text})
    out = tmp_path / "output"
    cache = tmp_path / ".gongkai-cache"
    assert build(content, out).returncode == 0
    assert "checked.pickle" in cache_holds(cache, SECRET)  # the warning, kept with the file's checks
    _, text = response(body=f"第一段。\n\n<font>{SECRET}</font>\n", disclosure="withheld")
    (content / path).write_text(text, encoding="utf-8")
    assert build(content, out).returncode == 0
    assert cache_holds(cache, SECRET) == []

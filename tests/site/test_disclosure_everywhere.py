"""Every disclosure guarantee, for every kind of entry, in every output of a real build.

docs/content-model.md: a `withheld` entry shows its metadata and never its text (body, or
a summary written into it), anywhere; a `summary` entry shows its summary and never its
body. "Anywhere" is every file tests/support/outputs.py reads: pages (with their history
diffs), feeds, JSON and CSV data, the sitemap, the Pagefind index (decompressed: records,
fragments, word index) and the build cache beside the output.

Ground truth is the content files: the test writes sentences into them, then reads the
files back (front matter parsed here with PyYAML) to know which text is hidden and which
is public, never asking the code under test. Each sentence is made of characters from
CJK Extension A (U+3400–U+4DBF) that no template or other text uses, each sentence its
own, so a leak is found whole, cut into an excerpt, one character per index word, or
split by a diff's character marks, and the report says whose text leaked.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml

from conftest import assigned_proposal, build, front_matter, response, site_yaml, write_tree
from tests.support.gitrepo import commit, new_repo
from tests.support.outputs import read_outputs, reader_of

RARE = range(0x3400, 0x4DC0)  # CJK Extension A: letters to Pagefind, absent from every template
_next_rare = itertools.count(0x3400)


def sentence(n: int = 6) -> str:
    """A sentence of n characters used nowhere else."""
    return "".join(chr(next(_next_rare)) for _ in range(n)) + "。"


# --- ground truth: read back from the content files -----------------------------------------


def read_entry(path: Path) -> tuple[dict, str]:
    """(front matter, body) of a content file, parsed here, not by the code under test."""
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head) or {}, body.strip()


DISCLOSURE = {"full": "full", "全文公开": "full", "summary": "summary", "摘要公开": "summary",
              "withheld": "withheld", "不予公开": "withheld"}
KIND_OF_FOLDER = {"proposals": "proposal", "responses": "response", "announcements": "announcement"}


def split_text(path: Path) -> tuple[str, str, list[str], list[str]]:
    """(kind, disclosure, hidden texts, public texts) of one content file as it is now on disk."""
    meta, body = read_entry(path)
    kind = KIND_OF_FOLDER[path.relative_to(path.parents[2]).parts[0]]
    disclosure = DISCLOSURE[str(meta.get("disclosure", meta.get("公开属性", "full")))]
    summary = str(meta.get("summary", meta.get("摘要", "")) or "")
    if disclosure == "withheld":
        return kind, disclosure, [t for t in (body, summary) if t], []
    if disclosure == "summary":
        return kind, disclosure, [body], [summary]
    return kind, disclosure, [], [body]


def commitment_texts(meta: dict) -> list[str]:
    """The words of a reply's commitments and of their updates' notes, as written in the file."""
    out = []
    for item in meta.get("commitments", meta.get("承诺")) or []:
        out.append(str(item.get("text", item.get("内容", ""))))
        for update in item.get("updates", item.get("进展")) or []:
            note = update.get("note", update.get("说明"))
            if note:
                out.append(str(note))
    return [t for t in out if t]


def note_texts(meta: dict) -> list[str]:
    """The free-text notes of a proposal (委员反馈, 其他节点, 审查意见), as written in the file."""
    out = [str(meta[k]) for k in ("review_note", "审查意见") if meta.get(k)]
    for key, zh in (("feedback", "委员反馈"), ("events", "其他节点")):
        for item in meta.get(key, meta.get(zh)) or []:
            note = item.get("note", item.get("说明"))
            if note:
                out.append(str(note))
    return out


def split_notes(path: Path) -> tuple[str, list[str], list[str]]:
    """(disclosure, hidden, public) notes of a proposal: words about it, withheld with its text
    (docs/content-model.md), shown when it is public in full or in summary."""
    meta, _ = read_entry(path)
    disclosure = DISCLOSURE[str(meta.get("disclosure", meta.get("公开属性", "full")))]
    texts = note_texts(meta)
    return (disclosure, texts, []) if disclosure == "withheld" else (disclosure, [], texts)


def split_commitments(path: Path) -> tuple[str, list[str], list[str]]:
    """(disclosure, hidden, public) commitment texts of a reply: public only from a reply public in full."""
    meta, _ = read_entry(path)
    disclosure = DISCLOSURE[str(meta.get("disclosure", meta.get("公开属性", "full")))]
    texts = commitment_texts(meta)
    return (disclosure, [], texts) if disclosure == "full" else (disclosure, texts, [])


class Truth:
    """What the content files said, collected each time the test writes them (old versions count)."""

    def __init__(self):
        self.hidden: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (kind, disclosure) → (file, text)
        self.public: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.shown_notes: dict[tuple[str, str], list[tuple[str, str]]] = {}  # of proposals not withheld

    def read(self, content: Path) -> None:
        for path in sorted(content.rglob("*.md")):
            kind, disclosure, hidden, public = split_text(path)
            name = path.relative_to(content).as_posix()
            for store, texts in ((self.hidden, hidden), (self.public, public)):
                for text in texts:
                    if (name, text) not in store.setdefault((kind, disclosure), []):
                        store[(kind, disclosure)].append((name, text))
            if kind == "response":
                disclosure, hidden, public = split_commitments(path)
                for store, texts in ((self.hidden, hidden), (self.public, public)):
                    for text in texts:
                        if (name, text) not in store.setdefault(("commitment", disclosure), []):
                            store[("commitment", disclosure)].append((name, text))
            if kind == "proposal":  # public notes show on pages and in data, not all in search: kept apart
                disclosure, hidden, public = split_notes(path)
                for store, texts in ((self.hidden, hidden), (self.shown_notes, public)):
                    for text in texts:
                        if (name, text) not in store.setdefault(("note", disclosure), []):
                            store[("note", disclosure)].append((name, text))

    def public_rare(self) -> set[str]:
        return {c for store in (self.public, self.shown_notes) for texts in store.values() for _, t in texts
                for c in rare_chars(t)}


def rare_chars(text: str) -> set[str]:
    return {c for c in text if ord(c) in RARE}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def leaks(outputs, hidden, public_rare=frozenset()):
    """[(output path, file, what)] for each hidden sentence or character found in an output."""
    found = []
    for name, text in hidden:
        sentences = [squeeze(s) for s in re.split(r"(?<=。)", text) if squeeze(s)]
        chars = rare_chars(text) - public_rare
        for path, out_text in outputs:
            flat = squeeze(out_text)
            # Single characters are looked for in text, not in compiled files: Pagefind's wasm holds
            # 28 characters of CJK Extension A by chance (3-byte sequences of its code), the same in every build.
            loose = reader_of(path) in ("pagefind-wasm", "binary")
            hits = [s for s in sentences if s in flat] or ([] if loose else sorted(c for c in chars if c in out_text))
            if hits:
                found.append((path, name, hits[0]))
    return found


# --- the site: every kind × every disclosure, in git with an edit of each file ----------------


def announcement(slug, disclosure, body, **fields):
    meta = {"title": f"公告{slug}", "date": "2026-03-01", "kind": "news", "disclosure": disclosure, **fields}
    return f"announcements/2026/{slug}.md", front_matter(meta, body)


def promises() -> list:
    """A reply's commitments (承诺): new words and progress notes in each version."""
    return [{"text": sentence(), "due": "2026-12-31",
             "updates": [{"date": "2026-05-01", "status": "推进中", "note": sentence()}]}]


def notes(unit: str) -> dict:
    """A proposal's 审查意见, and its 委员反馈 and 其他节点 each with a note: new words in each version."""
    return {"review_note": sentence(), "feedback": [{"date": "2026-04-20", "satisfaction": "基本满意", "unit": unit, "note": sentence()}],
            "events": [{"date": "2026-03-01", "label": "办前协商", "note": sentence()}]}


def entries() -> dict:
    """Every kind with every disclosure; each body (and summary) new sentences in each version."""
    s = sentence
    files = [
        assigned_proposal("0001", title="不予公开的提案", disclosure="withheld", summary=s(), body=s() + "\n\n" + s(),
                          **notes("区发改委")),
        assigned_proposal("0002", title="摘要公开的提案", disclosure="summary", summary=s(), body=s() + "\n\n" + s(),
                          lead_units=["区民政局"], **notes("区民政局")),
        assigned_proposal("0003", title="全文公开的提案", handling="lead_co", co_units=["区民政局"], body=s(),
                          **notes("区发改委")),
        response("2026-0003", unit="fgw", disclosure="withheld", summary=s(), body=s() + "\n\n" + s(),
                 commitments=promises()),
        response("2026-0003", unit="mz", role="co", result=None, date="2026-04-03", disclosure="summary",
                 summary=s(), body=s(), commitments=promises()),
        assigned_proposal("0004", title="全文公开的第二件提案", lead_units=["区生态环境局"], body=s()),
        response("2026-0004", unit="sthj", body=s(), commitments=promises()),
        response("2026-0001", unit="fgw", body=s()),  # a public reply to a withheld proposal
        response("2026-0002", unit="mz", disclosure="withheld", body=s(), date="2026-04-05"),
        announcement("withheld", "withheld", s() + "\n\n" + s(), summary=s(), related=["2026-0003"]),
        announcement("summary", "summary", s(), summary=s()),
        announcement("full", "full", s()),
    ]
    out = {}
    for path, text in files:
        out[path] = text.replace("result: null\n", "")
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(output folder, Truth, [(output path, text)]) of one build: two commits, every file edited."""
    base = tmp_path_factory.mktemp("disclosure")
    repo = new_repo(base / "repo")
    content = repo / "content"
    truth = Truth()
    write_tree(content, {"site.yaml": site_yaml(), **entries()})
    truth.read(content)
    commit(repo, "Publish", "2026-04-06T09:00:00+08:00")
    write_tree(content, entries())
    truth.read(content)
    commit(repo, "Edit every text", "2026-05-06T09:00:00+08:00")
    out = base / "output"
    result = build(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, truth, list(read_outputs(out))


def by_reader(outputs):
    groups = {}
    for path, text in outputs:
        groups.setdefault(reader_of(path), []).append((path, text))
    return groups


def test_the_reader_sees_public_text_in_every_kind_of_output(site):
    """The checks below can only pass for the right reason if each reader really reads its files."""
    out, truth, outputs = site
    groups = by_reader(outputs)
    assert {"html", "feed", "json", "csv", "xml", "pagefind-fragment", "pagefind-index", "pagefind-pairs", "cache-pickle", "cache-marshal"} <= set(groups)

    def found_in(reader, text, whole=True):
        return [p for p, t in groups[reader] if (squeeze(text) in squeeze(t) if whole else rare_chars(text) <= set(t))]

    latest = {}  # file → its public texts now (the version the pages show)
    for (kind, disclosure), texts in truth.public.items():
        for name, text in texts:
            latest.setdefault((kind, disclosure, name), []).append(text)
    for (kind, disclosure, name), texts in latest.items():
        text = texts[-1]
        for reader in ("html", "feed", "json", "pagefind-fragment"):
            assert found_in(reader, text), (reader, name, text)
        assert found_in("pagefind-index", text, whole=False), (name, text)
        assert found_in("pagefind-pairs", text, whole=False), (name, text)  # search/pairs.py
    full_bodies = [t for (k, d), texts in truth.public.items() if d == "full" for _, t in texts]
    assert any(found_in("cache-pickle", t) for t in full_bodies)  # the kept renders
    # and the kept search corpus (plugins/search/kept_corpus.py: records as tokens, one character a word)
    corpus = [t for p, t in groups["cache-pickle"] if "/search-corpus/" in p]
    assert corpus and any(rare_chars(t) and rare_chars(t) <= set(c) for t in full_bodies for c in corpus)
    # History diffs: a full proposal's first text survives only in its page's diff of the edit.
    first_text = truth.public[("proposal", "full")][0][1]
    assert found_in("html", first_text) == ["proposals/2026/0003/index.html"]
    assert any("全文公开的提案" in t for _, t in groups["csv"])
    assert any("proposals/2026/0001/" in t for p, t in groups["xml"] if p == "sitemap.xml")


def test_public_rare_characters_are_not_shared_with_hidden_text(site):
    _, truth, _ = site
    hidden = {c for texts in truth.hidden.values() for _, t in texts for c in rare_chars(t)}
    assert hidden and truth.public_rare() and not hidden & truth.public_rare()


HIDDEN_KINDS = list(itertools.product(["proposal", "response", "announcement", "commitment"], ["withheld", "summary"]))


def test_a_proposals_notes_show_unless_it_is_withheld(site):
    """The notes of 审查意见, 委员反馈 and 其他节点 are on the page and in the data of a proposal public in full
    (so the leak check on the withheld one's notes can fail for the right reason)."""
    out, truth, outputs = site
    pages = dict(outputs)
    for disclosure, page in (("full", "proposals/2026/0003/index.html"), ("summary", "proposals/2026/0002/index.html")):
        shown = truth.shown_notes[("note", disclosure)]
        assert shown
        for name, text in shown[-3:]:  # the version the build shows (审查意见, 委员反馈, 其他节点)
            assert squeeze(text) in squeeze(pages[page]), (name, text)
            assert squeeze(text) in squeeze(pages["data/proposals.json"]), (name, text)
    withheld = pages["proposals/2026/0001/index.html"]
    assert "委员反馈：基本满意" in withheld and "办前协商" in withheld  # the steps themselves still show


def published(outputs):
    return [(p, t) for p, t in outputs if not p.startswith(".gongkai-cache/")]


def cached(outputs):
    return [(p, t) for p, t in outputs if p.startswith(".gongkai-cache/")]


@pytest.mark.parametrize("kind, disclosure", [*HIDDEN_KINDS, ("note", "withheld")])
def test_hidden_text_is_in_no_published_output(site, kind, disclosure):
    _, truth, outputs = site
    hidden = truth.hidden[(kind, disclosure)]
    assert hidden
    assert leaks(published(outputs), hidden, truth.public_rare()) == []


@pytest.mark.parametrize("kind, disclosure", [*HIDDEN_KINDS, ("note", "withheld")])
def test_hidden_text_is_not_in_the_build_cache(site, kind, disclosure):
    """The cache is not published, but it sits beside the output, where a careless upload takes it."""
    _, truth, outputs = site
    assert leaks(cached(outputs), truth.hidden[(kind, disclosure)], truth.public_rare()) == []


@pytest.mark.parametrize("name, title_from", [("proposals/2026/0001", "proposals/2026/0001"),
                                               ("responses/2026/0003-fgw", "proposals/2026/0003"),
                                               ("announcements/2026/withheld", "announcements/2026/withheld")])
def test_a_withheld_entry_still_shows_its_metadata(site, name, title_from):
    out, _, outputs = site
    page = dict(outputs)[f"{name}/index.html"]
    meta, _ = read_entry(out.parent / "repo/content" / f"{title_from}.md")
    assert meta["title"] in page and "不予公开" in page


# --- across builds and commits: text that was hidden when it was written ---------------------


@pytest.mark.parametrize("before", ["withheld", "summary"])
def test_text_hidden_when_written_never_shows_in_a_later_diff(tmp_path, before):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    truth = Truth()
    extra = {"summary": sentence()} if before == "summary" else {}
    write_tree(content, {"site.yaml": site_yaml(), **dict([assigned_proposal()]),
                         **dict([response(disclosure=before, body=sentence(), **extra)])})
    truth.read(content)
    commit(repo, "Publish the reply", "2026-04-02T09:00:00+08:00")
    write_tree(content, dict([response(body=sentence())]))  # now full, with a new text
    commit(repo, "Publish the reply's full text", "2026-05-02T09:00:00+08:00")
    out = tmp_path / "output"
    assert build(content, out).returncode == 0
    outputs = list(read_outputs(out))
    assert leaks(outputs, truth.hidden[("response", before)]) == []


def test_the_build_cache_forgets_a_text_once_it_is_withheld(tmp_path):
    """A reply published in full, then withheld: the next build's cache must not keep its text."""
    content = tmp_path / "content"
    body = sentence()
    others = [entry for n in range(2, 12) for entry in (assigned_proposal(f"{n:04d}", body=sentence()),
                                                         response(f"2026-{n:04d}", body=sentence()))]
    write_tree(content, {"site.yaml": site_yaml(), **dict([assigned_proposal(), response(body=body), *others])})
    out = tmp_path / "output"
    assert build(content, out).returncode == 0
    assert any(body in t for _, t in cached(read_outputs(out)))  # the first build kept its render
    write_tree(content, dict([response(body=body, disclosure="withheld")]))
    truth = Truth()
    truth.read(content)
    assert build(content, out).returncode == 0
    assert leaks(list(read_outputs(out)), truth.hidden[("response", "withheld")]) == []


# --- the shipped sample content ---------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parents[2] / "content"


def prose_sentences(text: str) -> list[str]:
    """Sentences of Markdown prose as a page shows them (emphasis and list marks dropped), 12+ characters."""
    plain = re.sub(r"^\s*(#+|[-*+]|\d+\.|>)\s*", "", text, flags=re.M).replace("*", "")
    return [s for s in (squeeze(p) for p in re.split(r"[。；！？\n]", plain)) if len(s) >= 12]


def test_the_shipped_sample_shows_no_text_its_files_hide(sample_site):
    truth = Truth()
    truth.read(SAMPLE)
    public = "".join(squeeze(t) for texts in truth.public.values() for _, t in texts)
    public += "".join(squeeze(str(v)) for p in SAMPLE.rglob("*.md") for v in read_entry(p)[0].values())
    hidden = [(name, s) for texts in truth.hidden.values() for name, text in texts
              for s in prose_sentences(text) if s not in public]
    assert {name for name, _ in hidden} >= {"proposals/2024/0104.md", "responses/2025/0085-cz.md"}
    outputs = [(p, squeeze(t)) for p, t in published(read_outputs(sample_site))]
    assert [(p, name, s) for name, s in hidden for p, t in outputs if s in t] == []
    # The same sentences of a full entry are found: the check reads what the pages show.
    shown = [s for _, t in truth.public[("proposal", "full")][:3] for s in prose_sentences(t)]
    assert shown and all(any(s in t for p, t in outputs if p.endswith(".html")) for s in shown)

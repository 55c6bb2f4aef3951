"""Chinese full-text search, through the real index in real Chromium.

A generated archive of a few hundred Chinese proposals, replies and announcements
is built with the CLI and served from 127.0.0.1. For each query (1 to 8 汉字, mixed
Chinese/ASCII, proposal numbers, and substrings cut at random from the archive)
the ground truth is every page whose searchable public text contains the query;
the search must find all of them (recall 1.0), and at least 95% of what it finds
must contain the query (precision).
"""
from __future__ import annotations

import gzip
import json
import random
import re
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.browser import chromium, require_browser, serve

from conftest import build, write_tree
from disclosure.site import load_site
from search.bundles import group_of
from search.records import all_records
from search.tokens import KEY_SPAN, display_text, index_text, pagefind_query, query_tokens
from tests.support.zharchive import archive

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).resolve().parents[2] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
SECRET = "绝密测试短语湖心亭七号"  # only ever written into withheld and summary-only bodies
N_PROPOSALS = 240

FIXED_QUERIES = [
    # 1 to 8 汉字
    "碳", "绿", "低碳", "金融", "碳排放", "养老", "绿色金融", "垃圾分类", "社区养老", "老旧小区改造",
    "电动自行车充电", "进一步控制碳排放", "智慧社区信息平台", "碳中和",
    # mixed Chinese / ASCII
    "PM2.5", "PM10", "LEED", "LEED v4.1", "5G", "CO2", "WiFi", "ESG", "PM2.5年均浓度", "APP、公众号",
    # proposal numbers and 文号
    "2023-0012", "0012", "2024-0031", "提复〔2024〕",
]




@pytest.fixture(scope="module")
def archive_site(tmp_path_factory):
    """(content folder, output folder) of the generated archive, built with root-relative links."""
    require_browser()
    base = tmp_path_factory.mktemp("search")
    content = write_tree(base / "content", archive(N_PROPOSALS, withheld_text=SECRET))
    out = base / "output"
    result = build(content, out, site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    return content, out


@pytest.fixture(scope="module")
def records(archive_site):
    """Every indexed record by URL, from the same core the build used."""
    site = load_site(archive_site[0])
    return {"/" + r.url: r for r in all_records(site)}


@pytest.fixture(scope="module")
def own_text(archive_site):
    """URL → what is the item's own, for ranking: a proposal's title, number (2023-0012, as pages
    print it, 2023年第0012号, and without its zeros, 第12号) and keywords; a reply's own title (if
    it has one) and 文号; an announcement's title and keywords."""
    from disclosure import urls

    site = load_site(archive_site[0])
    out = {}
    for p in site.all_proposals:
        printed = [f"{p.year}年第{p.number}号"] if p.number else []
        if p.number.isdigit() and p.number != p.number.lstrip("0"):
            printed.append(f"第{int(p.number)}号")
        # a list in one field is written with 、 between its items (a query may hold one)
        out["/" + urls.proposal(p)] = [p.title, "、".join([p.id, *printed]), "、".join(p.tags)]
    for x in site.all_responses:
        out["/" + urls.response(x)] = [x.title or "", x.doc_no or ""]
    for a in site.all_announcements:
        out["/" + urls.announcement(a)] = [a.title, *a.tags]
    return out


@pytest.fixture(scope="module")
def served(archive_site):
    out = archive_site[1]
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser(served):
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1024, "height": 900})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def search_page(browser, served):
    """One search page kept open, for running many queries through its own search.js."""
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    pg.goto(served + "search/")
    pg.wait_for_selector("[data-search-form]:not([hidden])")
    yield pg
    context.close()


def found(search_page, query: str, filters=None, order="") -> tuple[list[str], int, list[str], int]:
    """(URLs in order, how many hold the whole phrase, the words of a fallback or [], how many
    hold it in their own title, number or keywords) from search.js."""
    return search_page.evaluate("""async ([query, filters, order]) => {
        const ui = await import('/theme/js/search.js');
        const search = await ui.searchQuery(query, filters, order);
        if (!search) return [[], 0, [], 0];
        const data = await Promise.all(search.results.map(r => r.data()));
        return [data.map(d => d.url), search.phraseCount ?? search.results.length,
                search.fallback ? search.words : [], search.fallback ? 0 : search.ownCount];
    }""", [query, filters or {}, order])


def found_urls(search_page, query: str, filters=None, order="") -> list[str]:
    return found(search_page, query, filters, order)[0]


def norm(text: str) -> str:
    """Case and width folded, as the rule in docs/search.md says (independent of tokens.py)."""
    return unicodedata.normalize("NFKC", text).lower()


def truth(records, query: str) -> set[str]:
    """Pages holding the whole query, or, for words separated by spaces, every word."""
    words = norm(query).split()
    return {url for url, r in records.items() if all(w in norm(r.text) for w in words)}


def phrase_truth(records, query: str) -> set[str]:
    q = norm(query)
    return {url for url, r in records.items() if q in norm(r.text)}


found_urls_and_phrase = found


def random_queries(records, count=24, seed=3) -> list[str]:
    """Substrings of 1 to 8 characters cut at random from the archive's fields."""
    rng = random.Random(seed)
    fields = [f for r in sorted(records.values(), key=lambda r: r.url) for f in r.fields if f]
    out = []
    while len(out) < count:
        field = rng.choice(fields)
        size = rng.randint(1, 8)
        if len(field) < size:
            continue
        start = rng.randrange(len(field) - size + 1)
        q = field[start:start + size]
        if query_tokens(q) and q.strip() == q:
            out.append(q)
    return out


def test_every_query_finds_every_page_that_contains_it(search_page, records, own_text):
    queries = FIXED_QUERIES + random_queries(records)
    report, total_found, total_right, ranked = [], 0, 0, 0
    for query in queries:
        expected = truth(records, query)
        holding = len(expected)
        found, whole, fallback, own = found_urls_and_phrase(search_page, query)
        if fallback:  # no page holds the phrase: the page lists those holding each of its words
            assert not expected, query
            expected = truth(records, " ".join(fallback))
            whole = 0
        assert len(found) == len(set(found)), f"{query!r}: a page is listed twice"
        # Best match first: own title/number/keyword hits, other whole-phrase hits, the other
        # items holding every word; each part newest first.
        for part in (found[:own], found[own:whole], found[whole:]):
            dates = [records[u].date for u in part if u in records]
            assert dates == sorted(dates, reverse=True), f"{query!r}: not newest first across the bundles"
        if not fallback:
            q = norm(query).replace(" ", "")
            owning = {u for u in phrase_truth(records, query)
                      if any(q in norm(t).replace(" ", "") for t in own_text[u])}
            assert set(found[:own]) == owning, f"{query!r}: own-field hits are not the first {own}"
            ranked += bool(owning) and len(owning) < whole
        if len(query.split()) > 1:
            assert set(found[:whole]) >= phrase_truth(records, query), query
        by_time = found_urls(search_page, query, order="time")
        assert sorted(by_time) == sorted(found), f"{query!r}: 按时间 lists other items"
        dates = [records[u].date for u in by_time]
        assert dates == sorted(dates, reverse=True), f"{query!r}: 按时间 is not newest first"
        missing = expected - set(found)
        right = len(set(found) & expected)
        precision = right / len(found) if found else 1.0
        total_found += len(found)
        total_right += right
        report.append((query, holding, len(found), len(missing), precision))
        assert not missing, f"{query!r}: {len(missing)} of {len(expected)} pages not found, e.g. {sorted(missing)[:3]}"
        assert precision >= 0.95, f"{query!r}: precision {precision:.3f} ({right} of {len(found)})"
    assert total_right / total_found >= 0.95
    for query, n, got, missing, precision in report:  # shown with pytest -s
        print(f"{query!r}: {n} pages contain it, {got} found, {missing} missed, precision {precision:.3f}")
    # The archive must make the check meaningful: most queries match many pages, some match none.
    assert sum(1 for _, n, *_ in report if n >= 10) >= 15, report
    assert any(n == 0 for _, n, *_ in report), report
    assert ranked >= 10, "too few queries where own-field hits and text hits both occur"


def test_the_index_is_one_bundle_per_year_searched_as_one(search_page, records, archive_site):
    """Each year is its own bundle; the page merges them: one list, newest first, exact counts and filters."""
    years = sorted({group_of(r) for r in records.values()}, reverse=True)
    assert len(years) >= 3 and "other" not in years
    assert sorted(p.name for p in (archive_site[1] / "pagefind").iterdir()) == sorted(years)
    listed = json.loads(search_page.get_attribute("[data-search]", "data-pagefind-bundles"))
    assert [b["path"] for b in listed] == [f"/pagefind/{y}/" for y in years]
    # Replies that came in the next year sit in that year's bundle, among its proposals.
    assert any(r.kind == "response" and group_of(r) != r.filters["year"][0] for r in records.values())
    found = found_urls(search_page, "碳", order="time")
    bundles = [group_of(records[u]) for u in found]
    assert set(bundles) == set(years) and bundles == sorted(bundles, reverse=True)
    counts = search_page.evaluate("""async () => {
        const ui = await import('/theme/js/search.js');
        const search = await ui.find(ui.pagefindQuery('低碳'), {kind: '答复'});
        return [search.results.length, search.filters.kind['答复'], search.totalFilters.kind];
    }""")
    low_carbon = truth(records, "低碳")
    by_kind = {k: sum(1 for u in low_carbon if records[u].filters["kind"] == [k]) for k in ("提案", "答复", "公告")}
    assert counts == [by_kind["答复"], by_kind["答复"], by_kind]
    for filters in ({"year": "2023"}, {"kind": "答复", "year": "2024"}, {"status": "已办结", "unit": "区民政局"},
                    {"category": "生态环境"}):
        expected = {u for u in low_carbon if all(v in records[u].filters.get(k, []) for k, v in filters.items())}
        got = found_urls(search_page, "低碳", filters)
        assert expected and set(got) == expected, (filters, len(expected), len(got))
        if list(filters) == ["year"]:  # the year filter finds the late replies in the next year's bundle too
            assert {group_of(records[u]) for u in got} == {filters["year"], str(int(filters["year"]) + 1)}


def test_query_classes_have_matches(records):
    """The fixed queries are not vacuous: the archive really contains the tricky ones."""
    for query in ["碳排放", "绿色金融", "PM2.5", "LEED", "2023-0012", "进一步控制碳排放"]:
        assert truth(records, query), query
    assert not truth(records, "碳中和")


def test_query_tokens_are_the_same_in_python_and_javascript(search_page):
    queries = ["碳排放", "PM2.5 年均浓度", "LEED v4.1", "2023-0110", "“低碳”社区！", "ＡＢＣ１２", "𠀀字", "Ärger", "  "]
    js = search_page.evaluate("""async (qs) => {
        const ui = await import('/theme/js/search.js');
        return [qs.map(q => ui.pagefindQuery(q)), ui.KEY_SPAN];
    }""", queries)
    assert js == [[pagefind_query(q) for q in queries], KEY_SPAN]


def test_a_phrases_junction_pairs_are_tried_nearest_the_middle_first(search_page):
    """A phrase found nowhere is usually two known words or phrases typed together; the pair
    across the seam, near the middle, is the one the index lacks, so it is tried first (and the
    other years are searched for it as soon as the newest year lacks it)."""
    pairs = search_page.evaluate("""async (qs) => {
        const ui = await import('/theme/js/search.js');
        return qs.map((q) => ui.junctionPairs(q));
    }""", ["口袋公园光伏发电"])
    # The browser's segmenter cuts 口袋|公园|光|伏|发电: the pair at the middle seam first, then outwards.
    assert pairs == [['"园 光"', '"光 伏"', '"袋 公"', '"伏 发"']]


def test_search_page_reads_q_and_shows_count_kind_title_status_date_and_highlight(page, served, records,
                                                                                  own_text):
    expected = truth(records, "碳排放")
    page.goto(served + "search/?q=碳排放")
    status = page.locator("[data-search-status]")
    status.filter(has_text="找到").wait_for()
    assert status.inner_text() == f"找到 {len(expected)} 条结果"
    assert page.input_value("#search-q") == "碳排放"
    assert page.locator("input[type=search]").count() == 1, "one search box on the search page"
    results = page.locator(".search-result")
    assert results.count() == min(10, len(expected))
    first = results.first
    assert first.locator(".result-kind").inner_text() in {"提案", "答复", "公告"}
    assert first.locator(".result-status").inner_text()
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", first.locator("time").inner_text())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first.locator("time").get_attribute("datetime"))
    for i in range(results.count()):
        item = results.nth(i)
        href = item.locator("h2 a").get_attribute("href")
        assert href in expected
        assert item.locator("h2 a").inner_text() == records[href].meta["title"]
        marks = item.locator("mark").all_inner_texts()
        assert marks and all(m == "碳排放" for m in marks), marks
        snippet = item.locator(".snippet").inner_text()
        assert "\u2060" not in snippet and "\u2063" not in snippet and "碳排放" in snippet
    hrefs = [results.nth(i).locator("h2 a").get_attribute("href") for i in range(results.count())]
    own = [i for i, href in enumerate(hrefs) if any("碳排放" in t for t in own_text[href])]
    assert own == list(range(len(own))), "items whose own title holds the query come first"
    if len(expected) > 10:
        page.click("[data-search-more]")
        page.wait_for_function("document.querySelectorAll('.search-result').length > 10")
        # results appear one by one; focus moves to the first new one once they are in
        page.wait_for_function("document.activeElement.closest('.search-result') !== null", timeout=10_000)
        assert page.evaluate("document.activeElement.closest('.search-result') === document.querySelectorAll('.search-result')[10]")


def test_a_cold_search_fetches_each_index_file_once_and_no_worker(browser, served, records):
    """Every bundle's entry and metadata file and the WebAssembly are preloaded by the page,
    which Pagefind's own fetches then take: each is fetched once, not again by Pagefind, and
    Pagefind runs on the page, so its worker script is not fetched at all."""
    context = browser.new_context(locale="zh-CN")
    fetched = []
    context.on("request", lambda request: fetched.append(request.url))
    page = context.new_page()
    try:
        page.goto(served + "search/?q=碳")
        page.locator("[data-search-status]").filter(has_text="找到").wait_for()
        bundles = json.loads(page.get_attribute("[data-search]", "data-pagefind-bundles"))
    finally:
        context.close()
    index = [u.split("/pagefind/", 1)[1] for u in fetched if "/pagefind/" in u]
    assert not [u for u in index if "worker" in u], index
    assert len(index) == len(set(index)), sorted(u for u in index if index.count(u) > 1)
    names = [b["path"].split("/pagefind/", 1)[1] for b in bundles]
    for name, bundle in zip(names, bundles):
        assert f"{name}pagefind-entry.json?ts={bundle['meta']}" in index
        assert f"{name}pagefind.{bundle['meta']}.pf_meta" in index
    assert sum(u.endswith(".pagefind") for u in index) == 1  # the WebAssembly, from the newest bundle
    # A page opened without a query fetches no index file.
    context = browser.new_context(locale="zh-CN")
    fetched.clear()
    context.on("request", lambda request: fetched.append(request.url))
    page = context.new_page()
    try:
        page.goto(served + "search/")
        page.locator("[data-search-status]").filter(has_text="请输入").wait_for()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert [u for u in fetched if "/pagefind/" in u and not u.endswith("pagefind.js")] == []


@contextmanager
def oldest_year_held(browser, oldest, only=None):
    """A page whose requests for the oldest year's index chunks (`only` those named, if given)
    wait until `release()`: what is on screen meanwhile was found without them. Yields (page,
    waiting, release)."""
    held, holding = [], [True]
    context = browser.new_context(locale="zh-CN")

    def hold(route):
        if holding[0] and (only is None or route.request.url.rsplit("/", 1)[-1] in only):
            held.append(route)
        else:
            route.continue_()

    context.route(f"**/pagefind/{oldest}/index/**", hold)

    def release():
        holding[0] = False
        for route in held:
            route.continue_()

    page = context.new_page()

    def waiting():
        """Whether the oldest year's index was asked for and is held: the search may reach it only
        after the early page is drawn, so wait a little for its request (a race otherwise)."""
        for _ in range(100):
            if held:
                return True
            page.wait_for_timeout(50)
        return False

    try:
        yield page, waiting, release
    finally:
        context.close()


def shown_urls(page) -> list[str]:
    return page.locator(".search-result h2 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")


def first_page_of_whole_list(page, query, order="", filters=None):
    """The first page of the list one search of every year gives (the page is loaded by now)."""
    return page.evaluate("""async ([query, order, filters]) => {
        const ui = await import('/theme/js/search.js');
        const search = await ui.searchQuery(query, filters, order);
        return Promise.all(search.results.slice(0, 10).map(async r => (await r.data()).url));
    }""", [query, order, filters or {}])


@pytest.mark.parametrize("query, order", [("的", ""), ("的", "time"), ("的 建议", "")])
def test_the_newest_years_first_page_is_shown_while_older_years_are_searched(browser, served, records, own_text,
                                                                              query, order):
    """When the newest bundle alone holds a whole first page (of own-field hits, or for 按时间
    and one phrase of any hits), it is shown before the oldest year's index has arrived, and
    it is the same page as the whole list's; the count follows once every year is searched.
    Every proposal's title says 关于……的建议."""
    newest = max(group_of(r) for r in records.values())
    oldest = min(group_of(r) for r in records.values())
    phrase = query.replace(" ", "")
    own = [u for u in phrase_truth(records, phrase) if group_of(records[u]) == newest
           and any(phrase in t for t in own_text[u])]
    assert len(own) >= 10, "the newest year must hold a first page of own-field hits"
    with oldest_year_held(browser, oldest) as (page, waiting, release):
        page.goto(served + "search/?q=" + query + ("&sort=time" if order else ""))
        page.wait_for_function("document.querySelectorAll('.search-result').length === 10")
        assert waiting(), "the oldest year's index chunks are still held back"
        assert page.locator("[data-search-status]").inner_text() == "正在搜索…"
        early = shown_urls(page)
        assert all(group_of(records[u]) == newest for u in early)
        release()
        status = page.locator("[data-search-status]")
        status.filter(has_text="找到").wait_for()
        assert status.inner_text().startswith(f"找到 {len(truth(records, query))} 条结果")
        shown = shown_urls(page)
        whole = first_page_of_whole_list(page, query, order)
        assert shown == early == whole
        assert page.locator("[data-search-more]").is_visible()


@pytest.mark.parametrize("query, kind", [("PM2.5", ""), ("LEED", ""), ("PM2.5", "公告")])
def test_the_newest_years_body_hits_are_shown_early_when_no_older_title_could_hold_the_query(
        browser, served, records, own_text, query, kind):
    """No title, number or keyword of an older year holds one of the query's ASCII characters
    (the titles are Chinese), so no older item can rank above the newest year's body hits:
    they are shown before the oldest year's index has arrived, and are the whole list's first.
    Fewer than a page of them (PM2.5 in the newest year's announcements: 2 of 5) are shown
    early, and the rest of the first page is added below them."""
    kinds = {u for u, r in records.items() if not kind or r.filters["kind"] == [kind]}
    newest = max(group_of(r) for r in records.values())
    oldest = min(group_of(r) for r in records.values())
    older_own = unicodedata.normalize("NFKC", "".join(
        t for u, ts in own_text.items() if group_of(records[u]) != newest for t in ts)).lower()
    assert [ch for ch in query.lower() if ch not in older_own], "an older own field must lack a query character"
    hits = [u for u in phrase_truth(records, query) & kinds if group_of(records[u]) == newest]
    assert hits and not [u for u in hits if any(norm(query) in norm(t) for t in own_text[u])], "body hits in the newest year only"
    with oldest_year_held(browser, oldest) as (page, waiting, release):
        page.goto(served + "search/?q=" + query + (f"&kind={kind}" if kind else ""))
        page.wait_for_function(f"document.querySelectorAll('.search-result').length === {min(10, len(hits))}")
        assert waiting(), "the oldest year's index chunks are still held back"
        assert page.locator("[data-search-status]").inner_text() == "正在搜索…"
        early = shown_urls(page)
        assert set(early) <= set(hits)
        release()
        status = page.locator("[data-search-status]")
        status.filter(has_text="找到").wait_for()
        assert status.inner_text().startswith(f"找到 {len(truth(records, query) & kinds)} 条结果")
        shown = shown_urls(page)
        whole = first_page_of_whole_list(page, query, filters={"kind": kind} if kind else None)
        assert len(shown) == min(10, len(truth(records, query) & kinds))
        assert shown == whole and early == whole[:len(early)]


def test_fewer_than_a_page_of_the_newest_years_title_hits_are_shown_early(browser, served, records, own_text):
    """低碳 among proposals: two of the newest year's have it in their own title or keywords,
    older years' have it there too. Those two are the whole list's first, so they are shown
    while the oldest year is searched, and the rest of the first page follows below them."""
    query, kind = "低碳", "提案"
    newest = max(group_of(r) for r in records.values())
    oldest = min(group_of(r) for r in records.values())
    hits = {u for u in phrase_truth(records, query) if records[u].filters["kind"] == [kind]}
    own = [u for u in hits if any(norm(query) in norm(t) for t in own_text[u])]
    newest_own = [u for u in own if group_of(records[u]) == newest]
    assert 1 <= len(newest_own) < 10 and len(own) > len(newest_own), "a few own-field hits in the newest year"
    with oldest_year_held(browser, oldest) as (page, waiting, release):
        page.goto(served + f"search/?q={query}&kind={kind}")
        page.wait_for_function(f"document.querySelectorAll('.search-result').length === {len(newest_own)}")
        assert waiting(), "the oldest year's index chunks are still held back"
        assert page.locator("[data-search-status]").inner_text() == "正在搜索…"
        early = shown_urls(page)
        assert set(early) == set(newest_own)
        release()
        page.locator("[data-search-status]").filter(has_text="找到").wait_for()
        shown = shown_urls(page)
        whole = first_page_of_whole_list(page, query, filters={"kind": kind})
        assert len(shown) == min(10, len(hits)) and shown == whole and early == whole[:len(early)]
        assert set(whole[:len(own)] if len(own) < 10 else whole) <= set(own)


def test_a_proposal_number_of_an_earlier_year_is_shown_early_from_its_years_bundle(browser, served, records, own_text):
    """2023-0012 is the own number of one proposal of 2023, whose replies and other items
    mention it. The ASCII runs of each year's own fields (gongkai-own.json) tell the page that
    no other year's title, number or keyword can hold it, so the newest year and 2023 are
    searched first: the proposal is shown first, with the newest year's mentions after it,
    while the oldest year's index is still held back, and that is the whole list's first page."""
    query = "2023-0012"
    newest = max(group_of(r) for r in records.values())
    oldest = min(group_of(r) for r in records.values())
    owning = [u for u in phrase_truth(records, query) if any(norm(query) in norm(t) for t in own_text[u])]
    assert len(owning) == 1 and group_of(records[owning[0]]) not in (newest, oldest)
    with oldest_year_held(browser, oldest) as (page, waiting, release):
        page.goto(served + "search/?q=" + query)
        page.locator(".search-result").first.wait_for(timeout=15_000)
        assert waiting(), "the oldest year's index chunks are still held back"
        assert page.locator("[data-search-status]").inner_text() == "正在搜索…"
        early = shown_urls(page)
        assert early[0] == owning[0]
        release()
        page.locator("[data-search-status]").filter(has_text="找到").wait_for()
        assert page.locator("[data-search-status]").inner_text() == f"找到 {len(truth(records, query))} 条结果"
        whole = first_page_of_whole_list(page, query)
        assert shown_urls(page) == whole and early == whole[:len(early)]


def index_chunks(browser, served, year, phrase) -> set[str]:
    """The names of a year's index chunks that a search of `phrase` (an exact phrase) fetches."""
    context = browser.new_context(locale="zh-CN")
    fetched = []
    context.on("request", lambda request: fetched.append(request.url))
    try:
        page = context.new_page()
        page.goto(served + "search/")
        page.wait_for_selector("[data-search-form]:not([hidden])")
        page.evaluate("async (q) => { const ui = await import('/theme/js/search.js'); await ui.find(q); }", phrase)
    finally:
        context.close()
    return {u.rsplit("/", 1)[-1] for u in fetched if f"/pagefind/{year}/index/" in u}


@pytest.mark.parametrize("query, order", [("口袋公园光伏发电", ""), ("口袋公园 光伏发电", ""),
                                          ("口袋公园 光伏发电", "time")])
def test_a_phrase_no_item_holds_shows_its_words_first_page_before_every_year_is_searched(
        browser, served, records, query, order):
    """No item holds 口袋公园光伏发电, typed together (the page falls back to its words) or
    apart. No item holds 园光 either (the source text says so), and without the pair index (its
    shards fail to load here) the page proves the phrase absent from each year by searching that
    pair of characters, which needs only their index chunks. So with the oldest year's other
    chunks held back (those of 口, 袋, 公, 伏, 发, 电, which its
    words need), the newest year's items holding every word are shown, and they are the whole
    list's first page; the labelled fallback and the count follow once every year is searched."""
    newest = max(group_of(r) for r in records.values())
    oldest = min(group_of(r) for r in records.values())
    phrase = query.replace(" ", "")
    assert not phrase_truth(records, phrase) and not phrase_truth(records, "园光")
    pair = index_chunks(browser, served, oldest, '"园 光"')
    held = index_chunks(browser, served, oldest, pagefind_query(phrase)) - pair
    assert held, "the oldest year's words need chunks that the pair does not"
    words = ["口袋", "公园", "光伏", "发电"] if query == phrase else query.split()
    holding = {u for u, r in records.items() if all(w in norm(r.text) for w in words)}
    assert [u for u in holding if group_of(records[u]) == newest] and [u for u in holding if group_of(records[u]) == oldest]
    with oldest_year_held(browser, oldest, only=held) as (page, waiting, release):
        refused = []
        page.route("**/search/pairs/**", lambda route: (refused.append(route.request.url), route.abort()))
        page.goto(served + "search/?q=" + query + ("&sort=time" if order else ""))
        page.locator(".search-result").first.wait_for(timeout=15_000)
        assert waiting(), "the oldest year's index chunks are still held back"
        assert page.locator("[data-search-status]").inner_text() == "正在搜索…"
        early = shown_urls(page)
        assert early and all(group_of(records[u]) == newest for u in early)
        release()
        status = page.locator("[data-search-status]")
        status.filter(has_text="条结果").wait_for()
        said = "、".join(words)
        assert status.inner_text() == (f"未找到完整短语“{query}”，以下 {len(holding)} 条结果同时包含：{said}" if query == phrase
                                       else f"找到 {len(holding)} 条结果，同时包含：{said}")
        whole = first_page_of_whole_list(page, query, order)
        assert shown_urls(page) == whole and early == whole[:len(early)]
        assert refused, "the page asked for the pair index, and went on without it"


@pytest.mark.parametrize("query", ["口袋公园光伏发电", "口袋公园 光伏发电"])
def test_a_phrase_no_item_holds_shows_its_words_first_page_with_no_older_years_index_chunk(
        browser, served, records, query):
    """No item holds 口袋公园光伏发电, nor its middle pair 园光 (the source text says so). The
    pair index (which years hold each pair of adjacent characters) proves that from one small
    file, so with every index chunk of the oldest year held back, the newest year's items holding
    every word are shown at once, and they are the whole list's first page."""
    newest = max(group_of(r) for r in records.values())
    oldest = min(group_of(r) for r in records.values())
    phrase = query.replace(" ", "")
    assert not phrase_truth(records, phrase) and not phrase_truth(records, "园光")
    words = ["口袋", "公园", "光伏", "发电"] if query == phrase else query.split()
    holding = {u for u, r in records.items() if all(w in norm(r.text) for w in words)}
    assert [u for u in holding if group_of(records[u]) == newest]
    with oldest_year_held(browser, oldest) as (page, waiting, release):
        page.goto(served + "search/?q=" + query)
        page.locator(".search-result").first.wait_for(timeout=15_000)
        assert page.locator("[data-search-status]").inner_text() == "正在搜索…"
        early = shown_urls(page)
        assert early and all(group_of(records[u]) == newest for u in early)
        release()
        page.locator("[data-search-status]").filter(has_text="条结果").wait_for()
        whole = first_page_of_whole_list(page, query, "")
        assert shown_urls(page) == whole and early == whole[:len(early)]


def test_the_pair_index_rules_out_each_older_year_by_any_pair_it_lacks(built, browser):
    """2025 holds 园光 and 光伏, the seams of 口袋公园光伏发电 (花园光伏板), so neither pair alone
    rules it out; but it lacks 口袋 (the source text says so), so it cannot hold the phrase, which
    the pair index shows. With every 2025 index chunk held back, the 2026 item holding the words
    口袋、公园、光伏、发电 is shown, and it is the whole list's first result."""
    from conftest import proposal
    newest = proposal("0001", 2026, title="关于口袋公园的建议", body="建设口袋公园，推进光伏发电。")
    older = proposal("0001", 2025, title="关于屋顶的建议", body="花园光伏板。")
    assert "园光" in older[1] and "光伏" in older[1] and "口袋" not in older[1]
    out = built([newest, older], site_url=None)
    with serve(out) as url:
        with oldest_year_held(browser, "2025") as (page, waiting, release):
            page.goto(url + "search/?q=口袋公园光伏发电")
            page.locator(".search-result").first.wait_for(timeout=15_000)
            assert page.locator("[data-search-status]").inner_text() == "正在搜索…"
            assert shown_urls(page) == ["/proposals/2026/0001/"]
            release()
            status = page.locator("[data-search-status]")
            status.filter(has_text="条结果").wait_for()
            assert status.inner_text() == "未找到完整短语“口袋公园光伏发电”，以下 1 条结果同时包含：口袋、公园、光伏、发电"
            assert shown_urls(page) == ["/proposals/2026/0001/"]


def test_the_pair_index_lists_every_pair_of_adjacent_characters_of_every_item(archive_site, records):
    """Leaving out a pair a year holds would prove a phrase absent that is there: every pair of
    adjacent non-space characters in each line of every item's text (NFKC, lower-cased) is
    listed for its year, in the shard the page would read."""
    from search.pairs import shard_of
    out = archive_site[1]
    page = (out / "search" / "index.html").read_text(encoding="utf-8")
    index = json.loads(re.search(r"data-search-pairs='([^']*)'", page).group(1))
    bundles = json.loads(re.search(r"data-pagefind-bundles='([^']*)'", page).group(1))
    folder = out / index["path"].strip("/")
    shards = [json.loads((folder / f"{k}.json").read_text(encoding="utf-8")) for k in range(index["shards"])]
    assert all(s["covers"] == [b["meta"] for b in bundles] for s in shards)
    bit = {b["path"].strip("/").rsplit("/", 1)[-1]: i for i, b in enumerate(bundles)}
    missing, seen = [], 0
    for url, record in records.items():
        for line in unicodedata.normalize("NFKC", record.text).lower().splitlines():
            chars = [c for c in line if not c.isspace()]
            for a, b in zip(chars, chars[1:]):
                pair = " ".join(query_tokens(a + b))
                holders = shards[shard_of(pair, index["shards"])]["pairs"].get(pair, 0)
                seen += 1
                if not holders >> bit[group_of(record)] & 1:
                    missing.append((url, pair))
    assert seen > 100_000 and not missing[:5]


def test_snippets_show_the_pages_own_characters(page, served, records):
    """The index folds width (，is searched as ,), but a snippet shows the text as the page
    wrote it: its full-width comma and brackets, not the folded ones. Each snippet's pieces
    are in the item's source text (spaces collapsed); the highlight of (第1期) is （第1期）."""
    def source(record):
        return re.sub(r"\s+", " ", record.text)

    page.goto(served + "search/?q=代表参加")  # in bodies, after a comma: "…推进会，街道办事处代表参加"
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()
    shown = 0
    for item in page.locator(".search-result").all():
        record = records[item.locator("h2 a").get_attribute("href")]
        for piece in re.split(r"\s*·\s*", item.locator(".snippet").inner_text().strip("…")):
            assert piece.strip() in source(record), piece
            shown += "，" in piece
    assert shown, "a snippet with a full-width comma"
    page.goto(served + "search/?q=(第1期)")
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()
    assert "（第1期）" in page.locator(".search-result mark").all_inner_texts()


def test_ascii_highlight_spans_the_punctuation(page, served):
    page.goto(served + "search/?q=PM2.5")
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()
    assert set(page.locator(".search-result mark").all_inner_texts()) == {"PM2.5"}


def test_filters_narrow_results_and_live_in_the_address(page, served, records):
    expected = {u for u in truth(records, "低碳") if records[u].kind == "proposal"}
    page.goto(served + "search/?q=低碳")
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()
    options = page.locator("#filter-kind option").evaluate_all("os => os.map(o => o.textContent)")
    assert options == ["全部", "提案", "答复", "公告"], "no made-up counts"
    assert not page.locator("#filter-kind").is_visible(), "filters folded behind 筛选"
    page.locator("summary", has_text="筛选").click()
    page.select_option("#filter-kind", "提案")
    page.locator("[data-search-status]").filter(has_text="已筛选").wait_for()
    assert page.locator("[data-search-status]").inner_text() == f"找到 {len(expected)} 条结果（已筛选）"
    replies = sum(1 for u in truth(records, "低碳") if records[u].kind == "response")
    assert page.locator("#filter-kind option").nth(2).inner_text() == f"答复（{replies}）"
    assert "kind=%E6%8F%90%E6%A1%88" in page.url
    kinds = set(page.locator(".search-result .result-kind").all_inner_texts())
    assert kinds == {"提案"}
    unit = "区民政局"
    both = {u for u in expected if unit in records[u].filters.get("unit", [])}
    page.select_option("#filter-unit", unit)
    want = f"找到 {len(both)} 条结果（已筛选）" if both else "没有找到包含“低碳”的结果（已筛选）。"
    page.wait_for_function("want => document.querySelector('[data-search-status]').textContent === want", arg=want)
    # A bookmark of the filtered search shows the same.
    page.goto(page.url)
    page.locator("[data-search-status]").filter(has_text="已筛选").wait_for()
    assert page.input_value("#filter-kind") == "提案" and page.input_value("#filter-unit") == unit
    assert page.locator("#filter-kind").is_visible(), "a set filter shows the filters"


def test_typing_a_query_updates_the_address_and_announces_the_count(page, served, records):
    page.goto(served + "search/")
    assert page.locator("[data-search-status]").inner_text() == "请输入要搜索的字词。"
    page.get_by_label("搜索提案、答复和公告的全文").fill("绿色金融")
    page.keyboard.press("Enter")
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()
    assert "q=%E7%BB%BF%E8%89%B2%E9%87%91%E8%9E%8D" in page.url
    assert page.locator("[data-search-status]").inner_text() == f"找到 {len(truth(records, '绿色金融'))} 条结果"
    page.go_back()
    page.locator("[data-search-status]").filter(has_text="请输入").wait_for()


def test_header_search_box_is_a_plain_form_that_leads_to_results(page, served):
    page.goto(served + "proposals/")
    box = page.get_by_role("search", name="全站搜索").get_by_label("搜索提案、答复和公告")
    box.fill("LEED")
    box.press("Enter")
    page.wait_for_url("**/search/?q=LEED")
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()


def test_withheld_text_is_never_found_nor_in_the_index(page, served, archive_site, records):
    content = archive_site[0]
    hidden = [f for f in content.rglob("*.md") if SECRET in f.read_text(encoding="utf-8")]
    assert any("withheld" in f.read_text(encoding="utf-8") for f in hidden)
    assert any("summary:" in f.read_text(encoding="utf-8") for f in hidden)
    assert not truth(records, SECRET)
    page.goto(served + "search/?q=" + SECRET)
    page.locator("[data-search-status]").filter(has_text="没有找到").wait_for()
    assert page.locator(".search-result").count() == 0
    for part in (SECRET[:4], SECRET[-4:]):
        page.goto(served + "search/?q=" + part)
        page.locator("[data-search-status]").filter(has_text="没有找到").wait_for()
    spaced = index_text([SECRET])
    bundle = archive_site[1] / "pagefind"
    for file in bundle.rglob("*.pf_*"):
        data = gzip.decompress(file.read_bytes())
        assert SECRET.encode() not in data and spaced.encode() not in data and SECRET[:4].encode() not in data, file
        if file.suffix == ".pf_fragment":
            assert SECRET[:4] not in display_text(json.loads(data[12:])["content"])


def test_search_page_without_javascript_points_to_the_listings(browser, served):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(served + "search/?q=低碳")
    notice = page.locator("[data-search-nojs]")
    assert notice.is_visible() and "JavaScript" in notice.inner_text()
    assert not page.locator("[data-search-form]").is_visible()
    links = notice.locator("a")
    assert {links.nth(i).get_attribute("href") for i in range(links.count())} >= {
        "/proposals/", "/years/", "/status/", "/categories/", "/units/", "/announcements/"}
    context.close()


def test_search_page_is_usable_by_keyboard_and_labelled(page, served):
    page.goto(served + "search/?q=低碳")
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()
    assert page.get_by_label("搜索提案、答复和公告的全文").count() == 1
    for label in ("排序", "类型", "办理状态", "类别", "承办单位", "年度"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite" and "找到" in status.inner_text()
    page.focus("#search-q")
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert reached[:3] == ["BUTTON", "search-sort", "SUMMARY"], reached
    assert reached[3] == "A" and page.evaluate("document.activeElement.closest('.search-result') !== null"), \
        "the first result is the next stop"
    page.focus(".search-filters-fold > summary")  # not the header's 菜单
    page.keyboard.press("Enter")
    reached = []
    for _ in range(5):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
    assert reached == ["filter-kind", "filter-status", "filter-category", "filter-unit", "filter-year"], reached


@pytest.mark.skipif(not AXE_JS.is_file(), reason="axe-core is not installed (tools/node_modules)")
def test_search_page_with_results_passes_axe(page, served):
    page.goto(served + "search/?q=碳排放")
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
        .then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))""")
    assert violations == []


def test_a_year_that_failed_to_load_is_loaded_again_and_counted_once(browser, served, records):
    """The oldest year's bundle does not load (a network error): the search says it cannot
    search. The next search loads it again, and finds every page once, the same count as
    the substring truth, not the years that did load a second time."""
    oldest = min(group_of(r) for r in records.values())
    failing = [True]
    context = browser.new_context(locale="zh-CN")
    context.route(f"**/pagefind/{oldest}/pagefind-entry.json*",
                  lambda route: route.abort() if failing[0] else route.continue_())
    page = context.new_page()
    try:
        page.goto(served + "search/?q=碳")
        status = page.locator("[data-search-status]")
        status.filter(has_text="搜索暂时无法使用").wait_for()
        failing[0] = False
        page.locator("#search-q").press("Enter")
        status.filter(has_text="找到").wait_for()
        assert status.inner_text() == f"找到 {len(truth(records, '碳'))} 条结果"
    finally:
        context.close()

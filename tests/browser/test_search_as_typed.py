"""Search as residents type it, in real Chromium at phone width, on a small site of our own.

Residents search for a proposal's keywords, type words apart with a space, type
half-width punctuation for full-width text, and run two words together that stand
apart on the page. Ground truth is the fixture text below, never the index.
"""
from __future__ import annotations

import pytest

from conftest import assigned_proposal, build, proposal, response, site_yaml, write_tree
from tests.support.browser import AXE_JS, axe_violations, chromium, require_browser, serve

pytestmark = pytest.mark.browser

CHARGING = "2026-0001"  # 电动车 … 充电, apart; tagged 营商环境; a feedback note
PARK = "2026-0002"  # 梓山公园 … 排淤, apart; （第57号提案） in full-width brackets
MERGED = "2026-0003"  # tagged 低碳社区, which its text never says
PARCELS = "2026-0004"  # newer; says 非机动车停放 and 低碳社区 in its text only
WITHHELD_REPLY_SECRET = "绝不公开的答复内容丙丁戊"
LATE = "2026-0005"  # assigned 2026-02-10, 90 days: due 2026-05-11, unanswered on the build date 2026-11-23
WAITING = "2026-0006"  # assigned 2026-10-01: due 2026-12-30, not yet late

FILES = dict([
    assigned_proposal("0001", title="关于完善非机动车停放管理的建议", tags=["营商环境", "电动自行车"],
                      handling="lead_co", co_units=["区民政局"],
                      body="建议在老旧小区增设电动车集中停放点，并同步规划建设充电设施。",
                      feedback=[{"date": "2026-06-01", "satisfaction": "satisfied", "unit": "区发改委",
                                 "note": "希望尽快公布停放点选址名单"}]),
    proposal("0002", title="关于改善城东水环境的建议",
             body="梓山公园位于城东，湖面淤积较重。建议汛期前组织排淤（第57号提案曾提及此事）。"),
    proposal("0003", title="关于社区节能改造的建议", tags=["低碳社区"], merged_into=CHARGING,
             review="merged", review_date="2026-02-01", body="建议推广节能灯具。"),
    proposal("0004", title="关于增设社区快递柜的建议", submitted="2026-03-01",
             body="快递柜选址不得占用非机动车停放区域，可参照低碳社区的做法。"),
    assigned_proposal("0005", title="关于增设街心公共厕所的建议", body="建议在街心花园增设公共厕所。"),
    assigned_proposal("0006", title="关于修缮街心篮球场的建议", assigned="2026-10-01", body="建议修缮篮球场。"),
    response(CHARGING, unit="mz", role="co", date="2026-05-20", body="融文于城，创建为民。办复类别：Ａ"),
    response(CHARGING, unit="fgw", date="2026-05-25", disclosure="withheld",
             body=WITHHELD_REPLY_SECRET),
])


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    require_browser()
    base = tmp_path_factory.mktemp("typed")
    content = write_tree(base / "content", {"site.yaml": site_yaml(), **FILES})
    out = base / "output"
    result = build(content, out, site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def phone(site_url):
    with chromium() as browser:
        context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812}, is_mobile=True)
        yield context.new_page()
        context.close()


def search(phone, site_url, query) -> tuple[str, list[str]]:
    """(the status line, the result URLs shown) after searching the way a resident does."""
    phone.goto(site_url + "search/")
    phone.wait_for_selector("[data-search-form]:not([hidden])")
    phone.fill("#search-q", query)
    phone.keyboard.press("Enter")
    status = phone.locator("[data-search-status]")
    status.filter(has_text="结果").wait_for()
    phone.wait_for_function("() => !document.querySelector('[data-search-results]').hasAttribute('aria-busy')")
    hrefs = phone.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return status.inner_text(), hrefs


def proposal_url(pid):
    year, number = pid.split("-")
    return f"/proposals/{year}/{number}/"


@pytest.mark.parametrize("query", ["营商环境", "电动自行车", "低碳社区"])
def test_keywords_find_their_proposals(phone, site_url, query):
    status, hrefs = search(phone, site_url, query)
    tagged = {CHARGING} if query != "低碳社区" else {MERGED}
    assert {proposal_url(p) for p in tagged} <= set(hrefs), (query, status, hrefs)


def test_feedback_notes_and_reply_units_are_found(phone, site_url):
    _, hrefs = search(phone, site_url, "停放点选址名单")
    assert proposal_url(CHARGING) in hrefs
    _, hrefs = search(phone, site_url, "区民政局")
    assert any(h.startswith("/responses/2026/0001-mz") for h in hrefs), hrefs


def test_words_apart_with_a_space_find_items_holding_both(phone, site_url):
    status, hrefs = search(phone, site_url, "电动车 充电")
    assert hrefs == [proposal_url(CHARGING)], (status, hrefs)
    assert "同时包含：电动车、充电" in status
    status, hrefs = search(phone, site_url, "梓山公园 排淤")
    assert hrefs == [proposal_url(PARK)], (status, hrefs)


def test_half_width_punctuation_finds_full_width_text(phone, site_url):
    _, hrefs = search(phone, site_url, "(第57号提案")
    assert hrefs == [proposal_url(PARK)]
    _, hrefs = search(phone, site_url, "融文于城,创建为民")
    assert hrefs and hrefs[0].startswith("/responses/2026/0001-mz")
    _, hrefs = search(phone, site_url, "办复类别: A")
    assert hrefs and hrefs[0].startswith("/responses/2026/0001-mz")


def test_words_run_together_fall_back_to_the_words_and_say_so(phone, site_url):
    status, hrefs = search(phone, site_url, "梓山公园排淤")
    assert hrefs == [proposal_url(PARK)], (status, hrefs)
    assert status.startswith("未找到完整短语“梓山公园排淤”"), status
    assert status.endswith("同时包含：梓山、公园、排淤"), status


def test_withheld_reply_text_is_not_found(phone, site_url):
    status, hrefs = search(phone, site_url, WITHHELD_REPLY_SECRET[:6])
    assert hrefs == [] and status.startswith("没有找到"), status


def test_phone_first_result_is_on_the_first_screen(phone, site_url):
    search(phone, site_url, "建议")
    first = phone.locator(".search-result").first.bounding_box()
    assert first["y"] + 40 < 812, first
    assert phone.locator("input[type=search]").count() == 1
    assert not phone.locator("#filter-kind").is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width


def results_at(phone, address) -> tuple[str, list[str]]:
    """(the status line, the result URLs shown) of a search page opened at an address."""
    phone.goto(address)
    status = phone.locator("[data-search-status]")
    status.filter(has_text="结果").wait_for()
    phone.wait_for_function("() => !document.querySelector('[data-search-results]').hasAttribute('aria-busy')")
    return status.inner_text(), phone.locator(".search-result h2 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def test_a_proposal_number_lists_the_proposal_before_its_replies(phone, site_url):
    """Its replies mention 2026-0001 and are newer; the proposal's own page comes first."""
    status, hrefs = search(phone, site_url, CHARGING)
    assert hrefs[0] == proposal_url(CHARGING), hrefs
    assert any(h.startswith("/responses/2026/0001-mz") for h in hrefs[1:]), hrefs
    assert status == f"找到 {len(hrefs)} 条结果", status


@pytest.mark.parametrize("query", ["第0001号", "2026年第0001号", "0001号", "第1号", "2026年 第0001号"])
def test_a_proposal_number_as_the_site_prints_it_or_without_its_zeros_finds_the_proposal_first(phone, site_url, query):
    """Every page names 2026-0001 "2026年 第0001号"; news reports often write "第1号提案". Residents
    type what they read."""
    status, hrefs = search(phone, site_url, query)
    assert hrefs and hrefs[0] == proposal_url(CHARGING), (query, status, hrefs)


def test_a_number_mentioned_in_a_text_is_still_found_there(phone, site_url):
    """2026-0002's text says （第57号提案…）: no proposal 57 here, and the mention is found."""
    _, hrefs = search(phone, site_url, "第57号")
    assert hrefs == [proposal_url(PARK)], hrefs


def test_a_proposal_past_its_deadline_unanswered_says_so_in_the_results(phone, site_url):
    """As its page's badges do: 办理中 and 逾期未答复 for 2026-0005 (due 2026-05-11, the build date is
    2026-11-23); 2026-0006, due 2026-12-30, is 办理中 only; answered 2026-0001 is neither."""
    _, hrefs = search(phone, site_url, "街心")
    badges = phone.locator(".search-result").evaluate_all(
        "items => items.map(i => [i.querySelector('h2 a').getAttribute('href'),"
        " [...i.querySelectorAll('.badge')].map(b => b.textContent)])")
    assert dict(badges) == {proposal_url(LATE): ["提案", "办理中", "逾期未答复"],
                            proposal_url(WAITING): ["提案", "办理中"]}, badges


@pytest.mark.parametrize("query, meant", [
    ("发展改革委", [("区发改委", "/units/fgw/")]),  # 测试区发展和改革委员会, shortened as names are
    ("生态局", [("区生态环境局", "/units/sthj/")]),
    ("民政局", [("区民政局", "/units/mz/")]),  # as written
    ("经济建设", [("经济建设", "/categories/economy/")]),  # a category (site.yaml)
    ("区局", []),  # two characters not written together: named by no one
    ("测试区委", []),  # the place every unit's name starts with, then 委: no unit's own name
    ("建议", []),
])
def test_a_unit_or_category_a_query_names_is_offered_as_a_link_to_its_page(phone, site_url, query, meant):
    """Residents name a unit as they say it (卫健委, 建管委: characters of its name, in order); the
    page then offers the unit's own page above the results, whatever the results are."""
    search(phone, site_url, query)
    box = phone.locator(".search-meant")
    shown = box.locator("a").evaluate_all("links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert [tuple(x) for x in shown] == meant and box.is_visible() == bool(meant), (query, shown)
    for link in box.locator("a").all():
        size = link.bounding_box()
        assert size["height"] >= 40, (query, size)


def test_a_title_hit_comes_before_a_newer_body_hit_and_by_time_is_the_other_order(phone, site_url):
    """非机动车停放 is in 2026-0001's title (and so in its replies' titles, made from it) and in
    the text of 2026-0004, which is newer; the proposal whose own title holds it is first."""
    status, hrefs = search(phone, site_url, "非机动车停放")
    assert hrefs[0] == proposal_url(CHARGING) and proposal_url(PARCELS) in hrefs, (status, hrefs)
    assert phone.input_value("#search-sort") == ""  # 最相关, the default
    phone.select_option("#search-sort", label="按时间")
    phone.wait_for_url("**sort=time**")
    phone.wait_for_function("() => { const a = document.querySelector('.search-result h2 a');"
                            f" return a !== null && a.getAttribute('href') !== {proposal_url(CHARGING)!r}; }}")
    phone.wait_for_function("() => !document.querySelector('[data-search-results]').hasAttribute('aria-busy')")
    by_time = phone.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(by_time) == sorted(hrefs) and by_time[-1] == proposal_url(CHARGING), by_time  # the oldest
    assert by_time.index(proposal_url(PARCELS)) < by_time.index(proposal_url(CHARGING)), by_time
    assert phone.locator("[data-search-status]").inner_text() == status  # the same exact count
    # The order is kept in the address: a bookmark opens it.
    status, hrefs = results_at(phone, site_url + "search/?q=" + CHARGING + "&sort=time")
    assert phone.input_value("#search-sort") == "time"
    assert hrefs[0] != proposal_url(CHARGING) and proposal_url(CHARGING) in hrefs, hrefs  # replies are newer
    assert status == f"找到 {len(hrefs)} 条结果", status


def test_keywords_rank_as_their_own(phone, site_url):
    """低碳社区 is a keyword of 2026-0003, which its text never says; the newer 2026-0004 says it."""
    _, hrefs = search(phone, site_url, "低碳社区")
    assert hrefs == [proposal_url(MERGED), proposal_url(PARCELS)], hrefs


def suggestions_shown(phone) -> dict[str, list[tuple[str, str]]]:
    """{heading: [(link text, href)]} of the suggestions box, {} when it is hidden."""
    box = phone.locator("[data-search-suggestions]")
    if not box.is_visible():
        return {}
    shown = box.evaluate("""box => Object.fromEntries([...box.querySelectorAll('section')].map(s =>
        [s.querySelector('h2').textContent, [...s.querySelectorAll('a')].map(a => [a.textContent,
                                                                               a.getAttribute('href')])]))""")
    return {heading: [tuple(link) for link in links] for heading, links in shown.items()}


def test_nothing_found_suggests_near_titles(phone, site_url):
    """非机动车管理办法: no page says it, nor 办法; 2026-0001's title holds 非机动车 and 管理."""
    status, hrefs = search(phone, site_url, "非机动车管理办法")
    assert hrefs == [] and status.startswith("没有找到包含“非机动车管理办法”的结果"), status
    assert "相近的标题和名称" in status
    shown = suggestions_shown(phone)
    assert shown["相近的标题"][0] == ("关于完善非机动车停放管理的建议", proposal_url(CHARGING)), shown
    if AXE_JS.is_file():
        assert axe_violations(phone) == []  # the suggestions, headings and links pass WCAG 2.1 AA


def test_nothing_found_suggests_units_and_categories(phone, site_url):
    """民政部门养老补贴: nothing holds 养老; 区民政局 is a unit, 经济建设 a category."""
    status, hrefs = search(phone, site_url, "民政部门养老补贴")
    assert hrefs == [] and status.startswith("没有找到"), status
    shown = suggestions_shown(phone)
    assert shown.get("相关的承办单位和类别", [])[:1] == [("测试区民政局", "/units/mz/")], shown
    assert "相近的标题" not in shown, shown
    _, hrefs = search(phone, site_url, "经济补贴办法")
    assert ("经济建设", "/categories/economy/") in suggestions_shown(phone).get("相关的承办单位和类别", [])
    # A search that finds something offers nothing.
    _, hrefs = search(phone, site_url, "民政")
    assert hrefs and suggestions_shown(phone) == {}


def items_holding(word) -> int:
    """How many of the fixture's published items say `word` (ground truth: the source files)."""
    return sum(word in text for text in FILES.values() if WITHHELD_REPLY_SECRET not in text)


def words_offered(phone) -> list[tuple[str, str | None]]:
    """The 分别搜索各词 list: (the line as shown, the link's address or None)."""
    return phone.locator("[data-search-suggestions] section").filter(has_text="分别搜索各词").locator("li").evaluate_all(
        "items => items.map(li => [li.textContent, li.querySelector('a')?.getAttribute('href') ?? null])")


def test_words_never_together_say_how_many_items_hold_each(phone, site_url):
    """梓山公园 is said in 2026-0002 only, 节能灯具 in 2026-0003 only, 无此词语 nowhere: no item holds two."""
    status, hrefs = search(phone, site_url, "梓山公园 节能灯具")
    assert hrefs == [] and status.startswith("没有找到包含“梓山公园 节能灯具”的结果"), status
    assert [items_holding("梓山公园"), items_holding("节能灯具")] == [1, 1]
    assert "各词分别：梓山公园 找到 1 条；节能灯具 找到 1 条。" in status, status
    offered = words_offered(phone)
    assert [line for line, _ in offered] == ["梓山公园（找到 1 条）", "节能灯具（找到 1 条）"], offered
    # Each word found is a link that searches that word alone, and finds the item saying it.
    phone.locator("[data-search-suggestions] a", has_text="节能灯具").click()
    phone.wait_for_function("() => /找到/.test(document.querySelector('[data-search-status]').textContent)")
    assert phone.locator(".search-result h2 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))") == [proposal_url(MERGED)]
    assert phone.locator("#search-q").input_value() == "节能灯具"
    # A word found nowhere is said, with its 0, and is no link.
    status, _ = search(phone, site_url, "梓山公园 无此词语")
    assert items_holding("无此词语") == 0
    assert "各词分别：梓山公园 找到 1 条；无此词语 找到 0 条。" in status, status
    assert [href is None for _, href in words_offered(phone)] == [False, True]


def test_a_phrase_whose_words_never_meet_says_how_many_items_hold_each(phone, site_url):
    """梓山公园节能灯具 run together: no item holds it, nor all of its words."""
    status, hrefs = search(phone, site_url, "梓山公园节能灯具")
    assert hrefs == [] and status.startswith("没有找到包含“梓山公园节能灯具”的结果"), status
    offered = words_offered(phone)
    words = [line.split("（")[0] for line, _ in offered]
    assert len(words) > 1 and "".join(words) == "梓山公园节能灯具", offered  # the browser's own cut
    for (line, href), word in zip(offered, words):
        assert line == f"{word}（找到 {items_holding(word)} 条）", (line, items_holding(word))
        assert (href is not None) == (items_holding(word) > 0), (line, href)
    assert "各词分别：" + "；".join(f"{w} 找到 {items_holding(w)} 条" for w in words) + "。" in status, status


# Each suggestion link as a finger meets it: the largest of its own boxes and its row's box
# that a tap anywhere in (corners and centre, by elementFromPoint) lands on the link; and for a
# note after a title, whether it starts a line of its own although it fits after the title.
TAPS = """() => [...document.querySelectorAll('[data-search-suggestions] li')].filter(li => li.querySelector('a')).map(li => {
  const a = li.querySelector('a');
  li.scrollIntoView({block: 'center'});
  const lands = r => [[r.left + 1, r.top + 1], [r.right - 1, r.top + 1], [r.left + 1, r.bottom - 1],
                      [r.right - 1, r.bottom - 1], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]]
    .every(([x, y]) => document.elementFromPoint(x, y)?.closest('a') === a);
  const area = r => Math.min(r.width, r.height);
  const tap = [...a.getClientRects(), li.getBoundingClientRect()].filter(lands)
    .reduce((best, r) => area(r) > area(best) ? r : best, {width: 0, height: 0});
  const text = document.createRange(); text.selectNodeContents(a);
  const last = [...text.getClientRects()].at(-1);
  const note = document.createRange(); note.setStartAfter(a); note.setEndAfter(li.lastChild);
  const first = [...note.getClientRects()].find(r => r.width > 0);
  const stranded = !!first && first.top > last.top + 1 && last.right + first.width <= li.getBoundingClientRect().right - 1;
  return {text: a.textContent, width: Math.round(tap.width), height: Math.round(tap.height), stranded};
})"""


@pytest.mark.parametrize("query", ["非机动车管理办法", "民政部门养老补贴", "梓山公园 节能灯具"])
def test_every_suggestion_is_a_tap_target_of_40px_and_its_note_follows_its_title(phone, site_url, query):
    """What nothing-found offers (near titles, units and categories, each word apart) on a phone:
    a finger finds each link in a box at least 40 x 40 px, and a note such as （提案） stays on the
    title's last line whenever it fits there."""
    status, hrefs = search(phone, site_url, query)
    assert hrefs == [] and status.startswith("没有找到"), status
    shown = [link for links in suggestions_shown(phone).values() for link, _ in links]
    taps = phone.evaluate(TAPS)
    assert [t["text"] for t in taps] == shown and shown  # every link offered was measured
    small = [(t["text"], t["width"], t["height"]) for t in taps if t["width"] < 40 or t["height"] < 40]
    assert small == [], small
    assert [t["text"] for t in taps if t["stranded"]] == []


def test_suggestions_are_fetched_only_when_nothing_is_found(phone, site_url):
    """A query that finds something does not fetch what the page offers when nothing is found."""
    fetched = []

    def note(request):
        fetched.append(request.url)

    phone.on("request", note)
    try:
        phone.goto("about:blank")  # a fresh page: the module may not be loaded yet
        _, hrefs = search(phone, site_url, "梓山公园")
        assert hrefs == [proposal_url(PARK)]
        assert not [u for u in fetched if "search-suggestions" in u], fetched
        status, _ = search(phone, site_url, "梓山公园 无此词语")
        assert "各词分别" in status
        assert [u for u in fetched if "search-suggestions" in u], fetched
    finally:
        phone.remove_listener("request", note)


def test_pagefind_is_preloaded_once_beside_the_page_script(phone, site_url):
    """The page names Pagefind's script for preloading, and a fresh browser fetches it once."""
    context = phone.context.browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812},
                                                is_mobile=True)
    try:
        page = context.new_page()
        fetched = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(site_url + "search/?q=梓山公园")
        page.locator("[data-search-status]").filter(has_text="找到").wait_for()
        script = page.locator("[data-search]").get_attribute("data-pagefind")
        assert page.locator("head link[rel=modulepreload]").get_attribute("href") == script
        full = page.evaluate("s => new URL(s, location).href", script)
        assert [u for u in fetched if u.endswith("/pagefind.js")] == [full], fetched
    finally:
        context.close()

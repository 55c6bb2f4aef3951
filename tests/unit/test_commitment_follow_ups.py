"""Follow-ups (回头看, 督办调研, 办理情况评估) on a proposal, linked to the reply commitments they review.

Ground truth is the fixture files written here: which numbers each event names, the replies'
dates and the words of their commitments; the line of each error is found in the file's own text.
"""
import datetime as dt

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import commitments, follow_ups
from disclosure.site import load_site

PROPOSAL = "proposals/2026/0001.md"
ITEMS = [{"text": "年内建成三处社区食堂。", "due": "2026-12-31",
          "updates": [{"date": "2026-10-20", "status": "已完成"}]},
         {"text": "六月底前出台老年助餐补贴办法。", "due": "2026-06-30"},
         {"text": "逐步扩大助餐服务覆盖面。"}]
LOOK_BACK = {"date": "2026-09-10", "label": "回头看", "note": "区政协提案委组织委员察看三处食堂。", "reviews": [1, 2]}


def load(make_content, files, today=BUILD_DATE):
    return load_site(make_content(dict(files)), today=today)


def line_of(site, path, text, after=None):
    """1-based line of the first line containing text (after the line containing `after`)."""
    lines = (site.root / path).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines, 1) if i > start and text in line)


def texts(follow_up):
    return [c.commitment.text for c in follow_up.reviewed]


def test_a_look_back_names_the_commitments_it_reviewed(make_content):
    site = load(make_content, [assigned_proposal(events=[LOOK_BACK]), response(commitments=ITEMS)])
    assert site.report.ok, site.report.format()
    [f] = follow_ups.of_proposal(site, "2026-0001")
    assert (f.event.label, f.event.date, texts(f)) == ("回头看", dt.date(2026, 9, 10), [ITEMS[0]["text"], ITEMS[1]["text"]])
    assert f.key == "event-2026-09-10-回头看"  # the step key the timeline and the feed already use
    first, second, third = commitments.of_proposal(site, "2026-0001")
    assert [x.event.label for x in follow_ups.of_commitment(site, first)] == ["回头看"]
    assert follow_ups.of_commitment(site, third) == []
    # The first commitment's progress: the 回头看 (09-10) before the update that reports it done (10-20).
    assert [(d, kind) for d, kind, _ in follow_ups.story(site, first)] == [
        (dt.date(2026, 9, 10), "follow_up"), (dt.date(2026, 10, 20), "update")]


def test_all_and_chinese_keys_and_a_reply_named_by_its_unit(make_content):
    """Two replies record commitments: 全部 reviews both; numbers need the reply (区民政局's second one)."""
    events = [{"日期": "2026-09-01", "名称": "办理情况评估", "回顾承诺": "全部"},
              {"日期": "2026-10-01", "名称": "督办调研", "答复": "区民政局", "回顾承诺": "第2项"}]
    site = load(make_content, [
        assigned_proposal(handling="lead_co", co_units=["区民政局"], 其他节点=events),
        response(commitments=ITEMS[:1]),
        response(unit="mz", role="co", result=None, date="2026-04-05",
                 commitments=[{"text": "民政甲。"}, {"text": "民政乙。"}])])
    assert site.report.ok, site.report.format()
    review, visit = follow_ups.of_proposal(site, "2026-0001")
    assert texts(review) == [ITEMS[0]["text"], "民政甲。", "民政乙。"]
    assert texts(visit) == ["民政乙。"]


def test_a_reply_not_public_in_full_shows_the_event_without_its_commitments(make_content):
    site = load(make_content, [assigned_proposal(events=[LOOK_BACK]), response(commitments=ITEMS, disclosure="withheld")])
    assert site.report.ok, site.report.format()
    [f] = follow_ups.of_proposal(site, "2026-0001")
    assert f.reviewed == ()
    assert [s.label for s in site.life("2026-0001").timeline if s.kind == "event"] == ["回头看"]


# -- staff errors: exact wording, file, line, key; all at once ------------------------------


def test_an_unknown_commitment_and_a_review_before_the_reply_are_reported_at_once(make_content):
    events = [{"date": "2026-09-10", "label": "回头看", "reviews": [1, 4]},
              {"date": "2026-03-20", "label": "督办调研", "reviews": [1]},
              {"date": "2026-10-01", "label": "办理情况评估", "reviews": "一些"}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS)])
    formatted = [p.format() for p in site.report.sorted()]
    assert formatted == [
        f"{PROPOSAL}:{line_of(site, PROPOSAL, '- 4')} [events[1].reviews[2]] 「4」 错误："
        "区发改委的答复（2026-04-01）只有 3 项承诺，没有第 4 项。 "
        "可用的值：1–3（答复中 commitments 的序号 / the numbers of the reply's commitments）\n"
        "  error: The reply 2026/0001-fgw has 3 commitment(s); there is no number 4. "
        "Allowed: 1–3（答复中 commitments 的序号 / the numbers of the reply's commitments）",
        f"{PROPOSAL}:{line_of(site, PROPOSAL, 'date:', after='reviews:')} [events[2].date] 「2026-03-20」 错误："
        "督办调研（2026-03-20）早于所回顾承诺的答复日期（2026-04-01）：只能回顾答复之后的落实情况。 "
        "可用的值：2026-04-01 或之后的日期 / 2026-04-01 or later\n"
        "  error: The event (2026-03-20) is before the date of the reply whose commitments it reviews (2026-04-01); "
        "a follow-up reviews what was done after the reply. Allowed: 2026-04-01 或之后的日期 / 2026-04-01 or later",
        f"{PROPOSAL}:{line_of(site, PROPOSAL, 'reviews: 一些')} [events[3].reviews] 「一些」 错误："
        "回顾的承诺要写序号：答复 commitments 中的第几项（从 1 数起）。 "
        "可用的值：承诺的序号列表（答复 commitments 中的第几项，从 1 数起），例如 [1, 2]；或 全部 / "
        "a list of commitment numbers, from 1, e.g. [1, 2]; or all\n"
        "  error: Write the number of each reviewed commitment: its place in the reply's 'commitments' (from 1). "
        "Allowed: 承诺的序号列表（答复 commitments 中的第几项，从 1 数起），例如 [1, 2]；或 全部 / "
        "a list of commitment numbers, from 1, e.g. [1, 2]; or all",
    ]


def test_which_reply_must_be_said_when_several_record_commitments(make_content):
    events = [{"date": "2026-09-10", "label": "回头看", "reviews": [1]},
              {"date": "2026-09-11", "label": "回头看", "reply": "区教育局", "reviews": [1]}]
    site = load(make_content, [
        assigned_proposal(handling="lead_co", co_units=["区民政局"], events=events),
        response(commitments=ITEMS[:1]),
        response(unit="mz", role="co", result=None, date="2026-04-05", commitments=[{"text": "民政甲。"}])])
    missing, unknown = site.report.sorted()
    assert (missing.key, missing.line, missing.zh, missing.allowed) == (
        "events[1].reply", line_of(site, PROPOSAL, "reviews:"),
        "本提案有 2 份答复记录了承诺，请用 reply 写明回顾的是哪一份答复的承诺。",
        "区发改委（2026/0001-fgw）、区民政局（2026/0001-mz）")
    assert (unknown.key, unknown.value, unknown.line, unknown.zh) == (
        "events[2].reply", "区教育局", line_of(site, PROPOSAL, "reply: 区教育局"),
        "找不到这份答复：reply 写本提案记录了承诺的答复的单位名称（或简称），或答复编号。")
    assert unknown.en.startswith("There is no such reply")


def test_reviews_on_a_proposal_whose_replies_promise_nothing(make_content):
    site = load(make_content, [assigned_proposal(events=[LOOK_BACK]), response()])
    [p] = site.report.problems
    assert (p.key, p.value, p.zh, p.en) == (
        "events[1].reviews", "1、2", "本提案的答复还没有记录承诺（commitments），没有可以回顾的承诺。",
        "No reply of this proposal records commitments, so there is nothing to review.")
    assert p.line == line_of(site, PROPOSAL, "reviews:")
    assert "commitments" in p.allowed and "reviews" in p.allowed  # what staff may do instead


def test_an_event_before_the_submission_is_named_by_its_own_place_and_line(make_content):
    """`check` names the event that is dated too early by its place in 其他节点 and its line, even
    when an earlier event was dropped for a mistake of its own (events are counted as written)."""
    from conftest import run_cli

    events = [{"日期": "2026-13-10", "名称": "办前协商"}, {"日期": "2026-01-02", "名称": "回头看"}]
    root = make_content(dict([assigned_proposal(其他节点=events)]))
    result = run_cli("check", "--content", str(root))
    lines = (root / PROPOSAL).read_text(encoding="utf-8").splitlines()
    second = next(i for i, line in enumerate(lines, 1) if "2026-01-02" in line)
    assert result.returncode == 1
    assert f"{PROPOSAL}:{second} [events[2].date] 「2026-01-02」 错误：办理节点（2026-01-02）早于提交日期（2026-01-10）。" \
        in result.stderr, result.stderr


def test_an_event_after_a_broken_item_is_named_by_its_own_place_and_line(make_content):
    """An item of 其他节点 that is not a mapping is reported and skipped; the next one's mistakes
    still name it (events[2]) and its own lines, not the broken item's."""
    from conftest import run_cli

    events = ["办前协商", {"date": "2026-09-10", "label": "回头看", "reviews": [1, 4]}]
    root = make_content(dict([assigned_proposal(events=events), response(commitments=ITEMS)]))
    result = run_cli("check", "--content", str(root))
    lines = (root / PROPOSAL).read_text(encoding="utf-8").splitlines()
    four = next(i for i, line in enumerate(lines, 1) if line.strip() == "- 4")
    assert result.returncode == 1
    assert f"{PROPOSAL}:{four} [events[2].reviews[2]] 「4」 错误：" in result.stderr, result.stderr


def test_two_commitments_of_one_reply_with_the_same_words_are_an_error(make_content):
    """A commitment is known by its words (its anchor, its feed items, the follow-ups that review
    it): a reply that lists the same words twice is stopped at the second, with its line, before a
    回头看 of one shows on both."""
    from conftest import run_cli

    twice = [ITEMS[0], {"text": " " + ITEMS[0]["text"]}]
    root = make_content(dict([assigned_proposal(events=[dict(LOOK_BACK, reviews=[2])]), response(commitments=twice)]))
    result = run_cli("check", "--content", str(root))
    path = "responses/2026/0001-fgw.md"
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    second = [i for i, line in enumerate(lines, 1) if ITEMS[0]["text"] in line][1]
    assert result.returncode == 1, result.stderr
    assert f"{path}:{second} [commitments[2].text] 「{ITEMS[0]['text']}」 错误：这项承诺与第 1 项的文字相同" in result.stderr, \
        result.stderr
    assert "The words of this commitment are those of commitment 1" in result.stderr


def test_a_commitment_after_a_broken_item_is_named_by_its_own_line(make_content):
    from conftest import run_cli

    root = make_content(dict([assigned_proposal(), response(commitments=["建成食堂", {"text": "x", "due": "2026-13-01"}])]))
    result = run_cli("check", "--content", str(root))
    path = "responses/2026/0001-fgw.md"
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    due = next(i for i, line in enumerate(lines, 1) if "2026-13-01" in line)
    assert f"{path}:{due} [commitments[2].due] 「2026-13-01」 错误：" in result.stderr, result.stderr


def test_reply_may_name_the_reply_by_its_id_or_path(make_content):
    for written in ("2026/0001-mz", "responses/2026/0001-mz.md", "content\\responses\\2026\\0001-mz.md"):
        site = load(make_content, [
            assigned_proposal(handling="lead_co", co_units=["区民政局"],
                              events=[dict(LOOK_BACK, reviews=[1], reply=written)]),
            response(commitments=ITEMS),
            response(unit="mz", role="co", result=None, date="2026-04-05", commitments=[{"text": "提供场地。"}])])
        assert site.report.ok, (written, site.report.format())
        [f] = follow_ups.of_proposal(site, "2026-0001")
        assert texts(f) == ["提供场地。"], written

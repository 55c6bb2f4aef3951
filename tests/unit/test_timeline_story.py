"""The timeline as the public reads it: every step's date, wording and stable key, from the files.

The expected text is written out here from the front matter (proposers, units' short names in
site.yaml, the reply classes' labels), so a change in wording or order shows as a failure.
"""
import datetime as dt

from conftest import BUILD_DATE, assigned_proposal, proposal, response
from disclosure import lifecycle
from disclosure.site import load_site


def load(make_content, files, today=BUILD_DATE):
    site = load_site(make_content(dict(files)), today=today)
    assert site.report.ok, site.report.format()
    return site


FEEDBACK = [{"date": "2026-04-10", "satisfaction": "不满意", "unit": "区发改委", "note": "措施不够具体。"},
            {"date": "2026-06-10", "satisfaction": "满意"}]
EVENTS = [{"date": "2026-03-01", "label": "办前协商", "note": "与提案者座谈。"}]
STORY = [
    assigned_proposal(proposers=["张三", "李四", "王五", "赵六"], handling="lead_co", co_units=["区民政局"],
                      events=EVENTS, feedback=FEEDBACK, closed="2026-06-20"),
    response(result="C"),
    response(unit="mz", role="co", result=None, date="2026-04-05"),
    response(suffix="-2", date="2026-06-01", result="B", supersedes="2026/0001-fgw"),
]


def test_every_step_reads_as_the_files_tell_it(make_content):
    life = load(make_content, STORY).life("2026-0001")
    assert [s.as_dict() for s in life.timeline] == [
        {"date": "2026-01-10", "step": "submitted", "label": "提交提案", "detail": "提案者：张三、李四、王五等"},
        {"date": "2026-02-01", "step": "review", "label": "审查：立案", "detail": ""},
        {"date": "2026-02-10", "step": "assigned", "label": "交办承办单位", "detail": "主办：区发改委；会办：区民政局"},
        {"date": "2026-03-01", "step": "event", "label": "办前协商", "detail": "与提案者座谈。"},
        {"date": "2026-04-01", "step": "reply", "label": "区发改委答复",
         "detail": "办理角色：主办；答复类别：C（留作参考）", "response": "2026/0001-fgw"},
        {"date": "2026-04-05", "step": "reply", "label": "区民政局答复", "detail": "办理角色：会办",
         "response": "2026/0001-mz"},
        {"date": "2026-04-10", "step": "feedback", "label": "委员反馈：不满意（对区发改委）", "detail": "措施不够具体。"},
        {"date": "2026-06-01", "step": "reply", "label": "区发改委重新答复",
         "detail": "办理角色：主办；答复类别：B（列入计划拟解决）", "response": "2026/0001-fgw-2"},
        {"date": "2026-06-10", "step": "feedback", "label": "委员反馈：满意", "detail": ""},
        {"date": "2026-06-20", "step": "closed", "label": "办结", "detail": ""},
    ]
    assert [s.key for s in life.timeline] == [
        "submitted", "review", "assigned", "event-2026-03-01-办前协商", "reply-2026/0001-fgw", "reply-2026/0001-mz",
        "feedback-2026-04-10-fgw", "reply-2026/0001-fgw-2", "feedback-2026-06-10-all", "closed"]
    assert [s.ref for s in life.timeline if s.kind != "reply"] == [""] * 7


def test_three_proposers_are_named_without_et_al(make_content):
    life = load(make_content, [proposal(proposers=["张三", "李四", "王五"])]).life("2026-0001")
    assert [s.detail for s in life.timeline] == ["提案者：张三、李四、王五"]


def test_split_handling_names_every_split_unit(make_content):
    files = [assigned_proposal(handling="split", lead_units=["区发改委", "区民政局"])]
    life = load(make_content, files).life("2026-0001")
    assert life.timeline[-1].detail == "分办：区发改委、区民政局"


def test_merged_proposal_names_the_one_it_joined(make_content):
    files = [proposal("0001", review="merged", review_date="2026-02-01", merged_into="2026-0002"), proposal("0002")]
    life = load(make_content, files).life("2026-0001")
    assert [(s.label, s.detail) for s in life.timeline] == [
        ("提交提案", "提案者：张三"), ("审查：并案", "并入提案 2026-0002")]


def test_steps_of_one_day_keep_the_lifecycle_order(make_content):
    """Reply, feedback and 办结 on one day: the story still reads reply → feedback → 办结."""
    files = [assigned_proposal(feedback=[{"date": "2026-04-01", "satisfaction": "满意"}], closed="2026-04-01",
                               events=[{"date": "2026-04-01", "label": "回头看"}]),
             response()]
    life = load(make_content, files).life("2026-0001")
    assert [s.kind for s in life.timeline] == ["submitted", "review", "assigned", "event", "reply", "feedback",
                                               "closed"]


def test_first_and_last_replies_and_days_to_reply(make_content):
    site = load(make_content, STORY)
    life = site.life("2026-0001")
    assert life.first_reply == dt.date(2026, 4, 1)
    assert life.last_lead_reply == dt.date(2026, 4, 1)  # the answer was complete on the first lead reply
    assert life.days_to_reply == (dt.date(2026, 4, 1) - dt.date(2026, 2, 10)).days
    assert life.status == "closed" and life.flags == ["reopened"]
    assert [u.slug for u in life.pending_units] == []
    assert life.superseded == {"2026/0001-fgw"}
    assert [x.id for x in life.responses] == ["2026/0001-fgw", "2026/0001-mz", "2026/0001-fgw-2"]


def test_first_reply_is_the_earliest_whatever_the_file_names(make_content):
    """区民政局 (mz) replied before 区发改委 (fgw), though its file sorts after."""
    p = assigned_proposal(handling="lead_co", co_units=["区民政局"])
    site = load(make_content, [p, response(date="2026-04-20"),
                               response(unit="mz", role="co", result=None, date="2026-03-05")])
    life = site.life("2026-0001")
    assert life.first_reply == dt.date(2026, 3, 5)
    assert [x.id for x in life.responses] == ["2026/0001-mz", "2026/0001-fgw"]


def test_feedback_on_the_day_of_the_reply_counts(make_content):
    fb = [{"date": "2026-04-01", "satisfaction": "满意"}]
    assert load(make_content, [assigned_proposal(feedback=fb), response()]).life("2026-0001").status == "evaluated"


def test_a_later_reply_that_supersedes_nothing_does_not_reopen(make_content):
    p = assigned_proposal(handling="lead_co", co_units=["区民政局"],
                          feedback=[{"date": "2026-04-10", "satisfaction": "不满意"}])
    files = [p, response(), response(unit="mz", role="co", result=None, date="2026-04-20")]
    assert load(make_content, files).life("2026-0001").flags == []


def test_a_re_reply_on_the_day_of_the_dissatisfied_feedback_reopens(make_content):
    files = [assigned_proposal(feedback=[{"date": "2026-04-10", "satisfaction": "不满意"}]), response(),
             response(suffix="-2", date="2026-04-10", supersedes="2026/0001-fgw")]
    assert load(make_content, files).life("2026-0001").flags == ["reopened"]


def test_feedback_for_each_reply(make_content):
    """Same unit or none named, on or after the reply, before that unit's next reply."""
    site = load(make_content, STORY)
    p, life = site.proposals["2026-0001"], site.life("2026-0001")
    by_id = {x.id: x for x in life.responses}

    def dates(rid):
        return [f.date.isoformat() for f in lifecycle.feedback_for(p, life, by_id[rid])]

    assert dates("2026/0001-fgw") == ["2026-04-10"]
    assert dates("2026/0001-mz") == ["2026-06-10"]
    assert dates("2026/0001-fgw-2") == ["2026-06-10"]
    same_day = load(make_content, [assigned_proposal(feedback=[{"date": "2026-04-01", "satisfaction": "满意"}]),
                                   response()])
    sp, sl = same_day.proposals["2026-0001"], same_day.life("2026-0001")
    assert [f.satisfaction for f in lifecycle.feedback_for(sp, sl, sl.responses[0])] == ["satisfied"]


def test_superseded_by_names_the_re_reply(make_content):
    life = load(make_content, STORY).life("2026-0001")
    by_id = {x.id: x for x in life.responses}
    assert lifecycle.superseded_by(life, by_id["2026/0001-fgw"]).id == "2026/0001-fgw-2"
    assert lifecycle.superseded_by(life, by_id["2026/0001-fgw-2"]) is None
    assert lifecycle.superseded_by(life, by_id["2026/0001-mz"]) is None


def test_publicity_window_is_open_through_its_last_day(make_content):
    notice = "---\ntitle: 关于社区食堂选址的公示\ndate: 2026-05-01\nkind: {kind}\n{until}---\n\n正文。\n"
    files = {"announcements/2026/a.md": notice.format(kind="publicity", until="until: 2026-05-08\n"),
             "announcements/2026/b.md": notice.format(kind="publicity", until=""),
             "announcements/2026/c.md": notice.format(kind="result", until="")}
    site = load(make_content, files)
    a, b, c = sorted(site.all_announcements, key=lambda x: x.path)
    assert lifecycle.publicity_window(a, dt.date(2026, 5, 8)) == "open"
    assert lifecycle.publicity_window(a, dt.date(2026, 5, 9)) == "closed"
    assert lifecycle.publicity_window(a, dt.date(2026, 5, 1)) == "open"
    assert lifecycle.publicity_window(b, dt.date(2026, 5, 1)) is None
    assert lifecycle.publicity_window(c, dt.date(2026, 5, 1)) is None


def test_a_reply_without_date_is_reported_not_a_crash(make_content):
    """Fuzzing found it (docs/quality.md): the lifecycle must tolerate what validation reports."""
    path, text = response()
    files = {**dict([assigned_proposal(handling="lead_co", co_units=["区民政局"]),
                     response(unit="mz", role="co", result=None, date="2026-04-05")]),
             path: text.replace("date: '2026-04-01'\n", "")}
    site = load_site(make_content(files), today=BUILD_DATE)
    assert [(p.path, p.key) for p in site.report.errors] == [(path, "date")]
    life = site.life("2026-0001")
    assert life.status == "replied" and life.last_lead_reply is None and life.days_to_reply is None
    assert [s.label for s in life.timeline] == ["提交提案", "审查：立案", "交办承办单位", "区民政局答复"]
    alone = load_site(make_content({**dict([assigned_proposal()]), path: files[path]}), today=BUILD_DATE)
    assert [(p.path, p.key) for p in alone.report.errors] == [(path, "date")]
    assert alone.life("2026-0001").status == "replied"


def test_several_co_units_are_all_named(make_content):
    files = [assigned_proposal(handling="lead_co", lead_units=["区发改委"], co_units=["区民政局", "区生态环境局"])]
    life = load(make_content, files).life("2026-0001")
    assert life.timeline[-1].detail == "主办：区发改委；会办：区民政局、区生态环境局"


def test_feedback_on_the_day_of_a_re_reply_is_about_the_re_reply(make_content):
    fb = [{"date": "2026-04-10", "satisfaction": "不满意"}, {"date": "2026-06-01", "satisfaction": "满意"}]
    files = [assigned_proposal(feedback=fb), response(),
             response(suffix="-2", date="2026-06-01", supersedes="2026/0001-fgw")]
    site = load(make_content, files)
    p, life = site.proposals["2026-0001"], site.life("2026-0001")
    first, again = life.responses
    assert [f.satisfaction for f in lifecycle.feedback_for(p, life, first)] == ["dissatisfied"]
    assert [f.satisfaction for f in lifecycle.feedback_for(p, life, again)] == ["satisfied"]

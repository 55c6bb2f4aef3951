"""Rules that span files: references, duplicates and dates along the lifecycle."""
from __future__ import annotations

import datetime as dt

from . import labels as L
from .attachments import attachment_problems
from .broken_replies import broken_replies, unread_replies
from .evidence import evidence_problems
from .follow_ups import problems as follow_up_problems
from .meta import index_problems
from .problems import WARNING, Problem, closest


def check_site(site) -> list[Problem]:
    out: list[Problem] = []
    unread = unread_replies(site)  # one slip, one error (broken_replies.py)
    wrong = _wrong_keys(site)
    out += _proposal_rules(site, broken_replies(site, unread), wrong)
    out += _duplicate_ids(site)
    out += _response_rules(site, wrong)
    out += _announcement_rules(site)
    out += evidence_problems(site)
    out += follow_up_problems(site, unread)
    out += attachment_problems(site)
    out += index_problems(site)
    return out


def _p(entry, key, zh, en, value="", allowed="", hint="", severity="error", line_of=None):
    line = line_of(entry.path, key) if line_of else None
    return Problem(entry.path, zh=zh, en=en, key=key, value=str(value), allowed=allowed,
                   hint=hint, severity=severity, line=line)


def _proposal_rules(site, in_doubt=frozenset(), wrong=None):
    """`in_doubt`: the proposals with a reply that has a mistake of its own (broken_replies); `wrong`:
    each file's keys with an error of their own (_wrong_keys)."""
    out = []
    ids = sorted(site.proposals)
    for p in site.all_proposals:
        pid = p.id
        if p.merged_into:
            if p.merged_into == pid:
                out.append(_p(p, "merged_into", "提案不能并入自己。", "A proposal cannot be merged into itself.",
                              p.merged_into, line_of=site.line_of))
            elif p.merged_into not in site.proposals and p.merged_into not in site.unreadable:
                out.append(_p(p, "merged_into", "找不到要并入的提案。", "The proposal it is merged into does not exist.",
                              p.merged_into, hint=closest(p.merged_into, [i for i in ids if i != pid]), line_of=site.line_of))
        out += _date_order(site, p, in_doubt, wrong)
    return out


def _duplicate_ids(site):
    """Two files of one kind with the same id would be one page: named by the kind (Kind.id_from)."""
    out = []
    for name, ids in site.duplicate_ids.items():
        kind = site.kinds.named(name)
        key, made_zh, made_en = kind.id_from
        for eid, paths in ids.items():
            for path in paths:
                others = "、".join(x for x in paths if x != path)
                label, line = kind.label, site.line_of(path, key) if key else None
                out.append(Problem(path, key=key or "", value=eid, line=line,
                                   zh=f"{label}编号 {eid} 重复（另见 {others}）。每件{label}的{made_zh}必须唯一。",
                                   en=f"Duplicate {kind.english} id {eid} (also in {others}). {made_en} must be unique."))
    return out


def _date_order(site, p, in_doubt=frozenset(), wrong_keys=None):
    """Dates must run forward: 提交 → 审查 → 交办 → 答复 → 反馈 → 办结. `in_doubt`: the proposals with a
    reply whose own mistake leaves its date, unit or proposal unknown (broken_replies.py); `wrong_keys`:
    each file's keys with an error of their own (_wrong_keys), whose values the rules here cannot trust."""
    wrong_keys = wrong_keys or {}
    out = []
    chain = [("submitted", p.submitted, "提交日期"), ("review_date", p.review_date, "审查日期"),
             ("assigned", p.assigned, "交办日期")]
    known = [(k, d, n) for k, d, n in chain if d]
    for (k1, d1, n1), (k2, d2, n2) in zip(known, known[1:]):
        if d2 < d1:
            out.append(_p(p, k2, f"{n2}（{d2}）早于{n1}（{d1}），日期应按办理流程先后排列。",
                          f"'{k2}' ({d2}) is before '{k1}' ({d1}); dates must run forward along the lifecycle.",
                          d2, line_of=site.line_of))
    if p.due_set and p.assigned and p.due_set <= p.assigned:  # a deadline on the day of 交办 leaves no time
        first = p.assigned + dt.timedelta(days=1)
        out.append(_p(p, "due", f"答复期限（{p.due_set}）不晚于交办日期（{p.assigned}），答复期限必须在交办日期之后。",
                      f"'due' ({p.due_set}) is not after 'assigned' ({p.assigned}); the deadline must be later.",
                      p.due_set, allowed=f"{first} 或之后的日期 / {first} or later", line_of=site.line_of))
    replies = [x for x in site.responses_for(p.id) if x.date]
    first_reply = min((x.date for x in replies), default=None)
    last_reply = max((x.date for x in replies), default=None)
    path_id = site.kinds.of(p).path_id  # the id its file name gives: replies named for the file go by it
    unsure = p.id in in_doubt or (path_id is not None and path_id(p.path) in in_doubt)
    wrong = wrong_keys.get(p.path, set())  # keys of this file with an error of their own
    for i, f in enumerate(p.feedback):
        key = f"feedback[{i + 1}].date"
        if not unsure and not replies:
            out.append(_p(p, key, "还没有任何答复，不能有委员反馈。", "There is feedback but no reply yet.",
                          f.date, line_of=site.line_of))
        elif not unsure and f.date < first_reply:
            out.append(_p(p, key, f"委员反馈（{f.date}）早于第一份答复（{first_reply}）。",
                          f"Feedback ({f.date}) is before the first reply ({first_reply}).", f.date,
                          line_of=site.line_of))
        if f.unit and f.unit not in p.units and not wrong & set(UNIT_KEYS):
            out.append(_p(p, f"feedback[{i + 1}].unit", "反馈针对的单位不是本提案的承办单位。",
                          "The feedback's unit is not one of this proposal's units.", f.unit.name,
                          allowed="、".join(u.name for u in p.units), line_of=site.line_of))
    for ev in p.events:  # named by its place as written (an event with a mistake is not in p.events)
        if p.submitted and ev.date < p.submitted:
            out.append(Problem(p.path, key=f"events[{ev.number}].date", value=str(ev.date),
                               line=ev.lines.get("date") or ev.lines.get("item"),
                               zh=f"办理节点（{ev.date}）早于提交日期（{p.submitted}）。",
                               en=f"The event ({ev.date}) is before 'submitted' ({p.submitted})."))
    if p.closed:
        latest = max([d for d in [p.submitted, p.review_date, p.assigned, last_reply] if d]
                     + [f.date for f in p.feedback], default=None)
        if latest and p.closed < latest:
            out.append(_p(p, "closed", f"办结日期（{p.closed}）早于之前的办理节点（{latest}）。",
                          f"'closed' ({p.closed}) is before an earlier step ({latest}).", p.closed,
                          line_of=site.line_of))
        if p.review == "filed" and p.lead_units and not unsure:
            pending = [u for u in p.lead_units if not any(x.unit == u for x in replies)]
            if pending:
                out.append(_p(p, "closed", f"还有主办单位未答复（{'、'.join(u.label for u in pending)}），不能办结。",
                              "Some lead units have not replied yet, so the proposal cannot be closed.",
                              p.closed, line_of=site.line_of))
        if not p.review and "review" not in wrong:
            out.append(_p(p, "closed", "尚未审查的提案不能办结。", "A proposal that has not been reviewed cannot be closed.",
                          p.closed, line_of=site.line_of))
    return out


UNIT_KEYS = ("handling", "lead_units", "co_units")  # a mistake in one leaves the proposal's units unknown


def _wrong_keys(site) -> dict[str, set[str]]:
    """Each file's keys that have an error of their own (feedback[2].unit is feedback's): one slip, one error."""
    out: dict[str, set[str]] = {}
    for q in site.report.errors:
        out.setdefault(q.path, set()).add(q.top_key)
    return out


def _response_rules(site, wrong=None):
    out = []
    ids = sorted(site.proposals)
    seen_units = {}
    units_wrong = {path for path, keys in (wrong or {}).items() if keys & set(UNIT_KEYS)}
    for x in site.all_responses:
        lo = site.line_of
        p = site.proposals.get(x.proposal_id) if x.proposal_id else None
        if x.proposal_id and p is None and x.proposal_id not in site.unreadable:
            out.append(_p(x, "proposal", "找不到这件提案。请检查年度和提案号。",
                          "There is no proposal with this id. Check the year and number.",
                          x.proposal_id, hint=closest(x.proposal_id, ids), line_of=lo))
            continue
        if p is None or x.unit is None:
            continue
        units_known = p.path not in units_wrong  # else the proposal's units have an error of their own
        if units_known and not p.units:
            out.append(_p(x, "unit", "这件提案还没有交办（没有 lead_units），不能有答复。",
                          "The proposal has not been assigned to any unit, so it cannot have a reply.",
                          x.unit.name, line_of=lo))
            continue
        role = p.role_of(x.unit) if units_known else x.role
        if role is None:
            out.append(_p(x, "unit", f"该单位不是提案 {p.id} 的承办单位。",
                          f"This unit was not assigned proposal {p.id}.", x.unit.name,
                          allowed="、".join(u.name for u in p.units), line_of=lo))
        elif x.role and x.role != role:
            out.append(_p(x, "role", f"该单位在提案 {p.id} 中的办理角色是「{L.ROLE.label(role)}」。",
                          f"This unit's role on proposal {p.id} is '{role}'.", L.ROLE.label(x.role),
                          allowed=f"{role}（{L.ROLE.label(role)}）", line_of=lo))
        if x.date and p.assigned and x.date < p.assigned:
            out.append(_p(x, "date", f"答复日期早于交办日期（{p.assigned}）。",
                          f"The reply is dated before the proposal was assigned ({p.assigned}).", x.date, line_of=lo))
        if x.date and x.date > site.build_date:
            out.append(_p(x, "date", f"答复日期在今天（{site.build_date}）之后。",
                          f"The reply is dated after today ({site.build_date}).", x.date,
                          severity=WARNING, line_of=lo))
        if x.supersedes:
            old = site.responses.get(x.supersedes)
            if x.supersedes == x.id:
                out.append(_p(x, "supersedes", "答复不能取代它自己。", "A reply cannot supersede itself.",
                              x.supersedes, line_of=lo))
            elif old is None and x.supersedes not in site.unreadable:
                out.append(_p(x, "supersedes", "找不到被重新答复的原答复。",
                              "The reply it supersedes does not exist.", x.supersedes,
                              hint=closest(x.supersedes, sorted(site.responses)), line_of=lo))
            elif old is None:
                pass
            elif old.proposal_id != x.proposal_id and old.proposal_id in site.proposals:  # else its own error
                out.append(_p(x, "supersedes", "被重新答复的原答复属于另一件提案。",
                              "The superseded reply belongs to another proposal.", x.supersedes, line_of=lo))
            elif old.date and x.date and old.date > x.date:
                out.append(_p(x, "supersedes", f"重新答复早于原答复（{old.date}）。",
                              f"The new reply is dated before the one it supersedes ({old.date}).",
                              x.supersedes, line_of=lo))
        else:
            key = (x.proposal_id, x.unit)
            if key in seen_units:
                out.append(_p(x, "unit", f"该单位对这件提案已有答复（{seen_units[key]}）。如果是重新答复，请填写 supersedes。",
                              f"This unit already replied to this proposal ({seen_units[key]}). For a new reply, set 'supersedes'.",
                              x.unit.name, severity=WARNING, line_of=lo))
            seen_units.setdefault(key, x.path)
    return out


def _announcement_rules(site):
    out = []
    ids = sorted(site.proposals)
    for a in site.all_announcements:
        for i, ref in enumerate(a.related):
            if ref not in site.proposals and ref not in site.unreadable:
                out.append(_p(a, "related", "找不到相关提案。", "The related proposal does not exist.",
                              ref, hint=closest(ref, ids), line_of=site.line_of))
    return out

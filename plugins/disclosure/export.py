"""Open-data records: one dict per proposal, response and announcement.

The same record feeds data/*.json, the CSV and (later) per-item JSON twins, so
the published data cannot disagree with the pages. Withheld text is never
included; a summary-only entry exports its summary.
"""
from __future__ import annotations

from . import attachments, commitments, follow_ups
from . import labels as L
from . import urls
from .render import public_text


def _d(date):
    return date.isoformat() if date else None


def unit_ref(u):
    return {"name": u.name, "short": u.short or None, "slug": u.slug}


def response_record(site, x, site_url: str) -> dict:
    return {
        "id": x.id,
        "proposal": x.proposal_id,
        "url": urls.absolute(site_url, urls.response(x)),
        "unit": unit_ref(x.unit) if x.unit else None,
        "role": x.role,
        "role_label": L.ROLE.label(x.role),
        "date": _d(x.date),
        "doc_no": x.doc_no or None,
        "result": {"code": x.result.code, "label": x.result.label, "adopted": x.result.adopted} if x.result else None,
        "signer": x.signer or None,
        "contact": x.contact or None,
        "contact_person": x.contact_person or None,
        "contact_phone": x.contact_phone or None,
        "published": _d(x.published),
        "cc": x.cc,
        "issuer": x.issuer or None,
        "supersedes": x.supersedes or None,
        "superseded": x.id in site.life(x.proposal_id).superseded if x.proposal_id in site.lifecycles else False,
        "disclosure": x.disclosure,
        "unknown": sorted(x.unknown),
        "text": public_text(x, site.renders),
        "attachments": attachment_records(x, urls.response(x), site_url),
        "commitments": [commitment_record(site, c, site_url) for c in commitments.of_reply(site, x)],
    }


def attachment_records(entry, entry_url: str, site_url: str) -> list[dict]:
    """The attachments a reader may see (attachments.published): address, title, type, size."""
    return [{"url": urls.absolute(site_url, urls.attachment(entry_url, a.name)), "name": a.name,
             "title": a.title or None, "type": attachments.media_type(a), "bytes": a.bytes}
            for a in attachments.published(entry)]


def commitment_record(site, c, site_url: str) -> dict:
    """A commitment as of the build date (commitments.py); only a reply public in full has any."""
    return {
        "key": c.key,
        "text": c.commitment.text,
        "due": _d(c.commitment.due),
        "status": c.status,
        "status_label": c.status_label,
        "status_date": _d(c.since),
        "overdue": c.overdue,
        "updates": [{"date": _d(u.date), "status": u.status, "status_label": L.COMMITMENT_STATUS.label(u.status),
                     "note": u.note or None,
                     "evidence": [_evidence_record(site, e, site_url) for e in u.evidence]} for u in c.updates],
        "reviews": [{"date": _d(f.event.date), "label": f.event.label, "note": f.event.note or None}
                    for f in follow_ups.of_commitment(site, c)],
    }


def _evidence_record(site, e, site_url: str) -> dict:
    href, words = commitments.evidence_link(site, e)
    url = href if e.kind == "link" else (urls.absolute(site_url, href) if href else None)
    return {"kind": e.kind, "ref": e.target, "url": url, "title": words}


def proposal_record(site, p, site_url: str) -> dict:
    life = site.life(p.id)
    return {
        "id": p.id,
        "number": p.number or None,
        "year": p.year,
        "term": p.term,
        "session": p.session,
        "title": p.title,
        "url": urls.absolute(site_url, urls.proposal(p)),
        "proposers": p.proposers or (None if "proposers" in p.unknown else []),
        "proposer_type": p.proposer_type or None,
        "sector": p.sector.name if p.sector else None,
        "category": p.category.name if p.category else None,
        "tags": p.tags,
        "submitted": _d(p.submitted),
        "review": p.review,
        "review_date": _d(p.review_date),
        "merged_into": p.merged_into or None,
        "handling": p.handling,
        "lead_units": [unit_ref(u) for u in p.lead_units],
        "co_units": [unit_ref(u) for u in p.co_units],
        "assigned": _d(p.assigned),
        "due": _d(life.due),
        "key": p.key,
        "supervisor": p.supervisor or None,
        "feedback": [{"date": _d(f.date), "satisfaction": f.satisfaction,
                      "satisfaction_label": L.SATISFACTION.label(f.satisfaction),
                      "unit": f.unit.name if f.unit else None, "note": f.note or None} for f in p.feedback],
        "closed": _d(p.closed),
        "status": life.status,
        "status_label": L.STATUS.label(life.status),
        "flags": life.flags,
        "days_to_reply": life.days_to_reply,
        "disclosure": p.disclosure,
        "unknown": sorted(p.unknown),
        "text": public_text(p, site.renders),
        "attachments": attachment_records(p, urls.proposal(p), site_url),
        "timeline": [s.as_dict() for s in life.timeline],
        "responses": [response_record(site, x, site_url) for x in life.responses],
        "commitment_counts": commitments.counts(commitments.of_proposal(site, p.id)),
        "follow_ups": [{"date": _d(f.event.date), "label": f.event.label, "note": f.event.note or None,
                        "reviews": [{"response": c.reply.id, "key": c.key, "text": c.commitment.text,
                                     "url": urls.absolute(site_url, urls.proposal(p)) + "#" + c.anchor}
                                    for c in f.reviewed]} for f in follow_ups.of_proposal(site, p.id)],
    }


def announcement_record(site, a, site_url: str) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "url": urls.absolute(site_url, urls.announcement(a)),
        "date": _d(a.date),
        "kind": a.notice_type,
        "kind_label": L.ANNOUNCEMENT_KIND.label(a.notice_type),
        "from": _d(a.opens),
        "until": _d(a.until),
        "window_open": (a.until >= site.build_date and not (a.opens and a.opens > site.build_date)) if a.until else None,
        "objection": a.objection or None,
        "issuer": a.issuer or None,
        "region": a.region or None,
        "related": a.related,
        "tags": a.tags,
        "disclosure": a.disclosure,
        "text": public_text(a, site.renders),
        "attachments": attachment_records(a, urls.announcement(a), site_url),
    }


CSV_COLUMNS = ["id", "number", "year", "title", "status_label", "flags", "category", "sector",
               "proposers", "submitted", "review", "assigned", "due", "lead_units", "co_units",
               "responses", "closed", "url"]
CSV_HEADER = ["提案编号", "提案号", "年度", "案由", "状态", "标记", "类别", "界别", "提案者", "提交日期",
              "审查结果", "交办日期", "答复期限", "主办单位", "会办单位", "答复数", "办结日期", "网址"]


def proposal_csv_row(record: dict) -> list:
    return [
        record["id"], record["number"] or "不详", record["year"], record["title"], record["status_label"],
        "、".join(L.FLAGS.label(f) for f in record["flags"]), record["category"] or "", record["sector"] or "",
        "、".join(record["proposers"]) if record["proposers"] is not None else "不详", record["submitted"] or "",
        L.REVIEW.label(record["review"]) if record["review"] else "", record["assigned"] or "",
        record["due"] or "", "、".join(u["name"] for u in record["lead_units"]),
        "、".join(u["name"] for u in record["co_units"]), len(record["responses"]), record["closed"] or "",
        record["url"],
    ]


# ---------------------------------------------------------------- units and statistics


def unit_proposals(site) -> dict:
    """unit → (the ids of the proposals it leads, of those it co-handles and does not lead), sorted,
    for every unit named, in one pass over the proposals (unit_record asks for every unit)."""
    lead: dict = {}
    co: dict = {}
    for p in site.all_proposals:
        leads = set(p.lead_units)
        for u in leads:
            lead.setdefault(u, []).append(p.id)
        for u in set(p.co_units) - leads:
            co.setdefault(u, []).append(p.id)
    return {u: (sorted(lead.get(u, [])), sorted(co.get(u, []))) for u in {*lead, *co}}


def unit_record(site, u, site_url: str, figures=None, members=None) -> dict:
    """A handling unit: its proposals and its figures (see stats.py for every definition);
    `members`: unit_proposals(site), when the caller has it."""
    from . import stats

    figures = figures or stats.unit_figures(site, u)
    lead, co = (members if members is not None else unit_proposals(site)).get(u, ([], []))
    return {
        **unit_ref(u),
        "url": urls.absolute(site_url, urls.unit(u)),
        "lead_proposals": lead,
        "co_proposals": co,
        "stats": figures.as_dict(),
    }


def _overdue_record(o, site_url: str) -> dict:
    return {"proposal": o.proposal.id, "title": o.proposal.title,
            "url": urls.absolute(site_url, urls.proposal(o.proposal)), "due": _d(o.due),
            "days_overdue": o.days, "units": [unit_ref(u) for u in o.units]}


def stats_record(site, site_url: str) -> dict:
    """data/stats.json: overall, per year, per session, per category and per unit."""
    from . import stats

    whole = stats.overall(site)

    def group(g, key_name):
        return {key_name: g.key, "label": g.label, **({"sessions": g.detail} if key_name == "year" else {}),
                **g.figures.as_dict()}

    return {
        "as_of": _d(site.build_date),
        "definitions": [{"key": k, "name": n, "definition": d} for k, n, d in stats.DEFINITIONS],
        "overall": whole.as_dict(),
        "overdue": [_overdue_record(o, site_url) for o in whole.overdue],
        "years": [group(g, "year") for g in stats.by_year(site)],
        "sessions": [group(g, "session") for g in stats.by_session(site)],
        "categories": [group(g, "category") for g in stats.by_category(site)],
        "units": [{**unit_ref(f.unit), "url": urls.absolute(site_url, urls.unit(f.unit)), **f.as_dict()}
                  for f in stats.all_unit_figures(site)],
    }


# ---------------------------------------------------------------- CSV tables and their Table Schemas


class Column:
    """One CSV column: its Chinese header (the Table Schema field name), type and value."""

    def __init__(self, header: str, key: str, type_: str, get, description: str = "", **extra):
        self.header, self.key, self.type, self.get, self.description = header, key, type_, get, description
        self.extra = extra

    def field(self) -> dict:
        out = {"name": self.header, "title": self.header, "type": self.type,
               "description": self.description or self.key}
        out.update(self.extra)
        return out


YES_NO = {"trueValues": ["是"], "falseValues": ["否"]}


def _yes_no(value) -> str:
    return "是" if value else "否"


def _pct(rate: dict) -> str:
    return "" if rate["percent"] is None else f"{rate['percent']:.1f}"


def _num(value) -> str:
    return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


# The proposals CSV keeps its columns above; these are their types, in the same order.
_PROPOSAL_CSV_TYPES = ["string", "string", "integer", "string", "string", "string", "string", "string",
                       "string", "date", "string", "date", "date", "string", "string", "integer", "date",
                       "string"]
PROPOSAL_CSV = [Column(h, k, t, None) for h, k, t in zip(CSV_HEADER, CSV_COLUMNS, _PROPOSAL_CSV_TYPES)]

RESPONSE_CSV = [
    Column("答复编号", "id", "string", lambda r: r["id"]),
    Column("提案编号", "proposal", "string", lambda r: r["proposal"]),
    Column("答复单位", "unit", "string", lambda r: r["unit"]["name"] if r["unit"] else ""),
    Column("办理角色", "role", "string", lambda r: r["role_label"]),
    Column("答复日期", "date", "date", lambda r: r["date"] or ""),
    Column("文号", "doc_no", "string", lambda r: r["doc_no"] or ""),
    Column("答复类别", "result.code", "string", lambda r: r["result"]["code"] if r["result"] else ""),
    Column("答复类别名称", "result.label", "string", lambda r: r["result"]["label"] if r["result"] else ""),
    Column("解决采纳", "result.adopted", "boolean",
           lambda r: _yes_no(r["result"]["adopted"]) if r["result"] else "", **YES_NO),
    Column("重新答复所替代的答复", "supersedes", "string", lambda r: r["supersedes"] or ""),
    Column("已被重新答复取代", "superseded", "boolean", lambda r: _yes_no(r["superseded"]), **YES_NO),
    Column("公开属性", "disclosure", "string", lambda r: L.DISCLOSURE.label(r["disclosure"])),
    Column("网址", "url", "string", lambda r: r["url"], format="uri"),
]

ANNOUNCEMENT_CSV = [
    Column("公告编号", "id", "string", lambda r: r["id"]),
    Column("标题", "title", "string", lambda r: r["title"]),
    Column("类型", "kind", "string", lambda r: r["kind_label"]),
    Column("发布日期", "date", "date", lambda r: r["date"] or ""),
    Column("公示截止", "until", "date", lambda r: r["until"] or ""),
    Column("区域", "region", "string", lambda r: r["region"] or ""),
    Column("相关提案", "related", "string", lambda r: "、".join(r["related"])),
    Column("公开属性", "disclosure", "string", lambda r: L.DISCLOSURE.label(r["disclosure"])),
    Column("网址", "url", "string", lambda r: r["url"], format="uri"),
]

UNIT_CSV = [
    Column("单位名称", "name", "string", lambda r: r["name"]),
    Column("简称", "short", "string", lambda r: r["short"] or ""),
    Column("代码", "slug", "string", lambda r: r["slug"]),
    Column("主办分办件数", "stats.assigned", "integer", lambda r: r["stats"]["assigned"]),
    Column("已答复", "stats.replied", "integer", lambda r: r["stats"]["replied"]),
    Column("按期答复", "stats.replied_on_time", "integer", lambda r: r["stats"]["replied_on_time"]),
    Column("办理中", "stats.in_progress", "integer", lambda r: r["stats"]["in_progress"]),
    Column("逾期未答复", "stats.overdue", "integer", lambda r: r["stats"]["overdue"]),
    Column("办复率（%）", "stats.reply_rate.percent", "number", lambda r: _pct(r["stats"]["reply_rate"])),
    Column("按期办复率（%）", "stats.on_time_rate.percent", "number", lambda r: _pct(r["stats"]["on_time_rate"])),
    Column("答复用时中位数（天）", "stats.days_per_reply.median", "number",
           lambda r: _num(r["stats"]["days_per_reply"]["median"])),
    Column("答复用时90%分位数（天）", "stats.days_per_reply.p90", "integer",
           lambda r: _num(r["stats"]["days_per_reply"]["p90"])),
    Column("解决采纳率（%）", "stats.adoption_rate.percent", "number", lambda r: _pct(r["stats"]["adoption_rate"])),
    Column("有反馈", "stats.satisfaction.with_feedback", "integer",
           lambda r: r["stats"]["satisfaction"]["with_feedback"]),
    Column("满意", "stats.satisfaction.satisfied", "integer", lambda r: r["stats"]["satisfaction"]["satisfied"]),
    Column("基本满意", "stats.satisfaction.basically_satisfied", "integer",
           lambda r: r["stats"]["satisfaction"]["basically_satisfied"]),
    Column("不满意", "stats.satisfaction.dissatisfied", "integer",
           lambda r: r["stats"]["satisfaction"]["dissatisfied"]),
    Column("满意率（%）", "stats.satisfaction.satisfied_rate.percent", "number",
           lambda r: _pct(r["stats"]["satisfaction"]["satisfied_rate"])),
    Column("重新办理", "stats.reopened", "integer", lambda r: r["stats"]["reopened"]),
    Column("会办件数", "stats.co_assigned", "integer", lambda r: r["stats"]["co_assigned"]),
    Column("承诺", "stats.commitments", "integer", lambda r: r["stats"]["commitments"],
           description="stats.commitments: promises in the unit's replies public in full"),
    Column("承诺已完成", "stats.commitments_done", "integer", lambda r: r["stats"]["commitments_done"]),
    Column("承诺逾期未完成", "stats.commitments_overdue", "integer", lambda r: r["stats"]["commitments_overdue"]),
    Column("承诺兑现率（%）", "stats.fulfilment_rate.percent", "number", lambda r: _pct(r["stats"]["fulfilment_rate"])),
    Column("网址", "url", "string", lambda r: r["url"], format="uri"),
]


def commitment_rows(site, site_url: str) -> list[dict]:
    """One record per public commitment (commitments.csv / .xlsx), in proposal and reply order."""
    out = []
    for p in sorted(site.all_proposals, key=lambda p: p.id):
        for c in commitments.of_proposal(site, p.id):
            out.append({"proposal": p.id, "response": c.reply.id, "unit": c.reply.unit.name if c.reply.unit else "",
                        "reply_date": _d(c.reply.date), **commitment_record(site, c, site_url),
                        "url": urls.absolute(site_url, urls.proposal(p)) + "#" + c.anchor})
    return out


COMMITMENT_CSV = [
    Column("提案编号", "proposal", "string", lambda r: r["proposal"]),
    Column("答复编号", "response", "string", lambda r: r["response"]),
    Column("答复单位", "unit", "string", lambda r: r["unit"]),
    Column("答复日期", "reply_date", "date", lambda r: r["reply_date"] or ""),
    Column("承诺内容", "text", "string", lambda r: r["text"], description="text: quoted from the reply"),
    Column("完成期限", "due", "date", lambda r: r["due"] or ""),
    Column("目前状态", "status", "string", lambda r: r["status_label"]),
    Column("状态日期", "status_date", "date", lambda r: r["status_date"] or ""),
    Column("逾期", "overdue", "boolean", lambda r: _yes_no(r["overdue"]), **YES_NO),
    Column("进展条数", "updates", "integer", lambda r: len(r["updates"])),
    Column("网址", "url", "string", lambda r: r["url"], format="uri"),
]


def csv_rows(columns, records) -> list[list]:
    return [[c.get(r) for c in columns] for r in records]


def table_schema(columns, primary_key: str | None = None) -> dict:
    """A Frictionless Table Schema for a CSV written from `columns` (empty cells are missing values)."""
    out = {"fields": [c.field() for c in columns], "missingValues": [""]}
    if primary_key:
        out["primaryKey"] = [primary_key]
    return out

"""Open-data records: one dict per proposal, response and announcement.

The same record feeds data/*.json, the CSV and (later) per-item JSON twins, so
the published data cannot disagree with the pages. Withheld text is never
included; a summary-only entry exports its summary.
"""
from __future__ import annotations

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
        "supersedes": x.supersedes or None,
        "superseded": x.id in site.life(x.proposal_id).superseded if x.proposal_id in site.lifecycles else False,
        "disclosure": x.disclosure,
        "text": public_text(x),
    }


def proposal_record(site, p, site_url: str) -> dict:
    life = site.life(p.id)
    return {
        "id": p.id,
        "number": p.number,
        "year": p.year,
        "term": p.term,
        "session": p.session,
        "title": p.title,
        "url": urls.absolute(site_url, urls.proposal(p)),
        "proposers": p.proposers,
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
        "text": public_text(p),
        "timeline": [s.as_dict() for s in life.timeline],
        "responses": [response_record(site, x, site_url) for x in life.responses],
    }


def announcement_record(site, a, site_url: str) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "url": urls.absolute(site_url, urls.announcement(a)),
        "date": _d(a.date),
        "kind": a.kind,
        "kind_label": L.ANNOUNCEMENT_KIND.label(a.kind),
        "until": _d(a.until),
        "window_open": (a.until >= site.build_date) if a.until else None,
        "region": a.region or None,
        "related": a.related,
        "tags": a.tags,
        "disclosure": a.disclosure,
        "text": public_text(a),
    }


CSV_COLUMNS = ["id", "number", "year", "title", "status_label", "flags", "category", "sector",
               "proposers", "submitted", "review", "assigned", "due", "lead_units", "co_units",
               "responses", "closed", "url"]
CSV_HEADER = ["提案编号", "提案号", "年度", "案由", "状态", "标记", "类别", "界别", "提案者", "提交日期",
              "审查结果", "交办日期", "答复期限", "主办单位", "会办单位", "答复数", "办结日期", "网址"]


def proposal_csv_row(record: dict) -> list:
    return [
        record["id"], record["number"], record["year"], record["title"], record["status_label"],
        "、".join(L.FLAGS.label(f) for f in record["flags"]), record["category"] or "", record["sector"] or "",
        "、".join(record["proposers"]), record["submitted"] or "",
        L.REVIEW.label(record["review"]) if record["review"] else "", record["assigned"] or "",
        record["due"] or "", "、".join(u["name"] for u in record["lead_units"]),
        "、".join(u["name"] for u in record["co_units"]), len(record["responses"]), record["closed"] or "",
        record["url"],
    ]

"""What each kind's item page is given: its template's variables and its breadcrumb trail.

Named by each kind (kinds.Kind.page); disclosure_site/pages.py adds 首页 to the trail,
the page's hash and its 修改记录, and writes it.
"""
from __future__ import annotations

from . import labels as L
from . import urls
from .display import number_zh, response_title


def proposal_page(site, p) -> dict:
    url = urls.proposal(p)
    return {"proposal": p, "life": site.life(p.id), "page_title": p.title,
            "feed_url": urls.feed(url), "rss_url": urls.feed(url, "rss"), "json_url": urls.json_twin(url),
            "trail": [("提案", "proposals/"), (f"{p.year}年", urls.year(p.year)), (number_zh(p).removeprefix("第"), None)]}


def response_page(site, x) -> dict:
    p = site.proposals.get(x.proposal_id)
    return {"response": x, "proposal": p, "page_title": response_title(x, p),
            "life": site.life(p.id) if p else None, "json_url": urls.json_twin(urls.response(x)),
            "trail": [("提案", "proposals/"), (f"{p.id} 号提案" if p else x.proposal_id, urls.proposal(p) if p else None),
                      (f"{x.unit.label}答复" if x.unit else "答复", None)]}


def announcement_page(site, a) -> dict:
    return {"announcement": a, "page_title": a.title, "json_url": urls.json_twin(urls.announcement(a)),
            "related": [site.proposals[r] for r in a.related if r in site.proposals],
            "trail": [("公告", "announcements/"),
                      (L.ANNOUNCEMENT_KIND.label(a.notice_type), urls.announcement_kind(a.notice_type)), (a.title, None)]}

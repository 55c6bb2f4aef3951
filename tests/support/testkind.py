"""A content kind that exists only in the tests: 工作简报 (bulletins) under content/bulletins/.

It shows that adding a kind is one registration (BULLETIN below) plus its template
(testkind_templates/bulletin.html): nothing in plugins/ names it, yet a real build gives
it a page, a search record, a feed item, open data and a JSON twin. testkind_settings.py
hands it to a build through the DISCLOSURE_KINDS setting.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from disclosure import urls
from disclosure.fields import FieldReader
from disclosure.kinds import Export, Kind, standard_kinds
from disclosure.export import Column
from disclosure.model import Entry
from disclosure.news import NewsItem, stable_id, stamped
from disclosure.render import public_html, public_text
from disclosure.search_records import Record

ALIASES = {"title": "title", "标题": "title", "date": "date", "日期": "date"}


@dataclass
class Bulletin(Entry):
    title: str = ""
    date: dt.date | None = None

    @property
    def id(self) -> str:
        """bulletins/2026/first.md (or .markdown) → 2026/first"""
        return self.path.removeprefix("bulletins/").rsplit(".", 1)[0]


def read_bulletin(src, vocab):
    r = FieldReader(src, ALIASES)
    b = Bulletin(path=src.path, body=src.body)
    b.title = r.text("title", required=True, zh_name="标题") or ""
    b.date = r.date("date", required=True, zh_name="日期")
    r.finish(list(ALIASES.values()))
    return b, r.problems


def bulletin_url(b) -> str:
    return f"bulletins/{b.id}/"


def bulletin_page(site, b) -> dict:
    return {"bulletin": b, "page_title": b.title, "json_url": urls.json_twin(bulletin_url(b)),
            "trail": [("简报", None), (b.title, None)]}


def bulletin_record(site, b) -> Record:
    day = b.date.isoformat() if b.date else ""
    return Record(url=bulletin_url(b), kind="bulletin", fields=[b.title, public_text(b)], keys=1,
                  meta={"title": b.title, "kind": "简报", "status": "", "date": day, "date_zh": day},
                  filters={"kind": ["简报"], **({"year": [day[:4]]} if day else {})}, date=day)


def bulletin_items(site, b, history=None) -> list[NewsItem]:
    if not b.date or b.date > site.build_date:
        return []
    when = stamped(b.date, key=b.id)
    return [NewsItem(id=stable_id(site.vocab.body, "bulletin", b.id), title=f"简报：{b.title}", url=bulletin_url(b),
                     published=when, updated=when, make_html=lambda: public_html(b), kind="bulletin")]


def bulletin_record_data(site, b, site_url) -> dict:
    return {"id": b.id, "title": b.title, "date": b.date.isoformat() if b.date else None,
            "url": urls.absolute(site_url, bulletin_url(b)), "text": public_text(b)}


BULLETIN = Kind(
    name="bulletin", label="简报", folder="bulletins", model=Bulletin, read=read_bulletin, url=bulletin_url,
    template="bulletin.html", page=bulletin_page, date=lambda b: b.date, search_record=bulletin_record,
    index_code="JB", feed_items=bulletin_items, aliases=ALIASES, history=True,
    export=Export(record=bulletin_record_data, columns=(Column("编号", "id", "string", lambda r: r["id"]),
                                                        Column("标题", "title", "string", lambda r: r["title"]),
                                                        Column("网址", "url", "string", lambda r: r["url"])),
                  about="全部简报", about_csv="简报一览表", about_sheet="简报一览表（电子表格）", sheet="简报"))


def kinds():
    """The standard kinds and the bulletin."""
    return standard_kinds().plus(BULLETIN)

"""Writes data/proposals.json, responses.json, announcements.json, proposals.csv and data/."""
from __future__ import annotations

import csv
import io
import json
import os

from pelican.generators import Generator

from disclosure import export
from disclosure_site import helpers
from disclosure_site.generator import site_for
from disclosure_site.pages import crumbs


def dump_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def proposals_csv(records) -> str:
    """UTF-8 with BOM, so Excel opens the Chinese text correctly."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(export.CSV_HEADER)
    for record in records:
        out.writerow(export.proposal_csv_row(record))
    return "\ufeff" + buf.getvalue()


class OpenDataGenerator(Generator):
    def generate_context(self):
        self.site = site_for(self.context, self.path)
        helpers.install(self.env, self.settings, self.site)

    def generate_output(self, writer):
        site = self.site
        base = self.settings.get("SITEURL") or self.settings.get("DISCLOSURE_FEED_BASE", "http://localhost:8000")
        proposals = [export.proposal_record(site, p, base) for p in sorted(site.all_proposals, key=lambda p: p.id)]
        responses = [export.response_record(site, x, base) for x in sorted(site.all_responses, key=lambda x: x.id)]
        announcements = [export.announcement_record(site, a, base)
                         for a in sorted(site.all_announcements, key=lambda a: a.id)]
        files = {
            "proposals.json": (dump_json(proposals), "全部提案，含状态、标记、办理过程和答复", len(proposals)),
            "responses.json": (dump_json(responses), "全部答复", len(responses)),
            "announcements.json": (dump_json(announcements), "全部公告", len(announcements)),
            "proposals.csv": (proposals_csv(proposals), "提案一览表（Excel 可直接打开）", len(proposals)),
        }
        folder = os.path.join(self.output_path, "data")
        os.makedirs(folder, exist_ok=True)
        for name, (text, _, _) in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        writer.write_file("data/index.html", self.get_template("data"), self.context, page_title="开放数据",
                          breadcrumbs=crumbs(("开放数据", None)), page_url="data/",
                          files=[(name, desc, n) for name, (_, desc, n) in files.items()])

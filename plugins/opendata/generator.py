"""Writes data/ (JSON, CSV, their schemas, datapackage.json) and a JSON twin of every item page."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil

from disclosure import export, stats, urls
from disclosure_site.generator import SiteGenerator, digests_for
from incremental import cache_of
from parallel import map_all
from disclosure_site.pages import crumbs

from . import package

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")


def compact_json(value) -> str:
    """One line, by the json module's C encoder (an indented dump is pure Python and ~10x slower)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def dump_json(value) -> str:
    """A list: one record per line (fast to write, and a published change is a one-line diff).
    Anything else: indented for people (small files: stats, datapackage)."""
    if isinstance(value, list):
        return "[\n" + ",\n".join(compact_json(v) for v in value) + "\n]\n" if value else "[]\n"
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _write_twin(job) -> None:
    """One item's JSON twin (runs in a worker process: plugins/parallel.py)."""
    target, record = job
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(compact_json(record) + "\n")


def proposals_csv(records) -> str:
    """UTF-8 with BOM, so Excel opens the Chinese text correctly."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(export.CSV_HEADER)
    for record in records:
        out.writerow(export.proposal_csv_row(record))
    return "\ufeff" + buf.getvalue()


def table_csv(columns, records) -> str:
    """A CSV from column specs (export.Column), UTF-8 with BOM like proposals.csv."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow([c.header for c in columns])
    out.writerows(export.csv_rows(columns, records))
    return "\ufeff" + buf.getvalue()


def twins(site, base, records, digests=None):
    """(output path, record, deps) for every item page's JSON twin, from the same export records.

    deps (incremental builds) is the item's hash, or None for unit twins, which depend on many items.
    """
    d = digests
    by_id = {r["id"]: r for r in records["proposals"]}
    for p in site.all_proposals:
        yield urls.json_twin(urls.proposal(p)), by_id[p.id], d.of("json", d.story(p.id)) if d else None
    by_id = {r["id"]: r for r in records["responses"]}
    for x in site.all_responses:
        yield urls.json_twin(urls.response(x)), by_id[x.id], d.of("json", d.response(x)) if d else None
    by_id = {r["id"]: r for r in records["announcements"]}
    for a in site.all_announcements:
        yield urls.json_twin(urls.announcement(a)), by_id[a.id], d.of("json", d.announcement(a)) if d else None
    by_slug = {r["slug"]: r for r in records["units"]}
    for u in site.vocab.units:
        yield urls.json_twin(urls.unit(u)), by_slug[u.slug], None


class OpenDataGenerator(SiteGenerator):

    def generate_output(self, writer):
        site = self.site
        base = self.base_url
        proposals = [export.proposal_record(site, p, base) for p in sorted(site.all_proposals, key=lambda p: p.id)]
        responses = [export.response_record(site, x, base) for x in sorted(site.all_responses, key=lambda x: x.id)]
        announcements = [export.announcement_record(site, a, base)
                         for a in sorted(site.all_announcements, key=lambda a: a.id)]
        units = [export.unit_record(site, f.unit, base, f) for f in stats.all_unit_figures(site)]
        # name: (text, description, count, table columns or None, JSON Schema file or None)
        files = {
            "proposals.json": (dump_json(proposals), "全部提案，含状态、标记、办理过程和答复", len(proposals),
                               None, "proposals.schema.json"),
            "responses.json": (dump_json(responses), "全部答复", len(responses), None, "responses.schema.json"),
            "announcements.json": (dump_json(announcements), "全部公告", len(announcements), None,
                                   "announcements.schema.json"),
            "units.json": (dump_json(units), "承办单位及其办理统计", len(units), None, "units.schema.json"),
            "stats.json": (dump_json(export.stats_record(site, base)),
                           "统计数据：总体、分年度、分会次、分类别、分承办单位，含口径说明", 1, None,
                           "stats.schema.json"),
            "proposals.csv": (proposals_csv(proposals), "提案一览表（Excel 可直接打开）", len(proposals),
                              export.PROPOSAL_CSV, None),
            "responses.csv": (table_csv(export.RESPONSE_CSV, responses), "答复一览表", len(responses),
                              export.RESPONSE_CSV, None),
            "announcements.csv": (table_csv(export.ANNOUNCEMENT_CSV, announcements), "公告一览表",
                                  len(announcements), export.ANNOUNCEMENT_CSV, None),
            "units.csv": (table_csv(export.UNIT_CSV, units), "承办单位办理统计表", len(units), export.UNIT_CSV, None),
        }
        folder = os.path.join(self.output_path, "data")
        os.makedirs(folder, exist_ok=True)
        for name, (text, *_rest) in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        schemas = sorted(n for n in os.listdir(SCHEMAS) if n.endswith(".schema.json"))
        for name in schemas:
            shutil.copyfile(os.path.join(SCHEMAS, name), os.path.join(folder, name))
        records = {"proposals": proposals, "responses": responses, "announcements": announcements, "units": units}
        cache = cache_of(self.context)
        todo = [(path, record, deps) for path, record, deps in twins(site, base, records, digests_for(self.context))
                if not cache.reuse(path, deps)]
        map_all(_write_twin, [(os.path.join(self.output_path, path), record) for path, record, _ in todo])
        for path, _, deps in todo:
            cache.record(path, deps)
        resources = [package.resource(folder, name, desc,
                                      table_schema=export.table_schema(columns) if columns else None,
                                      json_schema=schema)
                     for name, (_, desc, _n, columns, schema) in files.items()]
        with open(os.path.join(folder, "datapackage.json"), "w", encoding="utf-8") as fh:
            fh.write(dump_json(package.descriptor(site.vocab, base, site.build_date, resources)))
        writer.write_file("data/index.html", self.get_template("data"), self.context, page_title="开放数据",
                          breadcrumbs=crumbs(("开放数据", None)), page_url="data/",
                          files=[(name, desc, n, schema) for name, (_, desc, n, _c, schema) in files.items()],
                          schemas=schemas)

"""Writes data/ (JSON, CSV, their schemas, datapackage.json) and a JSON twin of every item page."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil

from disclosure import export, stats, urls
from disclosure.formulas import inert_cell
from disclosure_site.generator import SiteGenerator, digests_for
from gongkai_build.incremental import cache_of
from gongkai_build.parallel import map_all
from disclosure_site.pages import crumbs

from . import package
from .spreadsheet import workbook_bytes

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")


def compact_json(value) -> str:
    """One line, by the json module's C encoder (an indented dump is pure Python and ~10x slower)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_lines(lines) -> str:
    """A JSON list from its items' compact JSON, one per line (fast to write, and a published
    change is a one-line diff)."""
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def dump_json(value) -> str:
    """A list: one record per line (json_lines). Anything else: indented for people (small
    files: stats, datapackage)."""
    if isinstance(value, list):
        return json_lines([compact_json(v) for v in value])
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _write_twin(job) -> None:
    """One item's JSON twin (runs in a worker process: plugins/gongkai_build/parallel.py)."""
    target, line = job
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(line + "\n")


def csv_text(columns, rows) -> str:
    """UTF-8 with BOM, so Excel opens the Chinese text correctly; no text cell reads as a formula."""
    types = [c.type for c in columns]
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(headers(columns))
    out.writerows([inert_cell(value, kind) for value, kind in zip(row, types)] for row in rows)
    return "\ufeff" + buf.getvalue()


def exported(record: dict, columns=None) -> tuple[str, list]:
    """One item's open data as it is written: (its JSON line, in the collection file and in its
    twin; its CSV row). A plain tuple, so it can be kept between builds (incremental.Memo)."""
    row = export.proposal_csv_row(record) if columns is None else export.csv_rows(columns, [record])[0]
    return compact_json(record), row


def twins(site, proposals, responses, announcements, units, digests=None):
    """(output path, JSON line, deps) for every item page's JSON twin, from the same exports
    ({id: exported(...)} of each kind).

    deps (incremental builds) is the item's hash, or None for unit twins, which depend on many items.
    """
    d = digests
    for page, exports, entries in ((urls.proposal, proposals, site.all_proposals),
                                   (urls.response, responses, site.all_responses),
                                   (urls.announcement, announcements, site.all_announcements)):
        for e in entries:
            yield urls.json_twin(page(e)), exports[e.id][0], d.of("json", d.entry(e)) if d else None
    by_slug = {r["slug"]: r for r in units}
    for u in site.vocab.units:
        yield urls.json_twin(urls.unit(u)), compact_json(by_slug[u.slug]), None


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _write_sheet(job) -> None:
    """One .xlsx twin of a CSV (runs in a worker process: plugins/gongkai_build/parallel.py)."""
    path, title, columns, rows, as_of = job
    with open(path, "wb") as fh:
        fh.write(workbook_bytes(title, columns, rows, as_of))


def sheet_key(digests, name, title, columns, rows, as_of) -> str:
    """What a workbook is made from (incremental builds reuse it when this is unchanged): its
    name and title, each column's header and type, every row's values, and the date it states."""
    h = hashlib.sha1()
    for row in rows:
        h.update(repr(row).encode("utf-8"))
        h.update(b"\n")
    return digests.of("xlsx", name, title, [(c.header, c.type) for c in columns], as_of.isoformat(), h.hexdigest())


def headers(columns) -> list[str]:
    return [c.header for c in columns]


class OpenDataGenerator(SiteGenerator):

    def generate_output(self, writer):
        site = self.site
        base = self.base_url
        cache, d = cache_of(self.context), digests_for(self.context)
        memo = cache.memo("exports")

        def export_all(entries, make):
            """{id: exported(...)} in id order, kept between builds by the hash of what each shows
            (a rebuild after one new reply makes only that proposal's and the reply's again)."""
            return {e.id: memo.get(d.of("export", d.entry(e)) if d else None, lambda e=e: make(e))
                    for e in sorted(entries, key=lambda e: e.id)}

        proposals = export_all(site.all_proposals, lambda p: exported(export.proposal_record(site, p, base)))
        responses = export_all(site.all_responses,
                               lambda x: exported(export.response_record(site, x, base), export.RESPONSE_CSV))
        announcements = export_all(site.all_announcements, lambda a: exported(export.announcement_record(site, a, base),
                                                                              export.ANNOUNCEMENT_CSV))
        units = [export.unit_record(site, f.unit, base, f) for f in stats.all_unit_figures(site)]
        promised = export.csv_rows(export.COMMITMENT_CSV, export.commitment_rows(site, base))
        lines = lambda items: json_lines([line for line, _ in items.values()])  # noqa: E731
        rows = lambda items: [row for _, row in items.values()]  # noqa: E731
        # name: (text, description, count, table columns or None, JSON Schema file or None)
        files = {
            "proposals.json": (lines(proposals), "全部提案，含状态、标记、办理过程和答复", len(proposals),
                               None, "proposals.schema.json"),
            "responses.json": (lines(responses), "全部答复", len(responses), None, "responses.schema.json"),
            "announcements.json": (lines(announcements), "全部公告", len(announcements), None,
                                   "announcements.schema.json"),
            "units.json": (dump_json(units), "承办单位及其办理统计", len(units), None, "units.schema.json"),
            "stats.json": (dump_json(export.stats_record(site, base)),
                           "统计数据：总体、分年度、分会次、分类别、分承办单位，含口径说明", 1, None,
                           "stats.schema.json"),
            "proposals.csv": (csv_text(export.PROPOSAL_CSV, rows(proposals)), "提案一览表（Excel 可直接打开）",
                              len(proposals), export.PROPOSAL_CSV, None),
            "responses.csv": (csv_text(export.RESPONSE_CSV, rows(responses)), "答复一览表", len(responses),
                              export.RESPONSE_CSV, None),
            "announcements.csv": (csv_text(export.ANNOUNCEMENT_CSV, rows(announcements)), "公告一览表",
                                  len(announcements), export.ANNOUNCEMENT_CSV, None),
            "units.csv": (csv_text(export.UNIT_CSV, export.csv_rows(export.UNIT_CSV, units)),
                          "承办单位办理统计表", len(units), export.UNIT_CSV, None),
            "commitments.csv": (csv_text(export.COMMITMENT_CSV, promised), "答复中的承诺及落实情况（每项承诺一行）",
                                len(promised), export.COMMITMENT_CSV, None),
        }
        folder = os.path.join(self.output_path, "data")
        os.makedirs(folder, exist_ok=True)
        for name, (text, *_rest) in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        # An .xlsx twin of each CSV (spreadsheet.py), written on every core.
        sheets = {"proposals.xlsx": ("提案", export.PROPOSAL_CSV, rows(proposals), "提案一览表（Excel、WPS、LibreOffice）"),
                  "responses.xlsx": ("答复", export.RESPONSE_CSV, rows(responses), "答复一览表（电子表格）"),
                  "announcements.xlsx": ("公告", export.ANNOUNCEMENT_CSV, rows(announcements), "公告一览表（电子表格）"),
                  "units.xlsx": ("承办单位", export.UNIT_CSV, export.csv_rows(export.UNIT_CSV, units),
                                 "承办单位办理统计表（电子表格）"),
                  "commitments.xlsx": ("承诺", export.COMMITMENT_CSV, promised, "答复中的承诺及落实情况（电子表格）")}
        # A workbook whose rows, columns and date are unchanged is reused: openpyxl takes seconds
        # for the 5,000 rows of proposals.xlsx. The ones to make are made side by side.
        made = []
        for name, (title, columns, sheet_rows, _) in sheets.items():
            deps = sheet_key(d, name, title, columns, sheet_rows, site.build_date) if d else None
            if not cache.reuse(f"data/{name}", deps):
                made.append(((os.path.join(folder, name), title, columns, sheet_rows, site.build_date), deps))
        map_all(_write_sheet, [job for job, _ in made], min_items=2)
        for (path, *_job), deps in made:
            cache.record(f"data/{os.path.basename(path)}", deps)
        schemas = sorted(n for n in os.listdir(SCHEMAS) if n.endswith(".schema.json"))
        for name in schemas:
            shutil.copyfile(os.path.join(SCHEMAS, name), os.path.join(folder, name))
        todo = [(path, line, deps) for path, line, deps in twins(site, proposals, responses, announcements,
                                                                 units, d)
                if not cache.reuse(path, deps)]
        map_all(_write_twin, [(os.path.join(self.output_path, path), line) for path, line, _ in todo])
        for path, _, deps in todo:
            cache.record(path, deps)
        resources = [package.resource(folder, name, desc,
                                      table_schema=export.table_schema(columns) if columns else None,
                                      json_schema=schema)
                     for name, (_, desc, _n, columns, schema) in files.items()]
        resources += [package.resource(folder, name, desc, media_type=XLSX, table_schema=export.table_schema(columns))
                      for name, (_t, columns, _r, desc) in sheets.items()]
        listed = {name: (desc, len(sheet_rows), None) for name, (_t, _c, sheet_rows, desc) in sheets.items()}
        with open(os.path.join(folder, "datapackage.json"), "w", encoding="utf-8") as fh:
            fh.write(dump_json(package.descriptor(site.vocab, base, site.build_date, resources)))
        writer.write_file("data/index.html", self.get_template("data"), self.context, page_title="开放数据",
                          breadcrumbs=crumbs(("开放数据", None)), page_url="data/",
                          files=[(name, desc, n, schema) for name, (_, desc, n, _c, schema) in files.items()]
                          + [(name, desc, n, schema) for name, (desc, n, schema) in listed.items()],
                          schemas=schemas)

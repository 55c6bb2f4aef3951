"""Writes data/ (JSON, CSV, their schemas, datapackage.json) and a JSON twin of every item page."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from concurrent.futures import Future, ThreadPoolExecutor

from disclosure import export, stats, urls
from disclosure.formulas import inert_cell
from disclosure_site.generator import SiteGenerator, digests_for
from gongkai_build.incremental import cache_of
from gongkai_build.writer import outputs_of
from disclosure_site.pages import crumbs

from . import collection, package
from .collection import content_hash
from .spreadsheet import restamped, row_xml, skeleton, workbook_bytes

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")


def compact_json(value) -> str:
    """One line, by the json module's C encoder (an indented dump is pure Python and ~10x slower)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_lines(lines) -> str:
    """A JSON list from its items' compact JSON, one per line (fast to write, and a published
    change is a one-line diff)."""
    return "".join(_framed(lines, *(mark.decode("ascii") for mark in collection.FRAME)))


def _framed(lines, empty, opening, comma, closing) -> list:
    """The pieces of json_lines's file in order: its framing is written here alone, for text
    (json_lines) and for kept UTF-8 lines (json_lines_bytes)."""
    if not lines:
        return [empty]
    pieces = [opening] * (2 * len(lines) + 1)
    pieces[1::2] = lines
    pieces[2:-1:2] = [comma] * (len(lines) - 1)
    pieces[-1] = closing
    return pieces


def dump_json(value) -> str:
    """A list: one record per line (json_lines). Anything else: indented for people (small
    files: stats, datapackage)."""
    if isinstance(value, list):
        return json_lines([compact_json(v) for v in value])
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def json_lines_bytes(lines) -> list[bytes]:
    """json_lines of lines as UTF-8 (exported), as the pieces of the file in order (the writer
    writes them one after another): neither decoded nor encoded again, nor joined."""
    return _framed(lines, *collection.FRAME)


def _twin_text(line: bytes) -> bytes:
    """One item's JSON twin (runs in a worker process: plugins/gongkai_build/writer.py)."""
    return line + b"\n"


def csv_text(columns, rows) -> str:
    """UTF-8 with BOM, so Excel opens the Chinese text correctly; no text cell reads as a formula."""
    return csv_lines_text(columns, [csv_line(columns, row) for row in rows])


def csv_line(columns, row) -> str:
    """One row as csv_text writes it (a CSV writer writes each row alone, so lines made one by
    one and joined are the file's bytes)."""
    return _csv_row([inert_cell(value, c.type) for value, c in zip(row, columns)])


def _csv_row(values) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(values)
    return buf.getvalue()


def csv_lines_text(columns, lines) -> str:
    """csv_text from its rows' csv_line: the kept lines of a rebuild are joined, not written again."""
    return "\ufeff" + _csv_row(headers(columns)) + "".join(lines)


def exported(record: dict, spec, style: int) -> tuple[bytes, list, str, tuple]:
    """One item's open data as it is written: (its JSON line in UTF-8, in the collection file and
    in its twin; its CSV row; that row's CSV line; the row's XML in the workbook, spreadsheet.row_xml
    with `style`, spreadsheet.date_style), by its kind's kinds.Export."""
    row = spec.row(record) if spec.row is not None else export.csv_rows(spec.columns, [record])[0]
    return (compact_json(record).encode("utf-8"), row, csv_line(spec.columns, row),
            row_xml(row, spec.columns, style))


def kept_of(value: tuple) -> tuple[str, int, list, str, tuple]:
    """What is kept of an item's exported value between builds (incremental.Memo "exports"):
    (its content hash, its JSON line's length, its CSV row, CSV line and sheet row). Not the
    JSON line: the previous build's collection file holds it (collection.py)."""
    line, row, csv, xml = value
    return content_hash(value), len(line), row, csv, xml


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet_bytes(job) -> bytes:
    """One .xlsx twin of a CSV (`kept`: its rows' XML, exported, or None; `frame`: its kept skeleton)."""
    title, columns, rows, as_of, kept, frame = job
    return workbook_bytes(title, columns, rows, as_of, kept, frame)


def rows_key(rows) -> str:
    """A hash of every row's values."""
    h = hashlib.sha1()
    for row in rows:
        h.update(repr(row).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def sheet_key(digests, name, title, columns, rows=None, made_from=None) -> str:
    """What a workbook's cells are made from: its name and title, each column's header and type,
    every row's values, or (`made_from`, a kind's sheet) the keys its rows are kept by, in order
    (each hashes all its row is made from: no 5,000 rows repr'd again). With the date it states
    (its document dates), all it is made from (incremental builds reuse the file when that is
    unchanged)."""
    cells = ("rows", rows_key(rows)) if made_from is None else ("items", *made_from)
    return digests.of("xlsx", name, title, [(c.header, c.type) for c in columns], *cells)


def headers(columns) -> list[str]:
    return [c.header for c in columns]


def data_plan_key(site, digests, kinds) -> str:
    """What every item's open data (its JSON line, CSV row, twin path) is made from, as one hash:
    each item's record (Digests.record: its files and the horizon of their dates), kind by kind,
    with (digests.of) code, settings and site.yaml. The same key, the same items' hashes."""
    record = digests.record
    return digests.of("open data plan", *(part for kind in kinds
                                          for part in (kind.name, *map(record, site.entries_of(kind).values()))))


class OpenDataGenerator(SiteGenerator):

    def generate_output(self, writer):
        site = self.site
        base = self.base_url
        outputs, d = outputs_of(writer), digests_for(self.context)
        cache = cache_of(self.context)
        layouts = cache.memo("layouts")  # each JSON collection's layout, by its fingerprint (collection.py)
        kinds = [k for k in site.kinds if k.export is not None]
        # Each workbook's frame (spreadsheet.skeleton: the header row, by openpyxl) is kept by what it
        # is made from: a rebuild writes its rows and never imports openpyxl (~0.2 s).
        kept = cache.memo("workbooks")

        def frame_key(title, columns, dated):
            return d.of("xlsx frame", title, [(c.header, c.type) for c in columns], dated) if d else None

        def frame_of(title, columns):
            return lambda dated: kept.get(frame_key(title, columns, dated), lambda: skeleton(title, columns, dated))

        styles = {}  # kind name → the date cells' style in its workbook, asked for when a row is made

        def style(kind):
            if kind.name not in styles:
                styles[kind.name] = frame_of(kind.export.sheet, list(kind.export.columns))(True)[1]
            return styles[kind.name]

        lines = {}  # (kind name, id) → the JSON line of each item made in this build

        def make(kind, e):
            value = exported(kind.export.record(site, e, base), kind.export, style(kind))
            lines[kind.name, e.id] = value[0]
            return kept_of(value)

        full = {}  # kind name → export_all's, asked for only where a file is made from more than hashes

        def export_all(kind):
            """[(entry, kept_of(its exported value))] in id order, kept between builds by the hash of
            what each shows (a rebuild after one new reply makes only that proposal's and the reply's)."""
            if kind.name not in full:
                memo = cache.memo("exports")  # loaded only when asked for (a kept plan needs none of it)
                entries = sorted(site.entries_of(kind).values(), key=lambda e: e.id)
                full[kind.name] = [(e, memo.get(d.of("export", d.record(e)) if d else None, lambda e=e: make(kind, e)))
                                   for e in entries]
            return full[kind.name]

        # Each kind's items in id order as (id, twin path, content hash, JSON line length): what the
        # collections, the twins and the workbooks' keys are made from. Kept as one plan by data_plan_key
        # (every item's record): the next day lays it on without asking one item for its exports.
        plans = cache.memo("open data plans")
        key = data_plan_key(site, d, kinds) if d and not getattr(cache, "purging", True) else None
        items = plans.old.get(key) if key else None
        if items is None or set(items) != {k.name for k in kinds}:
            items = {k.name: [(e.id, urls.json_twin(k.url(e)), v[0], v[1]) for e, v in export_all(k)] for k in kinds}
        if key:
            plans.keep(key, items)
        previous = {k.name: collection.Previous.of(cache, f"data/{k.folder}.json", layouts) for k in kinds}

        def line_of(kind, item) -> bytes:
            """An item's JSON line: made in this build, else the previous collection's, else made again."""
            id_, _path, content, length = item
            line = lines.get((kind.name, id_))
            if line is None:
                line = previous[kind.name].line(content, length)
            if line is None:
                make(kind, site.entries_of(kind)[id_])
                line = lines[kind.name, id_]
            return line

        def collection_of(kind):
            mine = items[kind.name]
            return collection.spliced(previous[kind.name], [(i[2], i[3]) for i in mine],
                                      lambda i: line_of(kind, mine[i]))

        members = export.unit_proposals(site)
        units = [export.unit_record(site, f.unit, base, f, members) for f in stats.all_unit_figures(site)]
        promised = export.csv_rows(export.COMMITMENT_CSV, export.commitment_rows(site, base))
        rows = lambda k: lambda: [v[2] for _, v in export_all(k)]  # noqa: E731
        # name: (text, description, count, table columns or None, JSON Schema file or None); a kind's
        # collection files hold a function that makes their text, called only when they are not reused
        files = {
            **{f"{k.folder}.json": (lambda k=k: collection_of(k), k.export.about, len(items[k.name]), None,
                                    k.export.schema) for k in kinds},
            "units.json": (dump_json(units), "承办单位及其办理统计", len(units), None, "units.schema.json"),
            "stats.json": (dump_json(export.stats_record(site, base)),
                           "统计数据：总体、分年度、分会次、分类别、分承办单位，含口径说明", 1, None,
                           "stats.schema.json"),
            **{f"{k.folder}.csv": (lambda k=k: csv_lines_text(k.export.columns, [v[3] for _, v in export_all(k)]),
                                   k.export.about_csv,
                                   len(items[k.name]), list(k.export.columns), None) for k in kinds},
            "units.csv": (csv_text(export.UNIT_CSV, export.csv_rows(export.UNIT_CSV, units)),
                          "承办单位办理统计表", len(units), export.UNIT_CSV, None),
            "commitments.csv": (csv_text(export.COMMITMENT_CSV, promised), "答复中的承诺及落实情况（每项承诺一行）",
                                len(promised), export.COMMITMENT_CSV, None),
        }
        # A kind's files are made from its items' content hashes in id order (each hashes all its
        # item shows): a file whose items all show the same is reused, even when some were made again
        made_from = {f"{k.folder}.{ext}": [i[2] for i in items[k.name]] for k in kinds for ext in ("json", "csv")}
        folder = os.path.join(self.output_path, "data")
        fps = {name: d.of("collection", name, *made_from[name]) if d else None for name in made_from}
        # The rest of this generator's writing, reading, hashing and compressing is done on three
        # threads (each releases the GIL) while this one makes the collections and works out the
        # twins; they are done before any write forks.
        ahead = ThreadPoolExecutor(3, thread_name_prefix="gongkai-opendata")
        # An .xlsx twin of each CSV (spreadsheet.py), written on every core; a kind's rows asked for
        # only when its workbook is made (a function), with their kept XML (kept_rows)
        unit_rows = export.csv_rows(export.UNIT_CSV, units)
        sheets = {**{f"{k.folder}.xlsx": (k.export.sheet, list(k.export.columns), rows(k),
                                          k.export.about_sheet) for k in kinds},
                  "units.xlsx": ("承办单位", export.UNIT_CSV, lambda: unit_rows, "承办单位办理统计表（电子表格）"),
                  "commitments.xlsx": ("承诺", export.COMMITMENT_CSV, lambda: promised, "答复中的承诺及落实情况（电子表格）")}
        counts = {**{f"{k.folder}.xlsx": len(items[k.name]) for k in kinds},
                  "units.xlsx": len(unit_rows), "commitments.xlsx": len(promised)}
        kept_rows = {f"{k.folder}.xlsx": (lambda k=k: [v[4] for _, v in export_all(k)]) for k in kinds}
        # A workbook whose rows, columns and date are unchanged is reused: openpyxl takes seconds
        # for the 5,000 rows of proposals.xlsx. One whose cells are unchanged but not its date (the
        # next day) is the kept workbook with its document dates set again (spreadsheet.restamped).
        # The others are made from their rows' kept XML (row_xml, with each item's exported values),
        # and kept by their cells' key.
        sheet_jobs, restamp, cells = [], [], {}
        for name, (title, columns, sheet_rows, _) in sheets.items():
            rel, source = f"data/{name}", f"开放数据 open data {name}"
            cells[rel] = (sheet_key(d, name, title, columns, made_from=made_from[name.replace(".xlsx", ".csv")])
                          if name.replace(".xlsx", ".csv") in made_from else sheet_key(d, name, title, columns, sheet_rows())
                          ) if d else None
            deps = d.of("xlsx", cells[rel], site.build_date.isoformat()) if d else None
            if outputs.reuse(rel, deps, source):
                continue
            if cells[rel] in kept.old:
                restamp.append((rel, source, deps, kept.old[cells[rel]]))
            else:
                sheet_jobs.append((rel, source, deps, (title, columns, sheet_rows(), site.build_date,
                                                        kept_rows[name]() if name in kept_rows else None,
                                                        frame_of(title, columns))))
        try:
            # Here, not on every core: a kind's rows are joined from their kept XML (0.1 s; forking cost more);
            # begun before the collections are made and written (the GIL is mostly free on those threads).
            made_sheets = [(rel, source, deps, ahead.submit(restamped, data, site.build_date))
                           for rel, source, deps, data in restamp]
            made_sheets += [(rel, source, deps, ahead.submit(_sheet_bytes, job))
                            for rel, source, deps, job in sheet_jobs]
            # A kind's collection file none of whose items changed is reused (~100 MB of JSON and CSV
            # at N = 5,000); one that changed copies its unchanged lines from the last one (collection.py).
            # Each is made here (its lines, or the ranges of the last file to copy) and written, then read
            # once for its size and SHA-256 (datapackage.json), on the threads: ~100 MB after one new reply.
            jobs = [(f"data/{name}", f"开放数据 open data {name}", fps[name], files[name][0]) for name in made_from]
            jobs = [(rel, source, deps, make()) for rel, source, deps, make in outputs.reuse_all(jobs)]
            hashing = {rel[len("data/"):]: future for rel, future in outputs.write_aside(
                ahead, jobs, then=lambda rel: package.measure(outputs.path(rel), cache.noted(rel))).items()}
            for k in kinds:  # each JSON collection's layout, for the next build to copy its lines
                fp = fps[f"{k.folder}.json"]
                if fp is not None:
                    layouts.get(fp, lambda k=k: tuple((i[2], i[3]) for i in items[k.name]))
            for name, (text, *_rest) in files.items():
                if name not in made_from:
                    outputs.write(f"data/{name}", text, f"开放数据 open data {name}")
            twins, twin_parts = self._twins(outputs, d, kinds, items, units, line_of)
            outputs.write_all(Future.result, made_sheets, claimed=True, min_items=len(made_sheets) + 1)
            ahead.shutdown(wait=True)
        except BaseException:  # nothing may still write into the output once this generator fails
            ahead.shutdown(wait=True, cancel_futures=True)
            raise
        for future in hashing.values():
            future.result()  # a collection that failed to be written stops the build here
        outputs.write_all(_twin_text, twins, claimed=True, parts=twin_parts)
        for rel, key in cells.items():  # each workbook of this build, kept for the next (~1 MB in all)
            if key is not None:
                kept.get(key, lambda rel=rel: _read(outputs.path(rel)))
        for title, columns, *_ in sheets.values():  # every frame stays kept, asked for or not in this build
            for key in (frame_key(title, columns, dated) for dated in (False, True)):
                if key in kept.old:
                    kept.get(key, None)
        schemas = sorted(n for n in os.listdir(SCHEMAS) if n.endswith(".schema.json"))
        for name in schemas:
            outputs.copy(f"data/{name}", os.path.join(SCHEMAS, name), f"JSON Schema {name}")
        sizes = cache.memo("measured")  # each file's size and SHA-256 by its input hash: ~100 MB not read again

        def measured(name):
            fp = outputs.cache.recorded(f"data/{name}")
            return sizes.get(fp and d and d.of("measured", fp), lambda: hashing[name].result() if name in hashing
                             else package.measure(os.path.join(folder, name)))

        resources = [package.resource(folder, name, desc,
                                      table_schema=export.table_schema(columns) if columns else None,
                                      json_schema=schema, measured=measured(name))
                     for name, (_, desc, _n, columns, schema) in files.items()]
        resources += [package.resource(folder, name, desc, media_type=XLSX, table_schema=export.table_schema(columns),
                                       measured=measured(name))
                      for name, (_t, columns, _r, desc) in sheets.items()]
        listed = {name: (desc, counts[name], None) for name, (_t, _c, _r, desc) in sheets.items()}
        outputs.write("data/datapackage.json", dump_json(package.descriptor(site.vocab, base, site.build_date, resources)),
                      "开放数据 open data datapackage.json")
        writer.write_file("data/index.html", self.get_template("data"), self.context, page_title="开放数据",
                          breadcrumbs=crumbs(("开放数据", None)), page_url="data/",
                          files=[(name, desc, n, schema) for name, (_, desc, n, _c, schema) in files.items()]
                          + [(name, desc, n, schema) for name, (desc, n, schema) in listed.items()],
                          schemas=schemas)

    def _twins(self, outputs, d, kinds, items, units, line_of):
        """The JSON twins to write, claimed, and the named inputs of each item's (`build.py explain`):
        every item page's twin (its JSON line) is keyed by the item's content hash, every unit
        page's (made from many items) is always written."""
        jobs = []
        for kind in kinds:
            entries = self.site.entries_of(kind)
            # its deps are the hash of the twin's own content: no hash per twin (10,500) is worked out here
            jobs += [(item[1], f"{entries[item[0]].path}（JSON 数据 JSON twin）", item[2] if d else None, (kind, item))
                     for item in items[kind.name]]
        by_slug = {r["slug"]: r for r in units}
        jobs += [(urls.json_twin(urls.unit(u)), f"site.yaml units: {u.slug}（JSON 数据 JSON twin）", None,
                  (None, compact_json(by_slug[u.slug]).encode("utf-8"))) for u in self.site.vocab.units]
        todo = outputs.reuse_all(jobs)
        # what each item's twin is made from, named for `build.py explain` (asked only of those made)
        parts = ({path: d.explained(self.site.entries_of(kind)[item[0]], record=True) for path, _, _, (kind, item) in todo
                  if kind} if d else None)
        todo = [(path, source, deps, line_of(kind, item) if kind else item) for path, source, deps, (kind, item) in todo]
        return todo, parts

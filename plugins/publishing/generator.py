"""Writes 404.html, robots.txt and favicon.ico; sitemap.xml once every other plugin has written its pages."""
from __future__ import annotations

import os

from disclosure import attachments, meta, urls
from disclosure.commitments import evidence_files
from disclosure_site.generator import SiteGenerator, digests_for, pages_for
from disclosure_site.page_meta import absolute
from gongkai_build.incremental import cache_of
from gongkai_build.writer import outputs_of

from . import sitemap

# Output folder → (public base URL, {site-relative URL: lastmod}); read by the finalized signal.
_PENDING: dict[str, tuple[str, dict]] = {}


def _item_dates(site, digests, plans, kept=None) -> list:
    """(URL, last dated change) of every entry, in site.all_entries's order, kept between builds as
    one plan (`plans`, a Memo) under a key over code, settings, site.yaml (digests.of) and every
    entry's path and record, so a changed plan is a new value and the old one is dropped; the plan
    holds each entry's path, its record (digest.Digests.record: its
    story's files and the horizon of their dates, so every `d <= build date` answers alike) and
    its answer. A build whose entries and records are the plan's lays it on whole (the next
    day); else an entry whose record is the one kept takes its answer, and only new and changed
    ones are worked out (one new reply: two; each of ~10,500 asked its dates took ~15 µs).
    `kept` False: nothing is taken from the plan (a purging build: no old URL or date stays)."""
    entries = [(kind, e) for kind in site.kinds for e in site.entries_of(kind).values()]

    def made(kind, e):
        return kind.url(e), meta.last_changed(site, e)
    if plans is None:
        return [made(kind, e) for kind, e in entries]
    slot = digests.of("lastmods plan")  # code, settings, site.yaml
    names = [e.path for _, e in entries]  # a path is one kind's (its folder)
    record = digests.record
    records = [record(e) for _, e in entries]
    # Kept under a key over every name and record, so a plan that changed is a new value (the old
    # one unused: dropped by the store's rewrite, at once by a purge); the last plan of this slot
    # is the one a rebuild starts from.
    key = digests.of("lastmods plan", *names, *records)
    old = _last_plan(plans.old, key, slot) if kept is not False else None
    if old is not None and old[1] == names and old[2] == records:
        dates = old[3]
    else:
        was = dict(zip(old[1], zip(old[2], old[3]))) if old is not None else {}
        dates = []
        for name, rec, (kind, e) in zip(names, records, entries):
            hit = was.get(name)
            dates.append(hit[1] if hit is not None and hit[0] == rec else made(kind, e))
    plans.keep(key, (slot, names, records, dates))
    return dates


def _last_plan(old: dict, key: str, slot: str):
    """The plan kept under `key`, else the last one kept for `slot` (the same code and settings)."""
    if key in old:
        return old[key]
    return next((v for v in reversed(old.values()) if isinstance(v, tuple) and v and v[0] == slot), None)


def lastmods(site, pages, digests=None, plans=None, kept=None) -> dict:
    """Site-relative URL → the last dated change it shows: an item's own dates, a listing's newest item.

    With `digests` and `plans` (a Memo, gongkai_build/incremental.py), each item's URL and date are
    kept between builds by its record (_item_dates): a rebuild works out only those of new and
    changed items."""
    of, out = {}, {}
    for e, (url, last) in zip(site.all_entries(), _item_dates(site, digests, plans, kept)):
        of[id(e)] = out[url] = last
    for page in pages:
        if page.url in out:
            continue
        items = page.vars.get("items")
        if items:
            out[page.url] = sitemap.newest(map(of.get, map(id, items)))
    out[""] = sitemap.newest(out.values())
    return out


class PublishingGenerator(SiteGenerator):

    def generate_output(self, writer):
        site = self.site
        base = self.base_url
        writer.write_file("404.html", self.get_template("404"), self.context, page_title="页面未找到",
                          page_url=None, breadcrumbs=[])
        self.outputs = outputs = outputs_of(writer)
        outputs.write("robots.txt", sitemap.robots_txt(base), "robots.txt")
        icon = os.path.join(self.theme, "static", "img", "favicon.ico")
        if os.path.isfile(icon):
            outputs.copy("favicon.ico", icon, "favicon.ico")
        self._copy_share_image()
        self._copy_evidence_files()
        self._copy_attachments()
        _PENDING[os.path.realpath(self.output_path)] = (
            base, lastmods(site, pages_for(self.context, self.settings), *self._kept_dates()))

    def _kept_dates(self):
        """(digests, the items' URLs and dates kept as a plan, whether to take from it) for lastmods;
        Nones for plain `pelican`. Purging, nothing is taken from the plan (it is saved anew)."""
        digests = digests_for(self.context)
        cache = cache_of(self.context)
        if digests is None:
            return None, None, None
        if getattr(cache, "cache_dir", None):  # each item's, kept apart before the plan held them
            (cache.cache_dir / "lastmods.pickle").unlink(missing_ok=True)
        return digests, cache.memo("lastmods plans"), not cache.purging

    def _copy_share_image(self):
        """site.yaml share_image, when it names a file: checked by the core (disclosure.files), copied
        to its own folder (urls.share_image), never over a file another generator wrote (the writer's guard)."""
        source = self.site.share_image_file
        if source is None:
            return
        name = self.site.vocab.settings["share_image"]
        self.outputs.copy(urls.share_image(name), source, f"site.yaml share_image {name}")

    def _copy_evidence_files(self):
        """Files public commitments cite as evidence (checked by disclosure.evidence: inside the
        content folder, what their extension says), each under evidence/ (urls.evidence_file)."""
        root = os.path.realpath(self.site.root)
        for rel in dict.fromkeys(evidence_files(self.site)):  # each file once, however often cited
            source = os.path.realpath(os.path.join(root, rel))
            if not source.startswith(root + os.sep) or not os.path.isfile(source):
                raise RuntimeError(f"evidence: {rel} is not a file inside the content folder")
            self.outputs.copy(urls.evidence_file(rel), source, f"证据文件 evidence {rel}")

    def _copy_attachments(self):
        """Each entry's attachments a reader may see (disclosure.attachments.published: a withheld or
        summary-only entry's only when marked public), unchanged, at urls.attachment."""
        root = os.path.realpath(self.site.root)
        for entry in self.site.all_entries():
            for a in attachments.published(entry):
                source = os.path.realpath(os.path.join(root, a.file))
                if not a.file or not source.startswith(root + os.sep) or not os.path.isfile(source):
                    raise RuntimeError(f"attachment: {a.file or a.written} is not a file inside the content folder")
                self.outputs.copy(urls.output_attachment(self.site.kinds.of(entry).url(entry), a.name), source,
                                  f"{entry.path} 附件 attachment {a.file}")


def write_sitemap(pelican):
    """After all generators: list every page actually written, so pages from any plugin are included."""
    output = os.path.realpath(pelican.output_path)
    pending = _PENDING.pop(output, None)
    if pending is None:
        return
    base, dates = pending
    cache = cache_of(pelican.settings)
    outputs = pelican.settings["DISCLOSURE_OUTPUTS"]
    memo = cache.memo("noindex")

    def noindex(rel, path):
        """Read from the page's head, or kept from the last build for a page reused unchanged."""
        deps = cache.recorded(rel)
        return memo.get(f"{rel}\0{deps}" if deps else None, lambda: sitemap.asks_noindex(path))

    entries = [(absolute(base, url), dates.get(url)) for url in sitemap.page_urls(output, noindex=noindex, files=outputs.owners)]
    for name, text in sitemap.sitemap_files(entries, base).items():
        outputs.write(name, text, f"网站地图 sitemap {name}")

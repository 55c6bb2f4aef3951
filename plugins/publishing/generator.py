"""Writes 404.html, robots.txt and favicon.ico; sitemap.xml once every other plugin has written its pages."""
from __future__ import annotations

import os
from functools import partial

from disclosure import attachments, meta, urls
from disclosure.commitments import evidence_files
from disclosure_site.generator import SiteGenerator, digests_for, pages_for
from disclosure_site.page_meta import absolute
from gongkai_build.incremental import cache_of
from gongkai_build.writer import outputs_of

from . import sitemap

# Output folder → (public base URL, {site-relative URL: lastmod}); read by the finalized signal.
_PENDING: dict[str, tuple[str, dict]] = {}


def _item_dates(site, digests, kept, plans) -> list:
    """(URL, last dated change) of every entry, in site.all_entries's order: kept each by its record
    (`kept`), and all of them as one plan (`plans`, a Memo) by a key over every record, in that
    order: the next day lays the plan on without a hash or a lookup per item (0.05 s at N = 5,000)."""
    key = None
    if plans is not None:
        record = digests.record
        key = digests.of("lastmods plan", *(part for kind in site.kinds
                                            for part in (kind.name, *map(record, site.entries_of(kind).values()))))
        found = plans.old.get(key)
        if found is not None and len(found) == sum(len(site.entries_of(kind)) for kind in site.kinds):
            plans.keep(key, found)
            return found
    dates = []
    for kind in site.kinds:
        def made(e, kind=kind):
            return kind.url(e), meta.last_changed(site, e)
        for e in site.entries_of(kind).values():
            if kept is None:
                dates.append(made(e))
            else:
                dates.append(kept.get(digests.of("lastmod", kind.name, e.path, digests.record(e)), partial(made, e)))
    if key is not None:
        plans.keep(key, dates)
    return dates


def lastmods(site, pages, digests=None, kept=None, plans=None) -> dict:
    """Site-relative URL → the last dated change it shows: an item's own dates, a listing's newest item.

    With `digests` and `kept` (a Memo, gongkai_build/incremental.py), each item's URL and date are
    kept between builds by its record's hash (digest.Digests.record: its story's files, and the
    horizon of their dates, so every `d <= build date` answers alike): a rebuild works out only
    those of new and changed items (each of ~10,500 asked its dates took ~15 µs)."""
    of, out = {}, {}
    for e, (url, last) in zip(site.all_entries(), _item_dates(site, digests, kept, plans)):
        of[id(e)] = out[url] = last
    for page in pages:
        if page.url in out:
            continue
        items = page.vars.get("items")
        if items:
            out[page.url] = sitemap.newest(of.get(id(i)) for i in items)
    out[""] = sitemap.newest(out.values())
    return out


class _Lazy:
    """A build cache's memo, loaded when first asked for a value."""

    def __init__(self, cache, name):
        self.cache, self.name = cache, name

    def get(self, key, make):
        return self.cache.memo(self.name).get(key, make)


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
        """(digests, the kept items' URLs and dates, their plan) for lastmods; Nones for plain `pelican`."""
        digests = digests_for(self.context)
        cache = cache_of(self.context)
        if digests is None:
            return None, None, None
        # Each item's are loaded only when the plan is not kept. Purging, the plan is not used, and
        # both memos are loaded and saved (the plan's without a value: no old URL or date stays).
        plans = cache.memo("lastmods plans")
        return digests, _Lazy(cache, "lastmods"), None if cache.purging else plans

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

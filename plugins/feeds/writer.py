"""Valid Atom 1.0 and RSS 2.0 from news items, with feedgenerator (as Pelican uses).

An item's attachments are enclosures (url, length, type). Differences from Pelican's own feeds, on purpose: ids are urn:uuid (valid for any
site name, Chinese slugs included), RSS guids say isPermaLink="false", and an
empty feed's date is the build date, not "now", so builds are reproducible.
"""
from __future__ import annotations

from feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed

from disclosure import urls
from disclosure_site.site_links import rooted

from .fast_xml import FeedXML


class _Stable:
    fallback_date = None

    def latest_post_date(self):
        if not self.items:
            return self.fallback_date
        return super().latest_post_date()


class AtomFeed(_Stable, Atom1Feed):

    def write(self, outfile, encoding):
        """Atom1Feed.write, through FeedXML (fast_xml.py)."""
        handler = FeedXML(outfile.write, encoding)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class RssFeed(_Stable, Rss201rev2Feed):

    def write(self, outfile, encoding):
        """Rss201rev2Feed.write (RssFeed's), through FeedXML (fast_xml.py)."""
        handler = FeedXML(outfile.write, encoding)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")


def render_feed(kind, items, *, title, page_url, feed_path, base, feed_id, author, description, fallback_date):
    cls = AtomFeed if kind == "atom" else RssFeed
    feed = cls(title=title, link=urls.absolute(base, page_url), description=description,
               feed_url=urls.absolute(base, feed_path), language="zh-CN", feed_guid=feed_id,
               author_name=author)
    feed.fallback_date = fallback_date
    for item in items:
        link = urls.absolute(base, item.url)
        html = rooted(item.html, base)  # a reader resolves "/…" against the feed's host, not the site
        # Attachments: every one as an Atom link rel="enclosure"; RSS allows one, the first.
        enclosures = [Enclosure(urls.absolute(base, url), str(size), media) for url, size, media in item.enclosures]
        feed.add_item(title=item.title, link=link, description=html if kind == "rss" else None,
                      content=html if kind == "atom" else None,
                      unique_id=item.id, unique_id_is_permalink=False,
                      pubdate=item.published, updateddate=item.updated,
                      enclosures=enclosures if kind == "atom" else enclosures[:1])
    return feed.writeString("utf-8")

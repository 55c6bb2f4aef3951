"""Feeds written through fast_xml.FeedXML are, character for character, what feedgenerator's own
SimplerXMLGenerator writes (the ground truth: the library's writer, not ours)."""
from __future__ import annotations

import datetime as dt

import pytest
from feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from feedgenerator.django.utils.xmlutils import UnserializableContentError
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.writer import AtomFeed, RssFeed, _Stable


class Atom1Feed(_Stable, Atom1Feed):  # feedgenerator's writer, with the build's date of an empty feed
    pass


class Rss201rev2Feed(_Stable, Rss201rev2Feed):
    pass

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=0x20), max_size=30)
items = st.lists(st.tuples(text, text, st.booleans(), st.integers(0, 2)), max_size=4)


def _feed(cls, kind, entries, stylesheets=None):
    feed = cls(title="动态 & <更新>", link="https://example.org/", description='说 "明" \'x\'\n\t',
               feed_url="https://example.org/feed.atom", language="zh-CN", feed_guid="urn:uuid:1",
               author_name="区政协", stylesheets=stylesheets)
    day = dt.datetime(2025, 5, 20, tzinfo=dt.timezone.utc)
    feed.fallback_date = day
    for k, (title, html, updated, attached) in enumerate(entries):
        enclosures = [Enclosure(f"https://example.org/a{j}.pdf?x=1&y=\"2\"", str(100 + j), "application/pdf")
                      for j in range(attached)]
        feed.add_item(title=title, link=f"https://example.org/p/{k}/", description=html if kind == "rss" else None,
                      content=html if kind == "atom" else None, unique_id=f"urn:uuid:{k}",
                      unique_id_is_permalink=False, pubdate=day, updateddate=day if updated else None,
                      enclosures=enclosures if kind == "atom" else enclosures[:1])
    return feed.writeString("utf-8")


@settings(max_examples=150, deadline=None)
@given(items)
def test_atom_and_rss_are_feedgenerators_own_bytes(entries):
    assert _feed(AtomFeed, "atom", entries) == _feed(Atom1Feed, "atom", entries)
    assert _feed(RssFeed, "rss", entries) == _feed(Rss201rev2Feed, "rss", entries)


def test_empty_feeds_stylesheets_and_markup_in_text():
    entries = [("<b>A&amp;B</b>", "<p>甲&乙</p>\n<p>“丙”</p>", True, 1), ("", "", False, 0)]
    assert _feed(AtomFeed, "atom", entries) == _feed(Atom1Feed, "atom", entries)
    assert _feed(RssFeed, "rss", [], ["/s.xsl"]) == _feed(Rss201rev2Feed, "rss", [], ["/s.xsl"])
    assert _feed(RssFeed, "rss", entries) == _feed(Rss201rev2Feed, "rss", entries)
    assert "&lt;b&gt;A&amp;amp;B&lt;/b&gt;" in _feed(AtomFeed, "atom", entries)


def test_control_characters_are_refused_as_feedgenerator_refuses_them():
    for cls in (Atom1Feed, AtomFeed):
        with pytest.raises(UnserializableContentError):
            _feed(cls, "atom", [("a\x01b", "", False, 0)])

"""Which entries stopped being public since the last build (their text then leaves the caches)."""
from disclosure.withdrawn import withdrawn


def test_less_shown_or_deleted_counts_more_shown_does_not():
    before = {"a.md": "full", "b.md": "full", "c.md": "summary", "d.md": "withheld", "e.md": "full", "f.md": "summary"}
    now = {"a.md": "summary", "b.md": "full", "c.md": "withheld", "d.md": "full", "f.md": "full", "g.md": "withheld"}
    assert withdrawn(before, now) == ["a.md", "c.md", "e.md"]  # e.md was deleted


def test_first_build_has_nothing_withdrawn():
    assert withdrawn({}, {"a.md": "withheld"}) == []

"""Which declared input (disclosure/digest.py) covers each name a template can read.

A page declares its inputs (pages.PageSpec.inputs); its fingerprint hashes exactly those.
tests/site/test_template_inputs.py renders every page with a recording context and fails
when a template reads a name whose NEEDS its page did not declare, or a name not listed
here (which needs WHOLE: only pages always made may read it). So a template that starts to
read something new fails that test until the name is listed here with what covers it, and,
when no declared input covers it yet, until digest.py hashes it.

STORY stands for "the story of the items the page shows": ENTRY on an item page, MEMBERS
on a listing (each member's story is hashed). A name that is a function of its argument
(summary_of(p)) needs what the function reads besides that argument.
"""
from __future__ import annotations

from disclosure.digest import CODE, DATE, ENTRY, MEMBERS, SITE, WHOLE

STORY = "story"

_CODE = {CODE}
_STORY = {STORY}
_DATED = {STORY, DATE}

NEEDS: dict[str, set] = {
    # code and settings (the salt): pure functions, labels, what the page spec derives from its URL
    **dict.fromkeys(["url", "urls", "absolute_url", "STATUS", "STATUS_HELP", "FLAGS", "UNKNOWN", "category_url",
                     "sector_url", "page_url", "page_title", "breadcrumbs", "feed_url", "rss_url", "json_url",
                     "facet", "facet_help", "kinds", "current_kind", "pager", "total", "commitment_counts",
                     "attachments_of", "attachment_url", "superseded_by", "feedback_for", "reply_is_late",
                     "response_title"], _CODE),
    # a month of replies: its neighbouring months (the listing hashes them with its members)
    "month_nav": _CODE,
    # a status's years and a year's blocks of numbers with their counts, a block's neighbours
    # (disclosure_site/pages.py _status_listing hashes them with the page's members)
    **dict.fromkeys(["sections", "sections_title", "block_nav"], _CODE),
    # the whole list's ways in: the statuses (labels) and the years (its first page hashes them)
    "browse": _CODE,
    # site.yaml
    **dict.fromkeys(["vocab", "site_identity", "share_image"], {SITE}),
    "share_description": {SITE, STORY},
    # the story of what the page shows (its files, replies, announcements, merged proposals,
    # history, proposers' page slugs)
    **dict.fromkeys(["proposal", "response", "announcement", "related", "history", "items",
                     "facet_value", "evidence_link", "proposer_of", "site.proposals",
                     "site.responses", "site.merged_here", "site.related_announcements"], _STORY),
    # shown as of the build date (as_of.py decides the date key): a lifecycle carries flags
    # (overdue) and days_overdue, a unit's figures days overdue
    **dict.fromkeys(["summary_of", "timeline_of", "window", "window_text", "commitments_of",
                     "commitments_citing", "open_commitments", "commitment_story", "follow_ups_by_event", "meta_for",
                     "life", "site.life",
                     "unit_stats"], _DATED),
    "as_of": {DATE},
    # only pages always made: the whole site, or the raw build date
    **dict.fromkeys(["today", "site", "counts", "overdue", "recent", "recent_replies", "announcements", "groups",
                     "months"],
                    {WHOLE}),
}


def needs(name: str, settings) -> set:
    """What a page must declare to read `name` (a Pelican setting is code)."""
    if name in NEEDS:
        return NEEDS[name]
    if name.isupper() and name in settings:
        return _CODE
    return {WHOLE}


def uncovered(reads, inputs, settings) -> list[str]:
    """The names read that the declared inputs do not cover."""
    have = set(inputs) | ({STORY} if ENTRY in inputs or MEMBERS in inputs else set())
    if WHOLE in inputs:
        return []
    return sorted(name for name in reads if not needs(name, settings) <= have)

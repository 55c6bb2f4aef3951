"""Content whose every free-text field holds markup behind a spreadsheet formula starter.

Shared by tests/site/test_escaping.py (every output format) and
tests/browser/test_hostile_content.py (what Chromium does with the pages). Six
proposals, one per formula starter, each with a lead and a co reply and an
announcement; every site.yaml text field is hostile too. Fields that must hold a
number, a date, an enumeration or a reference are validated instead
(test_fields_that_name_things_refuse_markup).
"""
from __future__ import annotations

import yaml

from conftest import SITE_YAML, front_matter

STARTERS = ["=", "+", "-", "@", "\t", "\r"]  # OWASP: what makes a spreadsheet cell a formula
MARKUP = "<img src=x onerror=alert(1)><script>alert(2)</script>\"><svg onload=alert(3)>'><svg onload=alert(4)>"
# The examples of issue 14, verbatim.
HYPERLINK = '=HYPERLINK("http://evil.example/","点击")'
SUM = "@SUM(1)"
FORMULA = "=1+1"
EXTERNAL_IMAGE = "https://evil.example/track.png"


def payload(field: str, n: int) -> str:
    """A value for one field: a formula starter, the field's name (to find it again), markup."""
    return f"{STARTERS[n % len(STARTERS)]}{field}{MARKUP}"


def shown(value: str) -> str:
    """The value as a page shows it: staff text is trimmed when read (a leading tab or CR goes)."""
    return value.strip()


SITE = {
    "body": payload("body", 0),
    "level": "district",
    "site_title": payload("site_title", 1),
    "description": payload("description", 2),
    "categories": [{"name": payload(f"category{i}", i), "slug": slug}
                   for i, slug in enumerate(["economy", "urban", "social"])],
    "sectors": [{"name": payload(f"sector{i}", i + 3), "slug": slug} for i, slug in enumerate(["minmeng", "jingji"])],
    "units": [{"name": payload(f"unit{i}", i), "short": payload(f"short{i}", i + 3), "slug": slug}
              for i, slug in enumerate(["fgw", "sthj", "mz"])],
    "result_codes": [{"code": payload(f"code{i}", i + 2), "label": payload(f"result{i}", i + 3), "adopted": i < 2}
                     for i in range(3)],
    "reply_days": 90,
    **{key: payload(key, i) for i, key in enumerate(
        ["short_name", "publisher", "contact", "address", "phone", "email", "website_code", "icp",
         "police_record", "index_prefix", "copyright", "language", "organiser"])},
    # A valid pattern (every field in braces) around markup.
    "index_pattern": payload("index_pattern", 4) + "{prefix}-{year}-{kind}-{key}",
    # URL fields take http(s) only (test_site_yaml_urls_*); these are valid ones with query strings.
    "icp_url": "https://beian.miit.gov.cn/?a=1&b='x'",
    "police_record_url": "https://beian.mps.gov.cn/#/query/webSearch?code=1",
}
assert set(SITE) >= set(SITE_YAML)

# Bodies are Markdown with some HTML allowed (an <img> of the site's own is fine), so they get the
# markup a sanitiser must remove, and images from other sites, which must not load.
BODY_MARKUP = "<script>alert(2)</script>\"><svg onload=alert(3)><img src=own.png onerror=alert(5)>"
BODY = (f"正文{BODY_MARKUP}\n\n![外部图片{MARKUP}]({EXTERNAL_IMAGE})\n\n"
        "<img src=\"https://evil.example/raw.png\" alt=\"原始\">\n\n"
        "<img src=\"//evil.example/relative-scheme.png\" alt=\"协议相对\">")


def unit(i):
    return SITE["units"][i % 3]


def files() -> dict:
    """Six proposals (one per formula starter), each with two replies and an announcement."""
    out = {"site.yaml": yaml.safe_dump(SITE, allow_unicode=True, sort_keys=False)}
    for n in range(len(STARTERS)):
        number = f"{n + 1:04d}"
        pid = f"2026-{number}"
        lead, co = unit(n), unit(n + 1)
        summary = n == 5  # one of each kind shows its summary instead of its body
        p = {"number": number, "year": 2026, "term": 15, "session": 1,
             "title": HYPERLINK if n == 0 else payload("title", n),
             "proposers": [SUM, payload("proposer", n + 1)] if n == 0 else [payload("proposer", n),
                                                                            payload("proposer2", n + 1)],
             "sector": SITE["sectors"][n % 2]["name"], "category": SITE["categories"][n % 3]["name"],
             "tags": [payload("tag", n), payload("tag2", n + 1)], "submitted": "2026-01-10",
             "review": "filed", "review_date": "2026-02-01", "handling": "lead_co",
             "lead_units": [lead["short"]], "co_units": [co["name"]], "assigned": "2026-02-10",
             "key": True, "supervisor": payload("supervisor", n),
             "events": [{"date": "2026-03-01", "label": payload("event", n), "note": payload("event_note", n + 1)}]
             + ([] if summary else [{"date": "2026-05-10", "label": payload("follow_up", n),  # a 回头看 of the
                                     "note": payload("follow_up_note", n), "reviews": [1]}]),  # lead's commitment
             "feedback": [{"date": "2026-05-01", "satisfaction": "satisfied", "unit": lead["name"],
                           "note": payload("feedback_note", n)}],
             **({"closed": "2026-06-01"} if n % 2 else {}),
             **({"disclosure": "summary", "summary": payload("proposal_summary", n)} if summary else {})}
        out[f"proposals/2026/{number}.md"] = front_matter(p, BODY)
        for who, role, m in ((lead, "lead", n), (co, "co", n + 1)):
            x = {"proposal": pid, "unit": who["slug"], "role": role, "date": "2026-04-01",
                 "doc_no": FORMULA if n == 0 and role == "lead" else payload("doc_no", m),
                 "signer": payload("signer", m), "contact": payload("contact", m), "title": payload("reply_title", m),
                 **({"result": SITE["result_codes"][n % 3]["code"]} if role == "lead" else {}),
                 **({"disclosure": "summary", "summary": payload("reply_summary", m)} if summary else {}),
                 # 承诺 of a reply public in full (a summary reply publishes none: test_commitments_site.py)
                 **({"commitments": [{"text": payload("commitment", m), "due": "2026-06-30", "updates": [
                     {"date": "2026-05-01", "status": "推进中", "note": payload("commitment_note", m),
                      "evidence": "https://example.org/?a=1&b='x'"}]}]} if role == "lead" and not summary else {})}
            out[f"responses/2026/{number}-{who['slug']}.md"] = front_matter(x, BODY)
        a = {"title": payload("notice_title", n), "date": "2026-07-01", "kind": "publicity", "until": "2026-07-08",
             "region": payload("region", n), "related": [pid], "tags": [payload("notice_tag", n)],
             **({"disclosure": "summary", "summary": payload("notice_summary", n)} if summary else {})}
        out[f"announcements/2026/notice-{n}.md"] = front_matter(a, BODY)
    return out


def every_payload() -> list[str]:
    """Every hostile value written into the content, as read (trimmed)."""
    values = []

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str) and ("<" in v or v[:1] in STARTERS or v in (HYPERLINK, SUM, FORMULA)):
            values.append(shown(v))

    for text in files().values():
        head = text.split("---\n")[1] if text.startswith("---\n") else text
        walk(yaml.safe_load(head))
    return sorted(set(values))

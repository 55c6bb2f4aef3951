"""Links staff write from the site's root (`[第0002号提案](/proposals/2026/0002/)`) point into
the site wherever it is published: under a sub-path (`https://host/zxta`) they get the
site's address in front, as every link the theme writes does."""
from __future__ import annotations

import re

# The sanitiser writes every attribute in double quotes; "//host/…" is another site.
_ROOTED = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")/(?!/)')


def rooted(fragment: str, siteurl: str) -> str:
    """Body HTML with its root-relative href/src prefixed by `siteurl` (unchanged without one)."""
    siteurl = (siteurl or "").rstrip("/")
    if not siteurl or '="/' not in fragment:
        return fragment
    return _ROOTED.sub(lambda m: f"{m.group(1)}{siteurl}/", fragment)

"""Names the search page offers when nothing is found: every unit (full and short name)
and category, with its listing page. Near titles come from the index itself (search.js,
`suggestions`), so only these few names are written into the page."""
from __future__ import annotations

from disclosure import urls


def suggestion_names(site, url) -> list[dict]:
    """[{name, short, kind, url}] for the search page; `url` makes a site path absolute."""
    units = [{"name": u.name, "short": u.short or "", "kind": "承办单位", "url": url(urls.unit(u))}
             for u in site.vocab.units]
    categories = [{"name": t.name, "short": "", "kind": "类别", "url": url(urls.category(t))}
                  for t in site.vocab.categories]
    return units + categories

"""Template globals for what a page says about itself: canonical URL, share card, metadata block, footer.

The facts come from disclosure.meta; this only makes URLs absolute for the
configured public address, so a link pasted into a chat shows a proper card.
"""
from __future__ import annotations

from urllib.parse import quote

from disclosure import files, meta, urls

DEFAULT_SHARE_IMAGE = ("theme/img/share.png", 1200, 630)
LOCAL_PREVIEW = "http://localhost:8000"


def public_base(settings) -> str:
    """The site's absolute address: SITEURL when publishing, else the preview address feeds use."""
    return (settings.get("SITEURL") or settings.get("DISCLOSURE_FEED_BASE") or LOCAL_PREVIEW).rstrip("/")


def absolute(base: str, path: str) -> str:
    """An absolute, percent-encoded URL (sitemaps and share cards need RFC 3986 URLs)."""
    if path.startswith(("http://", "https://")):
        return path
    return urls.absolute(base, quote(path, safe="/:@!$&'()*+,;=-._~%"))


def share_image(base: str, settings: dict) -> dict:
    """The share card image: site.yaml `share_image` (a URL or a file in the content folder) or the theme's."""
    custom = (settings.get("share_image") or "").strip()
    if custom:
        url = custom if files.is_url(custom) else urls.share_image(custom)
        return {"url": absolute(base, url), "width": None, "height": None}
    path, width, height = DEFAULT_SHARE_IMAGE
    return {"url": absolute(base, path), "width": width, "height": height}


def globals_for(settings, site) -> dict:
    base = public_base(settings)
    return {
        "absolute_url": lambda path: absolute(base, path or ""),
        "meta_for": lambda entry: meta.metadata(site, entry),
        "share_description": lambda entry: meta.share_description(site, entry),
        "share_image": share_image(base, site.vocab.settings),
        "site_identity": meta.site_identity(site.vocab),
    }

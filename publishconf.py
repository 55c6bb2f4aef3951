"""Settings for publishing: the public address, absolute links in feeds and data."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("GONGKAI_SITE_URL", "https://example.org")
RELATIVE_URLS = False
# Feeds, data, sitemap, canonical links and share cards all use the public address.
DISCLOSURE_FEED_BASE = SITEURL
DELETE_OUTPUT_DIRECTORY = True

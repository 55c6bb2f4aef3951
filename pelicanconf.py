"""Pelican settings for Gongkai (local preview). publishconf.py adds the public URL.

`pelican content -s pelicanconf.py` builds the same site as `python build.py build`;
the CLI adds the safe swap of the output folder and a readable error report.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "plugins"))

SITENAME = "政协提案全周期公开"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
THEME = os.path.join(HERE, "themes", "gongkai")
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"

PLUGIN_PATHS = [os.path.join(HERE, "plugins")]
PLUGINS = ["disclosure_site", "feeds", "opendata", "publishing", "stats", "search"]

# Our content is YAML + Markdown read by the disclosure core, not by Pelican's readers.
READERS = {"md": None, "markdown": None, "mkd": None, "mdown": None, "html": None, "htm": None, "rst": None}
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
THEME_STATIC_DIR = "theme"
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Pelican's own feeds are off: plugins/feeds writes valid Atom/RSS with stable ids.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": [],
                      "auto_reload": False}  # templates do not change during a build: no stat per template use

DISCLOSURE_PER_PAGE = 20
# Feeds need absolute links; a local build points them at the preview server.
DISCLOSURE_FEED_BASE = "http://localhost:8000"

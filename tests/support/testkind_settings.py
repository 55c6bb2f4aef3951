"""Pelican settings of a site with one more content kind (testkind.py): the project's own
settings, DISCLOSURE_KINDS, and the folder holding the kind's template."""
import os
import sys

support = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(support)))  # the project: pelicanconf
sys.path.insert(0, support)

from pelicanconf import *  # noqa: E402,F401,F403

import testkind  # noqa: E402

DISCLOSURE_KINDS = testkind.kinds()
THEME_TEMPLATES_OVERRIDES = [os.path.join(support, "testkind_templates")]

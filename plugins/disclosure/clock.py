"""The date the site describes, on its own so that deciding "nothing changed" (gongkai_build/
unchanged.py) can ask for it without loading the content model."""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Asia/Shanghai")


def build_date(env=None) -> dt.date:
    """The date the site describes: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    env = os.environ if env is None else env
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), TIMEZONE).date()
    return dt.datetime.now(TIMEZONE).date()

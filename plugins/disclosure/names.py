"""Proposers' names as a 提案选登 page prints them, and groups that propose without a person.

Printed lists separate names with spaces and pad a two-character name to three
("王燕峰    卢红梅    赵   历"); read as one string that would be one person.
"""
from __future__ import annotations

import re

_NAME_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff·•．]+")
_SPACES = re.compile(r"[\s\u3000]+")

# The eight democratic parties (a national fact, not local vocabulary), in short and full forms.
PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "中国国民党革命委员会",
           "中国民主同盟", "中国民主建国会", "中国民主促进会", "中国农工民主党", "中国致公党", "台湾民主自治同盟",
           "中国共产党", "无党派")
ORGANISATIONS = ("工商联", "总工会", "共青团", "团区委", "团市委", "妇联", "科协", "侨联", "台联", "青联", "文联")


def split_printed(text: str) -> list[str] | None:
    """Names separated by spaces → the list (single characters paired: 赵 历 → 赵历); None when
    the text has no spaces between Chinese names."""
    tokens = [t for t in _SPACES.split(text.strip()) if t]
    if len(tokens) < 2 or not all(_NAME_TOKEN.fullmatch(t) for t in tokens):
        return None
    names, i = [], 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            names.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            names.append(tokens[i])
            i += 1
    return names


def group_type(name: str, sectors=()) -> str | None:
    """The proposer type of a group named as proposer (党派, 界别, 专委会 …), or None for a person."""
    if any(name.startswith(p) for p in PARTIES):
        return "party"
    if any(o in name for o in ORGANISATIONS):
        return "organisation"
    if "专委会" in name or "专门委员会" in name or name.endswith("委员会"):
        return "committee"
    if name.endswith("小组"):
        return "member_group"
    if name in sectors or name.endswith("界") or name.endswith("界别"):
        return "sector"
    return None

"""The fast tokeniser (str.translate) cuts text exactly as the rule in search/tokens.py says."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from search.tokens import (BREAK, KEYS, SPACE, display_text, index_text, index_tokens, key_query, query_tokens,
                           query_words, token)


def reference_tokens(text: str) -> list[str]:
    """The rule, one character at a time: every non-space character is a token; spaces glue to the one before."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isspace():
            if out and not out[-1].endswith(SPACE):
                out[-1] += SPACE
        else:
            out.append(token(ch))
    return out


def reference_text(fields) -> str:
    parts: list[str] = []
    for field in fields:
        tokens = reference_tokens(field or "")
        if tokens:
            if parts:
                parts.append(BREAK)
            parts.extend(tokens)
    return " ".join(parts)


def test_chinese_ascii_punctuation_and_spaces():
    assert index_tokens("PM2.5 浓度。") == ["P", "M", "2", "u2e", "5" + SPACE, "浓", "度", "u3002"]
    assert index_tokens("  低碳\n\n 社区  ") == ["低", "碳" + SPACE, "社", "区" + SPACE]
    assert index_tokens("") == [] and index_tokens(" \t\n") == []
    assert index_text(["标题", None, "", "正文 内容"]) == f"标 题 {BREAK} 正 文{SPACE} 内 容"
    assert display_text(index_text(["PM2.5 浓度。"])) == "PM2.5 浓度。"


def test_full_width_text_and_query_are_the_half_width_ones():
    """Residents type half-width punctuation; letters pasted from Word are full-width (and vice versa)."""
    assert index_tokens("（第57号提案）") == index_tokens("(第57号提案)")
    assert query_tokens("办复类别: A") == query_tokens("办复类别：Ａ")
    assert index_tokens("融文于城，创建为民") == [token(c) for c in "融文于城,创建为民"]
    assert index_tokens("低碳\u3000社区") == ["低", "碳" + SPACE, "社", "区"]


def test_key_fields_follow_the_body_as_their_own_words():
    """Title, number and keywords again after KEYS, each token marked, so a second phrase search
    finds an item's own title or number and no body text; results show the fields only."""
    indexed = index_text(["关于PM2.5的建议", "正文"], keys=["关于PM2.5的建议", "2023-0110", ""])
    assert indexed.endswith(f"正 文 {BREAK} {KEYS} k5173 k4e8e k70 k6d k32 k2e k35 k7684 k5efa k8bae {BREAK} "
                            "k32 k30 k32 k33 k2d k30 k31 k31 k30")
    assert key_query("2023-0110") == '"k32 k30 k32 k33 k2d k30 k31 k31 k30"'
    assert key_query("PM2.5 的") == '"k70 k6d k32 k2e k35 k7684"' and key_query(" ") is None
    assert key_query("（ｕ）") == key_query("(u)") == '"k28 k75 k29"'  # width folded; a letter u is no u-code
    assert display_text(indexed) == "关于PM2.5的建议 · 正文"
    assert display_text(index_text([], keys=["标题"])) == ""  # a withheld body shows nothing
    assert index_text(["正文"], keys=["", None]) == "正 文"


def test_a_query_of_several_words():
    assert query_words(" 电动自行车  充电 ") == ["电动自行车", "充电"]
    assert query_words("梓山公园\u3000排淤") == ["梓山公园", "排淤"]
    assert query_words("PM2.5") == ["PM2.5"] and query_words("   ") == []


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_fast_tokens_equal_the_rule(text):
    assert index_tokens(text) == reference_tokens(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), texts), max_size=5))
def test_fast_index_text_equals_the_rule(fields):
    assert index_text(fields) == reference_text(fields)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \t\n\u3000\u00a0\u2060\u2063" + "低碳aA1。,.", max_size=40))
def test_markers_and_unusual_spaces_in_the_text(text):
    assert index_tokens(text) == reference_tokens(text)


def test_regex_classes_are_the_unicode_categories_the_rule_names():
    """The fast path relies on \\w (but "_") being L*/N* and \\s being str.isspace, for every code point."""
    import re
    import sys
    import unicodedata

    word, space = re.compile(r"\w"), re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert (bool(word.match(ch)) and ch != "_") == (unicodedata.category(ch)[0] in "LN"), hex(code)
        assert bool(space.match(ch)) == ch.isspace(), hex(code)

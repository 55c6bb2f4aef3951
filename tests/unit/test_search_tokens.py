"""The fast tokeniser (str.translate) cuts text exactly as the rule in search/tokens.py says."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from search.tokens import (BREAK, KEY_SPAN, SPACE, WIDE, display_text, index_text, index_tokens, normalized,
                           query_tokens, query_words, token)


def reference_tokens(text: str) -> list[str]:
    """The rule, one character at a time: every non-space character is a token; spaces glue to the
    one before; a character written full-width (U+FF01–FF5E) is the half-width one's token with
    WIDE glued, unless that changes what NFKC makes of the text; U+FDD0 reads as U+FFFD."""
    text = text.replace(WIDE, "\ufffd")
    plain = unicodedata.normalize("NFKC", text)
    wide = "".join(chr(ord(c) - 0xFEE0) + WIDE if "\uff01" <= c <= "\uff5e" else c for c in text)
    wide = unicodedata.normalize("NFKC", wide)
    out: list[str] = []
    for ch in wide if wide.replace(WIDE, "") == plain else plain:
        if ch == WIDE:
            out[-1] = out[-1].removesuffix(SPACE) + WIDE
        elif ch.isspace():
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
    def words(text):  # what Pagefind indexes: the tokens without the glued space and width mark
        return [t.replace(SPACE, "").replace(WIDE, "") for t in index_tokens(text)]

    assert words("（第57号提案）") == words("(第57号提案)")
    assert query_tokens("办复类别: A") == query_tokens("办复类别：Ａ")
    assert words("融文于城，创建为民") == [token(c) for c in "融文于城,创建为民"]
    assert index_tokens("低碳\u3000社区") == ["低", "碳" + SPACE, "社", "区"]


def test_shown_text_keeps_the_pages_own_full_width_characters():
    """Indexed half-width, shown as the page wrote it: the token carries a width mark."""
    assert index_tokens("城，创（Ａ１）") == ["城", "u2c" + WIDE, "创", "u28" + WIDE, "A" + WIDE,
                                           "1" + WIDE, "u29" + WIDE]
    for text in ("融文于城，创建为民（第57号提案）", "办复类别：Ａ １２", "PM2.5, (x)"):
        assert display_text(index_text([text])) == text
    # A mark would stop NFKC composing Ａ with a combining accent (Á): such a text is left unmarked.
    assert index_tokens("Ａ\u0301，") == ["Á", "u2c"]
    # A text holding the mark itself (no text should) reads it as U+FFFD, as the query does.
    assert index_tokens("a\ufdd0b") == ["a", "ufffd", "b"] and query_tokens("\ufdd0") == ["ufffd"]


def test_a_blocks_last_token_shows_no_mark_when_a_space_is_glued_to_it():
    """Pagefind ends a block with "."; a full-width ）followed by a space ends as u29<WIDE><SPACE>."""
    from search.tokens import display_token
    assert display_token("u29" + WIDE + SPACE + ".") == "） "
    assert display_token("u29" + WIDE + ".") == "）"
    assert display_token("碳" + SPACE + ".") == "碳 "


def test_own_fields_hold_the_first_word_positions():
    """Title, number and keywords first; the other fields start at KEY_SPAN, so a match's
    position says whether it is in the item's own fields. Shown text has one break there."""
    tokens = index_text(["关于PM2.5的建议", "2023-0110", "", "区发改委", "正文"], keys=3).split(" ")
    assert tokens[:10] == ["关", "于", "P", "M", "2", "u2e", "5", "的", "建", "议"]
    assert tokens[10:20] == [BREAK, "2", "0", "2", "3", "u2d", "0", "1", "1", "0"]
    assert set(tokens[20:KEY_SPAN]) == {BREAK}
    assert tokens[KEY_SPAN:] == ["区", "发", "改", "委", BREAK, "正", "文"]
    assert display_text(" ".join(tokens)) == "关于PM2.5的建议 · 2023-0110 · 区发改委 · 正文"
    no_own = index_text(["", "正文"], keys=1).split(" ")  # (a reply without its own title)
    assert set(no_own[:KEY_SPAN]) == {BREAK} and no_own[KEY_SPAN:] == ["正", "文"]
    assert index_text(["标题", ""], keys=1) == "标 题"  # nothing after the own fields: no padding
    long = index_text(["长" * 300, "正文"], keys=1).split(" ")  # longer than KEY_SPAN: one break
    assert long[300:] == [BREAK, "正", "文"]


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


# What the folding before NFKC (tokens._folded) could get wrong: full-width forms and the ideographic
# space beside combining marks that compose with their half-width letters (Ａ + U+0301 is Á), Hangul
# jamo, compatibility ideographs, the width mark itself.
tricky = st.text(alphabet="ＡＢａ１（），：＿\u3000\ufdd0\ufffd\u0301\u0308\u0338\u1100\u1161\uf900\u2460aA1=<（低碳。 \n",
                 max_size=40)


@settings(max_examples=600, deadline=None)
@given(tricky)
def test_folding_full_width_first_gives_nfkc_and_the_rule(text):
    assert normalized(text) == unicodedata.normalize("NFKC", text.replace(WIDE, "\ufffd"))
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

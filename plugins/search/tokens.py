"""The one rule that makes Chinese search exact: every character is a word.

Pagefind matches whole words, and no segmenter agrees with itself between
indexing and querying (Pagefind issue #1237: 低碳 indexed as 低 + 碳, the query
碳排放 cut differently). So we cut nothing: each letter, digit or 汉字 is its own
token, and so is each punctuation mark or symbol, written as a code word
(`。` → `u3002`) because Pagefind drops punctuation. A query becomes an exact
phrase of the same tokens, so a page matches exactly when the query is a
substring of its text — ignoring only case and spaces: spaces are glued to
the token before them, so `PM2.5 浓度` and `PM2.5浓度` match each other.

A field break (between title, numbers and body) is a token that matches
nothing, so no phrase runs from one field into the next.

search.js repeats `query_tokens` and `display_text` in the browser; the tests
keep the two in step.
"""
from __future__ import annotations

import re
import unicodedata

# A space of the original text, glued to the token before it; shown as a space.
SPACE = "\u2060"  # WORD JOINER: not whitespace to Pagefind, and not a letter
# A token of its own between fields: it takes a word position and indexes nothing.
BREAK = "\u2063"  # INVISIBLE SEPARATOR
CODE = re.compile(r"u([0-9a-f]{1,6})")


def is_word_char(ch: str) -> bool:
    """Letters and digits of any script (Unicode L* and N*): `[\\p{L}\\p{N}]` in search.js."""
    return unicodedata.category(ch)[0] in "LN"


def token(ch: str) -> str:
    """One non-space character → its token: itself, or a code word for punctuation and symbols."""
    return ch if is_word_char(ch) else f"u{ord(ch):x}"


def index_tokens(text: str) -> list[str]:
    """Text → one token per non-space character; a run of spaces is glued to the token before it."""
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            if out and not out[-1].endswith(SPACE):
                out[-1] += SPACE
        else:
            out.append(token(ch))
    return out


def index_text(fields) -> str:
    """Fields (title, numbers, body …) → the whitespace-separated text Pagefind indexes."""
    parts: list[str] = []
    for field in fields:
        tokens = index_tokens(field or "")
        if tokens:
            if parts:
                parts.append(BREAK)
            parts.extend(tokens)
    return " ".join(parts)


def query_tokens(query: str) -> list[str]:
    """A query → its tokens, lower-cased, spaces left out."""
    return [token(ch).lower() for ch in query if not ch.isspace()]


def pagefind_query(query: str) -> str | None:
    """A query → the exact-phrase search Pagefind runs ("碳 排 放"); None when it is blank."""
    tokens = query_tokens(query)
    return '"' + " ".join(tokens) + '"' if tokens else None


def display_token(tok: str) -> str:
    glued = tok.endswith(SPACE)
    core = tok.removesuffix(SPACE)
    if len(core) > 1 and core.endswith("."):
        core = core[:-1]  # Pagefind ends a block of text with "."; our tokens never do
    if core == BREAK:
        return " · "
    code = CODE.fullmatch(core)
    return (chr(int(code.group(1), 16)) if code else core) + (" " if glued else "")


def display_text(indexed: str) -> str:
    """Indexed text → readable text again (what results show)."""
    return "".join(display_token(t) for t in indexed.split(" ")).strip()

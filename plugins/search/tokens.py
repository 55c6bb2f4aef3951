"""The one rule that makes Chinese search exact: every letter or digit is a word.

Pagefind matches whole words, and no segmenter agrees with itself between
indexing and querying (Pagefind issue #1237: 低碳 indexed as 低 + 碳, the query
碳排放 cut differently). So we cut nothing: each letter, digit or 汉字 is its
own token, and a query becomes an exact phrase of the same tokens. If a query
occurs in a text, its tokens occur there side by side, so the page is found.

Punctuation and spaces are glued to the token before them: they stay in the
text that Pagefind shows, but take no word position, so `PM2.5`, `PM 2.5` and
`2023-0110` match whatever punctuation the page used. A field break takes a
position and indexes nothing, so no phrase runs from a title into a body.

search.js repeats `query_tokens` in the browser; tests keep the two in step.
"""
from __future__ import annotations

import unicodedata

# Shown as a space in results; not whitespace to Pagefind, so it stays glued.
SPACE = "\u2060"  # WORD JOINER
# A token of its own between fields: it takes a word position and indexes nothing.
BREAK = "\u2063"  # INVISIBLE SEPARATOR


def is_word_char(ch: str) -> bool:
    """Letters and digits of any script (Unicode L* and N*), as `\\p{L}|\\p{N}` in search.js."""
    return unicodedata.category(ch)[0] in "LN"


def index_tokens(text: str) -> list[str]:
    """Text → tokens for the index: one per letter or digit, punctuation glued on."""
    out: list[str] = []
    lead = ""
    for ch in text:
        if ch.isspace():
            ch = SPACE
        if is_word_char(ch):
            out.append(lead + ch)
            lead = ""
        elif ch == SPACE and (not out or out[-1].endswith(SPACE)):
            continue  # runs of spaces show as one
        elif out:
            out[-1] += ch
        else:
            lead += ch
    if lead:
        out.append(lead)
    return out


def index_text(fields) -> str:
    """Fields (title, numbers, body …) → the whitespace-separated text Pagefind indexes."""
    parts = []
    for field in fields:
        tokens = index_tokens(field or "")
        if tokens:
            if parts:
                parts.append(BREAK)
            parts.extend(tokens)
    return " ".join(parts)


def query_tokens(query: str) -> list[str]:
    """A query → its tokens: the letters and digits, lower-cased, in order."""
    return [ch.lower() for ch in query if is_word_char(ch)]


def pagefind_query(query: str) -> str | None:
    """A query → the exact-phrase search Pagefind runs ("碳 排 放"); None when nothing is searchable."""
    tokens = query_tokens(query)
    return '"' + " ".join(tokens) + '"' if tokens else None


def display_text(indexed: str) -> str:
    """Indexed text → readable text again (what results show)."""
    return indexed.replace(" ", "").replace(SPACE, " ").replace(BREAK, " · ")

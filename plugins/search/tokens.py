"""The one rule that makes Chinese search exact: every character is a word.

Pagefind matches whole words, and no segmenter agrees with itself between
indexing and querying (Pagefind issue #1237: 低碳 indexed as 低 + 碳, the query
碳排放 cut differently). So we cut nothing: each letter, digit or 汉字 is its own
token, and so is each punctuation mark or symbol, written as a code word
(`。` → `u3002`) because Pagefind drops punctuation. A query becomes an exact
phrase of the same tokens, so a page matches exactly when the query is a
substring of its text — ignoring only case, width (NFKC: `（` is `(`) and spaces:
spaces are glued to the token before them, so `PM2.5 浓度` and `PM2.5浓度` match
each other. A query of several words also finds pages holding each word
somewhere (`query_words`; search.js lists the whole-phrase matches first).

A field break (between title, numbers and body) is a token that matches
nothing, so no phrase runs from one field into the next.

An item's own key fields (title, number, keywords) come first, and field breaks pad
them to KEY_SPAN word positions, so every other field starts at KEY_SPAN or later. A
match at a position below KEY_SPAN is in the item's own fields: search.js reads that
from the positions Pagefind returns with each result (before any result's data is
loaded) and lists those items first (best match first), with no second search and no
larger index (a break is not a word). Shown text has each run of breaks as one " · ".

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
# Glued to a token whose character the text wrote full-width (，（）：ＡＢ１２, U+FF01–FF5E): the
# token is the half-width one (NFKC, as the query is), and what is shown is the text's own
# character. A Unicode noncharacter, which no text should hold (one that does reads as U+FFFD),
# NFKC leaves alone, and Pagefind drops from the word it indexes, as it drops SPACE.
WIDE = "\ufdd0"
WIDTH = 0xFEE0  # full-width form − its ASCII character
_WIDEN = {0xFF01 + i: chr(0x21 + i) + WIDE for i in range(0x5E)} | {ord(WIDE): "\ufffd"}
_HAS_WIDE = re.compile("[\uff01-\uff5e]")
CODE = re.compile(r"u([0-9a-f]{1,6})")
# Word positions held by an item's own fields (title, number, keywords): the other fields
# start at this position or later. search.js has the same number.
KEY_SPAN = 256


def is_word_char(ch: str) -> bool:
    """Letters and digits of any script (Unicode L* and N*): `[\\p{L}\\p{N}]` in search.js."""
    return unicodedata.category(ch)[0] in "LN"


def token(ch: str) -> str:
    """One non-space character → its token: itself, or a code word for punctuation and symbols."""
    return ch if is_word_char(ch) else f"u{ord(ch):x}"


class _Codes(dict):
    """Punctuation or symbol → its code word, worked out once per character."""

    def __missing__(self, ch: str) -> str:
        value = self[ch] = token(ch)
        return value


_CODES = _Codes()
# Python's \w (but "_") is exactly Unicode L* and N*, and \s is str.isspace: a test checks both
# over every code point, so the regexes below cut as `token` and `str.isspace` would.
_NOT_WORD = re.compile(r"[^\w\s\ufdd0]|_")  # (WIDE stays as it is)
_SPACES = re.compile(r"\s{2,}")


def _joined(text: str) -> str:
    """Text → its tokens joined by single spaces; a run of spaces glued to the token before it.

    Whole-string operations in C (a ten-year archive is some 40 million characters): put a
    space between every two characters; turn each punctuation mark into its code word (one
    replace per distinct mark); then every run of two or more spaces is where the text had
    spaces, and becomes SPACE.
    """
    text = marked(text)
    if not text.strip():
        return ""  # (a lone "\n" would look like the space between two tokens)
    spaced = " ".join(text)
    for ch in set(_NOT_WORD.findall(text)):  # each mark's code word (letters and digits only)
        spaced = spaced.replace(ch, _CODES[ch])
    spaced = spaced.replace(" " + WIDE, WIDE)
    glued = _SPACES.sub(SPACE + " ", spaced)
    return glued.removeprefix(SPACE + " ").rstrip(" ")


def marked(text: str) -> str:
    """normalized(text), each character the text wrote full-width followed by WIDE; unmarked if
    a mark would change what NFKC makes of the rest (a combining accent after Ａ composes with A)."""
    if not _HAS_WIDE.search(text):
        return normalized(text)
    wide = _folded(text, _FOLD_MARKED)
    plain = wide.replace(WIDE, "")  # normalized(text), folded as it is: its marks were made FFFD
    if unicodedata.is_normalized("NFKC", wide) and unicodedata.is_normalized("NFKC", plain):
        return wide  # what the lines below give, without NFKC's pass over every character
    plain = normalized(text)
    wide = unicodedata.normalize("NFKC", text.translate(_WIDEN))
    return wide if wide.replace(WIDE, "") == plain else plain


def normalized(text: str) -> str:
    """NFKC, in index and query alike: full-width letters, digits and punctuation (ＡＢＣ１２, （，：)
    and the ideographic space are the half-width ones, so "(第57号提案)" finds "（第57号提案）".
    (WIDE, which the index uses as a mark, reads as U+FFFD, in both.)"""
    folded = _folded(text, _FOLD)
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", folded)


# NFKC was most of the search corpus's Python time (a Chinese text with full-width punctuation
# is not NFKC; ~45 ns a character). Each full-width form (U+FF01–FF5E) and the ideographic space
# is replaced by the whole compatibility decomposition NFKD makes of it (WIDE by U+FFFD, as
# above): the text's NFKD, hence its NFKC, is unchanged, and a folded text that a quick check
# (in C) finds already NFKC is its NFKC. tests/unit/test_search_tokens.py compares with NFKC.
_FOLDABLE = re.compile("[\ufdd0\u3000\uff01-\uff5e]")
_FOLD = {chr(0xFF01 + i): chr(0x21 + i) for i in range(0x5E)} | {"\u3000": " ", WIDE: "\ufffd"}
_FOLD_MARKED = _FOLD | {chr(0xFF01 + i): chr(0x21 + i) + WIDE for i in range(0x5E)}


def _folded(text: str, table: dict) -> str:
    """text with each character of _FOLDABLE replaced as `table` says: one str.replace per
    distinct character (a few a text), several times faster than str.translate's per-character lookup."""
    found = set(_FOLDABLE.findall(text))
    if WIDE in found:  # first, so that no mark the table writes is replaced
        text = text.replace(WIDE, "\ufffd")
        found.discard(WIDE)
    for ch in found:
        text = text.replace(ch, table[ch])
    return text


def index_tokens(text: str) -> list[str]:
    """Text → one token per non-space character; a run of spaces is glued to the token before it."""
    joined = _joined(text or "")
    return joined.split(" ") if joined else []


def _fields_text(fields) -> str:
    parts = [joined for joined in (_joined(field or "") for field in fields) if joined]
    return f" {BREAK} ".join(parts)


def index_text(fields, keys: int = 0) -> str:
    """Fields (title, numbers, body …) → the whitespace-separated text Pagefind indexes.

    With `keys`, the first `keys` fields are the item's own (title, number, keywords): the
    other fields are moved to start at word position KEY_SPAN (or just after the own
    fields, if these are longer), field breaks filling the gap.
    """
    if not keys:
        return _fields_text(fields)
    own, rest = _fields_text(fields[:keys]), _fields_text(fields[keys:])
    if not rest:
        return own
    used = len(own.split(" ")) if own else 0
    return " ".join([own] * bool(own) + [BREAK] * max(1, KEY_SPAN - used) + [rest])


def query_tokens(query: str) -> list[str]:
    """A query → its tokens, lower-cased, spaces left out."""
    return [token(ch).lower() for ch in normalized(query) if not ch.isspace()]


def query_words(query: str) -> list[str]:
    """A query → its words, as a resident separates them with spaces ("电动自行车 充电").

    The page lists first the items that hold the whole query as one phrase (spaces
    ignored), then those that hold every word somewhere (search.js, `searchQuery`).
    """
    return [w for w in normalized(query).split() if query_tokens(w)]


def pagefind_query(query: str) -> str | None:
    """A query → the exact-phrase search Pagefind runs ("碳 排 放"); None when it is blank."""
    tokens = query_tokens(query)
    return '"' + " ".join(tokens) + '"' if tokens else None


def display_token(tok: str) -> str:
    if len(tok) > 1 and tok.endswith("."):
        tok = tok[:-1]  # Pagefind ends a block of text with "."; our tokens never do
    glued = tok.endswith(SPACE)
    core = tok.removesuffix(SPACE)
    if core == BREAK:
        return " · "
    wide = core.endswith(WIDE)
    core = core.removesuffix(WIDE)
    code = CODE.fullmatch(core)
    shown = chr(int(code.group(1), 16)) if code else core
    if wide and len(shown) == 1:
        shown = chr(ord(shown) + WIDTH)  # the text's own full-width character
    return shown + (" " if glued else "")


def display_text(indexed: str) -> str:
    """Indexed text → readable text again (what results show); a run of breaks is one " · "."""
    tokens = indexed.split(" ")
    kept = [t for i, t in enumerate(tokens) if not (t == BREAK and i and tokens[i - 1] == BREAK)]
    return "".join(display_token(t) for t in kept).strip()

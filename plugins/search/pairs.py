"""Which bundles hold each pair of words side by side: lets the page prove a phrase found nowhere.

A phrase no item holds (口袋公园光伏发电, typed together) falls back to its words, and
the first page of those can be shown only once no bundle holds the phrase. A bundle lacking
one of the phrase's adjacent pairs (园光) cannot hold it. Searching the pair in every older
bundle took loading its two characters' index chunks there and a Pagefind search in each,
some 0.3 s before the page could show anything; this index answers with one small file.

Each bundle's distinct pairs of adjacent words, as Pagefind indexes them (our tokens,
lower-cased, a glued space left out; never across a field break), are written beside the
bundle as it is indexed (PAIRS_FILE, gzip), so a bundle reused from the last build keeps
them. The build then writes every pair into one of a power of two of small shard files,
chosen by a hash that search.js computes the same way (`shard_of`), each mapping a pair to
the bundles that hold it (a bit per bundle, in the search page's order, newest first), with
the bundles' index hashes (`covers`), so a page never reads another build's shards as its
own. The shards are in a folder named by a digest of their content, so a cached page and
fresh shards cannot disagree either.

Listing a pair a bundle does not hold only costs a proof; leaving out one it holds would
lose results, so every adjacent pair of the indexed text is listed (tests check it against
the source text).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from pathlib import Path

from .tokens import BREAK, SPACE, WIDE

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

PAIRS_FILE = "gongkai-pairs.txt.gz"
FOLDER = "pairs"  # beside the search page: search/pairs/<digest>/<shard>.json
SHARD_PAIRS = 512  # pairs per shard at most, on average: a shard is a few kilobytes


def text_pairs(indexed: str) -> set[tuple[str, str]]:
    """The pairs of adjacent words (园, 光) of an indexed text (tokens.index_text), as Pagefind
    indexes its words: lower-cased, a glued space or width mark left out. Pairs with a field
    break are dropped when written (write_pairs), so that every step here is in C."""
    pairs: set[tuple[str, str]] = set()
    add_text_pairs(pairs, indexed)
    return pairs


def add_text_pairs(pairs: set, indexed: str) -> None:
    """text_pairs(indexed) added to `pairs` (a bundle's): each pair hashed once, not again in a union."""
    words = indexed.replace(SPACE, "").replace(WIDE, "").lower().split(" ")
    pairs.update(zip(words, words[1:]))


def _forms(word: str) -> set[str]:
    """A word as Pagefind may index it: as written and, for one neither ASCII nor one Han
    character (İ lower-cases to i + U+0307), with its combining marks or everything but
    ASCII letters and digits left out. More forms only weaken the proof, never make it wrong."""
    if word.isascii() or HAN.fullmatch(word):
        return {word}
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return {word, bare, "".join(c for c in bare if c.isascii() and c.isalnum())} - {""}


def write_pairs(pairs: set[tuple[str, str]], bundle: Path) -> None:
    """A bundle's pairs ("园 光", one a line), none across a field break."""
    odd = [pair for pair in pairs if not all(w.isascii() or HAN.fullmatch(w) for w in pair)]
    pairs = pairs | {(a, b) for x, y in odd for a in _forms(x) for b in _forms(y)}
    joined = (" ".join(pair) for pair in pairs if BREAK not in pair)
    data = "\n".join(sorted(joined)).encode("utf-8")
    (Path(bundle) / PAIRS_FILE).write_bytes(gzip.compress(data, mtime=0))


def read_pairs(bundle: Path) -> set[str] | None:
    """A written bundle's pairs; None for a bundle without them (it could hold any pair)."""
    path = Path(bundle) / PAIRS_FILE
    if not path.is_file():
        return None
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return set(text.split("\n")) if text else set()


def shard_of(pair: str, shards: int) -> int:
    """FNV-1a (32 bits) of the pair's UTF-8 bytes, modulo the number of shards (search.js, `shardOf`)."""
    h = 0x811C9DC5
    for byte in pair.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def shard_count(pairs: int) -> int:
    n = 1
    while n * SHARD_PAIRS < pairs:
        n *= 2
    return n


MAX_BUNDLES = 53  # a pair's bundles are bits of one JSON number: exact in JavaScript up to 2**53


def shard_files(bundles: list[tuple[str, set[str]]]) -> tuple[str, int, dict[str, bytes]] | None:
    """[(a bundle's index hash, its pairs)], newest first → (the folder's digest, the number of
    shards, {shard file name: its bytes}); None when a bundle's pairs are unknown, or when
    there are more bundles than a JavaScript number holds bits exactly (the page then
    searches the older bundles for the pair instead)."""
    if not bundles or len(bundles) > MAX_BUNDLES or any(pairs is None for _, pairs in bundles):
        return None
    holders: dict[str, int] = {}
    for bit, (_, pairs) in enumerate(bundles):
        for pair in pairs:
            holders[pair] = holders.get(pair, 0) | (1 << bit)
    n = shard_count(len(holders))
    shards: list[dict[str, int]] = [{} for _ in range(n)]
    for pair in sorted(holders):
        shards[shard_of(pair, n)][pair] = holders[pair]
    covers = [meta for meta, _ in bundles]
    files = {f"{k}.json": json.dumps({"covers": covers, "pairs": shard}, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8") for k, shard in enumerate(shards)}
    digest = hashlib.sha256(b"".join(files[name] for name in sorted(files))).hexdigest()[:12]
    return digest, n, files

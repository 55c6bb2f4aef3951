"""ASCII slugs for URLs, from Chinese names (pinyin-like via Unidecode)."""
import re

from unidecode import unidecode


def slugify(text: str) -> str:
    ascii_text = unidecode(str(text)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "x"

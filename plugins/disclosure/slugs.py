"""ASCII slugs for URLs, from Chinese names: tone-less pinyin (pypinyin), words joined by hyphens.

Unidecode reads each 汉字 alone and often wrongly (长宁区 → chang-zhu-qu, 银行 → yin-xing);
pypinyin reads words with its phrase dictionary (银行 → yin-hang, 重庆 → chong-qing).
Place names whose first character has another common reading are read from PLACES
(长宁 → chang-ning, not zhang-ning). A slug written in site.yaml always wins, so a URL
that is already published can be kept (docs/content-model.md).
"""
import re

from unidecode import unidecode

# Place-name readings pypinyin's dictionary gets wrong; tone-less, one syllable per 汉字.
PLACES = {
    "长宁": "chang ning", "长沙": "chang sha", "长春": "chang chun", "长安": "chang an", "长治": "chang zhi",
    "长寿": "chang shou", "长兴": "chang xing", "长乐": "chang le", "长清": "chang qing", "长丰": "chang feng",
    "重庆": "chong qing", "六安": "lu an", "六合": "lu he", "蚌埠": "beng bu", "番禺": "pan yu",
    "丽水": "li shui", "东阿": "dong e", "铅山": "yan shan", "乐亭": "lao ting", "厦门": "xia men",
    "大埔": "da bu", "台州": "tai zhou", "天台": "tian tai", "莘庄": "xin zhuang", "莘县": "shen xian",
}
_PLACE = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))


def _syllables(text: str) -> list[str]:
    # Imported here, not above: loading its dictionaries takes ~0.2 s, which a build that
    # finds nothing changed (docs/performance.md) would otherwise pay without using it.
    from pypinyin import Style, lazy_pinyin

    out = []
    for part in re.split(f"({_PLACE.pattern})", text):
        if part in PLACES:
            out += PLACES[part].split()
        elif part:
            # Anything pypinyin does not read (letters, digits, other scripts) goes through Unidecode.
            out += [unidecode(s) for s in lazy_pinyin(part, style=Style.NORMAL, errors="default")]
    return out


def slugify(text: str) -> str:
    words = " ".join(_syllables(str(text))).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    return slug or "x"

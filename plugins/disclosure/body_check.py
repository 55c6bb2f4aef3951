"""What `check` says about a body: what will not show as the staff member expects.

The renderer never fails on a body; it drops what is unsafe and shows the rest.
So the surprises are named here, with file:line, before anything is published:
raw HTML that the sanitiser will drop, lines that look like front matter pasted
into the body (a second `---` block, `unit: …`), and an empty body. An empty
body that is not withheld is an error in a kind that requires one (Kind.body_required,
a reply): a published reply page with no text is a broken promise to the member who asked.
"""
from __future__ import annotations

import re

from .problems import ERROR, WARNING, Problem
from .render import ALLOWED_TAGS

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?=\s|>|/>)")
_SCRIPT_URL = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data):""", re.I)
_KEY_LINE = re.compile(r"^([A-Za-z_]+|[\u4e00-\u9fff]{2,6})\s*:\s*\S")
_DASHES = re.compile(r"^-{3,}\s*$")
BODY = "正文"  # the key every body problem is filed under
# Python-Markdown's link parsing is quadratic in the number of "[" in a body (upstream issue
# #798): 4,000 take seconds, 20,000 minutes. A real letter has a few dozen; a body over this
# is refused by `check`, so `build` always ends in bounded time.
MAX_BRACKETS = 2000


def is_empty_body(problem: Problem) -> bool:
    """The error of a reply without text: what `build.py new response` leaves for staff to fill in."""
    return problem.key == BODY and problem.is_error


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _lines_outside_code(body: str):
    """(line index in the body, text) of lines not inside fenced code, with code spans blanked."""
    if "`" not in body and "~" not in body:  # no fence, no code span: every line as it is
        return list(enumerate(body.split("\n")))
    return list(_outside_code(body))


def _outside_code(body: str):
    fence = None
    for i, line in enumerate(body.split("\n")):
        found = _FENCE.match(line)
        if fence:
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence):
                fence = None
            continue
        if found:
            fence = found.group(1)
            continue
        yield i, _CODE_SPAN.sub("", line)


def _key_of(line: str, keys) -> str | None:
    m = _KEY_LINE.match(line.strip())
    return m.group(1) if m and m.group(1) in keys else None


def _english_key_of(line: str, keys) -> str | None:
    key = _key_of(line, keys)
    return key if key and key.isascii() else None


def body_problems(kind, entry, src, keys=frozenset()) -> list[Problem]:
    """`kind`: the entry's kinds.Kind (Kind.body_required); `keys`: every front-matter key and alias
    of the site's kinds (Kinds.keys), which a line pasted from front matter starts with."""
    body = src.body or ""
    first = src.body_line
    out: list[Problem] = []

    def warn(i, value, zh, en, severity=WARNING):
        out.append(Problem(src.path, line=first + i, key=BODY, value=value[:60], zh=zh, en=en, severity=severity))

    brackets = body.count("[")
    if brackets > MAX_BRACKETS:
        warn(0, "", f"正文中有 {brackets} 个方括号“[”，最多 {MAX_BRACKETS} 个：过多会让网站生成几乎停住。"
                    "请检查是否误粘贴了程序数据或乱码。",
             f"The body has {brackets} '[' characters, at most {MAX_BRACKETS} are allowed: more would stall the "
             "build. Check for pasted program data or garbled text.", ERROR)
        return out

    # Each check below needs ASCII characters a Chinese letter seldom has (a tag "<", a script
    # link "=" and ":", a key line ":"): a body without them skips that check's pass over its
    # lines, with the same result (test_body_check.py compares with the plain line-by-line way).
    if "<!--" in body:
        text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)
        empty = not _COMMENT.sub("", body).strip()
    else:
        text = body
        empty = not body.strip()
    if empty and getattr(entry, "disclosure", "full") != "withheld":
        if kind.body_required:
            zh, en = kind.label, kind.english
            warn(0, "", f"{zh}正文是空的：请把{zh}全文粘贴在第二个 --- 之后（不公开的{zh}请写 disclosure: withheld）。",
                 f"The {en} has no text: paste the full {en} below the second ---"
                 f" (for {_a(en)} that is not published, set disclosure: withheld).", ERROR)
        elif getattr(entry, "disclosure", "full") == "full":
            warn(0, "", "正文是空的，页面上只会显示标题和基本信息。",
                 "The body is empty; the page will show only the title and the facts.")
        return out
    tags, links, keys_may = "<" in text, "=" in text and ":" in text, ":" in text
    if not (tags or links or keys_may):
        return out
    lines = _lines_outside_code(text)
    if tags or links:
        for i, line in lines:
            dropped = sorted({m.group(2) for m in _TAG.finditer(line) if m.group(2).lower() not in ALLOWED_TAGS}
                             ) if "<" in line else None
            if dropped:
                warn(i, line.strip(), f"网页不显示这些 HTML 标签（只保留其中的文字）：{'、'.join(dropped)}。"
                                      "请改用 Markdown 或直接粘贴文字。",
                     f"These HTML tags are dropped (their text stays): {', '.join(dropped)}. Use Markdown or plain text.")
            if "=" in line and _SCRIPT_URL.search(line):
                warn(i, line.strip(), "这个链接地址不安全，网页上会去掉链接，只显示文字。",
                     "This link's address is not allowed; the page shows its text without the link.")
    if keys_may:  # a key line needs a ":"
        _pasted_front_matter(lines, keys, warn)
    return out


def _pasted_front_matter(lines, keys, warn) -> None:
    """Warn at the first line that looks like front matter pasted into the body: `---` followed by
    a key line, or an English key line at the top or followed by another."""
    text_seen = False
    for n, (i, line) in enumerate(lines):
        following = lines[n + 1][1] if n + 1 < len(lines) else ""
        pasted = (line[:3] == "---" and _DASHES.match(line) and _key_of(following, keys)) or (
            ":" in line and _english_key_of(line, keys) and (not text_seen or _english_key_of(following, keys)))
        if pasted:
            warn(i, line.strip(), "正文里有像文件头（front matter）的内容，可能是粘贴时多复制了一段。"
                                  "文件头只能写在文件开头的两行 --- 之间。",
                 "The body holds what looks like front matter, perhaps pasted twice. Front matter belongs"
                 " between the two --- lines at the top of the file.")
            return
        text_seen = text_seen or bool(line.strip())

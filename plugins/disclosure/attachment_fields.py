"""Reading an entry's `attachments:` (附件) list: which files it names, their titles, which are public.

Only the form is checked here (one file can show it); whether each file exists, stays inside the
content folder and is a type the site publishes is checked in attachments.py, which has the folder.
"""
from __future__ import annotations

from .fields import as_text
from .model import Attachment

ITEM_KEYS = {"file": "file", "文件": "file", "title": "title", "标题": "title", "名称": "title",
             "public": "public", "公开": "public"}
YES, NO = ("true", "yes", "是", "公开"), ("false", "no", "否", "不公开", "")
FORM = "- file: 答复函.pdf（可加 title: 标题、public: true）"


def read_attachments(r) -> list[Attachment]:
    """Every attachment the entry lists, each mistake a problem on its own line."""
    raw_top = next((str(k) for k in r.src.meta if str(k).strip() in ("attachments", "附件")), "attachments")
    r.used.add("attachments")
    value = r.meta.get("attachments")
    if value in (None, "", []):
        return []
    if not isinstance(value, list):
        value = [value]
    out = []
    for i, item in enumerate(value):
        label, raw = f"attachments[{i + 1}]", f"{raw_top}[{i + 1}]"
        line = r.src.key_lines.get(raw) or r.lines.get("attachments")
        if isinstance(item, dict):
            values, typed = {}, {}
            for key, v in item.items():
                name = ITEM_KEYS.get(str(key).strip(), str(key).strip())
                values[name], typed[name] = v, str(key)
            line = r.src.key_lines.get(f"{raw}.{typed.get('file', 'file')}") or line
            unknown = [typed[k] for k in values if k not in ("file", "title", "public")]
            if unknown:
                r.problem(label, value=unknown[0], line=line, zh="附件只能写 file（文件）、title（标题）和 public（公开）。",
                          en="An attachment has only 'file', 'title' and 'public'.", allowed="file、title、public")
        elif isinstance(item, str):
            values = {"file": item}
        else:
            values = {}
        file = values.get("file")
        if not isinstance(file, str) or not file.strip():
            r.problem(label + ".file", value=as_text(item) if not isinstance(item, dict) else "", line=line,
                      zh="每个附件需要文件路径（file），从本条目所在文件夹或内容文件夹算起。",
                      en="Each attachment needs a file path ('file'), from the entry's folder or the content folder.",
                      allowed=FORM)
            continue
        public = values.get("public", False)
        if not isinstance(public, bool):
            word = as_text(public).strip().lower()
            public = word in YES
            if not public and word not in NO:
                r.problem(label + ".public", value=word, line=line, zh="public（公开）应为 true 或 false（是 / 否）。",
                          en="'public' must be true or false.", allowed="true、false、是、否")
        title = values.get("title")
        out.append(Attachment(written=file.strip(), title=as_text(title).strip() if title not in (None, "") else "",
                              public=public, line=line))
    return out

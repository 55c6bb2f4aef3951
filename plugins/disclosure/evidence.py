"""Whether the evidence a commitment update cites exists: an announcement of the site, or a
file inside the content folder that is what its name says (a PDF, a Word or Excel file)."""
from __future__ import annotations

import os
import posixpath

from .commitment_fields import EVIDENCE_FILES
from .files import document_kind, inside
from .problems import WARNING, Problem, closest

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def evidence_problems(site) -> list[Problem]:
    out = []
    ids = sorted(site.announcements)
    for x in site.all_responses:
        for i, c in enumerate(x.commitments):
            for j, u in enumerate(c.updates):
                label = f"commitments[{i + 1}].updates[{j + 1}]"
                if u.date > site.build_date:
                    out.append(Problem(x.path, key=label + ".date", value=str(u.date), line=u.line, severity=WARNING,
                                       zh=f"进展日期在今天（{site.build_date}）之后，到那天才会公开。",
                                       en=f"The update is dated after today ({site.build_date}); it is published from that day."))
                for ev in u.evidence:
                    problem = _missing(site, ev, ids)
                    if problem:
                        zh, en, allowed, hint = problem
                        out.append(Problem(x.path, key=ev.key or label + ".evidence", value=ev.target, line=ev.line,
                                           zh=zh, en=en, allowed=allowed, hint=hint))
    return out


def _missing(site, ev, ids):
    if ev.kind == "announcement":
        if ev.target in site.announcements or ev.target in site.unreadable:  # unreadable: reported there
            return None
        return ("找不到作为依据的公告（写公告文件在 announcements/ 下的路径，不带 .md）。",
                "The announcement cited as evidence does not exist (write its path under announcements/, without .md).",
                "、".join(ids[:10]) or "（暂无公告 / no announcements yet）", closest(ev.target, ids))
    if ev.kind == "file":
        return _file_problem(site.root, ev.target)
    return None


def _file_problem(root, rel):
    allowed = "、".join("*" + s for s in EVIDENCE_FILES) + "（路径从内容文件夹算起 / a path inside the content folder）"
    norm = posixpath.normpath(rel)
    root_real = os.path.realpath(root)
    path = os.path.join(root, norm)
    if norm.startswith(("../", "/")) or norm == ".." or not inside(os.path.realpath(path), root_real) \
            or not os.path.isfile(path):
        return ("作为依据的文件不存在（路径从内容文件夹算起，例如 files/2024/评估报告.pdf）。",
                "The file cited as evidence does not exist (the path starts in the content folder, e.g. files/2024/report.pdf).",
                allowed, "")
    if os.path.getsize(path) > MAX_EVIDENCE_BYTES:
        return ("作为依据的文件超过 20 MB。", "The file cited as evidence is larger than 20 MB.", allowed, "")
    suffix = posixpath.splitext(norm.lower())[1]
    with open(path, "rb") as fh:
        data = fh.read()
    # PDF, Word and Excel are told by files.document_kind, as attachments are; an OFD by its zip header.
    kind = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx"}.get(suffix)
    if (document_kind(data) != kind) if kind else not data.startswith(EVIDENCE_FILES[suffix]):
        return ("作为依据的文件内容与扩展名不符（例如改了扩展名的其他文件）。",
                "The file cited as evidence is not what its extension says (e.g. another file renamed).", allowed, "")
    return None

"""Which files under the content folder may be read and published.

Content is written by staff and may be wrong by accident or on purpose, so:
- a symbolic link is read only when it resolves to a file inside the content
  folder (a link to /etc/shadow, or to a file elsewhere, is an error naming it);
- links to folders are never followed (two `..` links in one folder made the
  walk endless), and inside the kind folders they are reported, so no entry is
  silently lost;
- pipes, sockets and devices are never opened (reading a pipe would wait forever);
- a content file has a size cap, read no further than the cap;
- site.yaml `share_image` is an http(s) URL or a PNG, JPEG, WebP or SVG file
  inside the content folder, recognised by its bytes, an SVG without scripts.
"""
from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

from .fields import is_web_url
from .problems import Problem

MAX_BYTES = 2 * 1024 * 1024  # a content file; the sample entries are all under 10 KB
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # the share image
MARKDOWN_SUFFIXES = (".md", ".markdown")
SHARE_IMAGE_ALLOWED = "https://…、http://…、*.png、*.jpg、*.jpeg、*.webp、*.svg"
IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp", ".svg": "svg"}
IMAGE_NAMES = {"png": "PNG", "jpeg": "JPEG", "webp": "WebP", "svg": "SVG"}


def inside(path: str, root_real: str) -> bool:
    """Whether a resolved path is root_real itself or below it."""
    return path == root_real or path.startswith(root_real.rstrip(os.sep) + os.sep)


def _is_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def walk(folder: Path, root: Path, report_folder_links: bool = True) -> tuple[list[Path], list[Problem]]:
    """Every readable file below folder, sorted as paths sort, and the problems of the others."""
    names, problems = walk_names(folder, root, report_folder_links)
    return [Path(name) for name in names], problems


def walk_names(folder: Path, root: Path, report_folder_links: bool = True) -> tuple[list[str], list[Problem]]:
    """`walk`, each file as its path string (os.scandir's): the loader's 10,500 files need
    no Path object (making one and turning it back into a string was ~0.1 s a rebuild).

    os.scandir tells links, folders and files apart without a stat per file; only a link
    is resolved. Markdown names are the ones that matter: a bad link or special file with
    another name is skipped without a word (the site never reads it).
    """
    root_real = os.path.realpath(root)
    found, problems = [], []
    stack = [os.fspath(folder)]
    while stack:
        here = stack.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            continue
        for entry in entries:
            path = entry.path
            if entry.is_symlink():
                problem = _link_problem(path, root, root_real, report_folder_links)
                if problem is None:
                    found.append(path)
                elif problem is not _SKIP:
                    problems.append(problem)
            elif entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.is_file(follow_symlinks=False):
                found.append(path)
            elif _is_markdown(entry.name) and not entry.name.startswith("."):
                problems.append(Problem(_rel(path, root), zh="这不是普通文件（是管道、设备或套接字），无法读取。请换成普通的文本文件。",
                                        en="This is not a regular file (a pipe, device or socket); it cannot be read. "
                                           "Replace it with a plain text file."))
    found.sort(key=lambda p: p.split(os.sep))  # as Path.parts sort: folder by folder
    return found, sorted(problems, key=Problem.sort_key)


_SKIP = object()


def _link_problem(path: str, root: Path, root_real: str, report_folder_links: bool):
    """None when the link may be read as a file; _SKIP or a Problem when it may not."""
    name = os.path.basename(path)
    target = os.path.realpath(path)
    rel = _rel(path, root)
    if os.path.isdir(target):
        if not report_folder_links or name.startswith("."):
            return _SKIP
        return Problem(rel, zh="这是指向文件夹的符号链接，网站不会读取其中的文件。请删除链接，把文件本身放在这里。",
                       en="This is a symbolic link to a folder; the site does not read files through it. "
                          "Remove the link and put the files themselves here.")
    if not _is_markdown(name) or name.startswith("."):
        return _SKIP  # not content (an editor's lock file is a dangling link named .#…)
    if not inside(target, root_real):
        return Problem(rel, zh="这是指向内容文件夹之外的符号链接，不会发布。请把文件本身放在这里，而不是链接。",
                       en="This is a symbolic link to a file outside the content folder; it is not published. "
                          "Put the file itself here, not a link.")
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return Problem(rel, zh="这个符号链接指向的文件不存在。", en="This symbolic link points to a file that does not exist.")
    if not stat.S_ISREG(mode):
        return Problem(rel, zh="这个符号链接指向的不是普通文件，无法读取。",
                       en="This symbolic link does not point to a regular file; it cannot be read.")
    return None


def _rel(path: str, root: Path) -> str:
    top = os.fspath(root)
    if path.startswith(top + os.sep):
        return path[len(top) + 1:].replace(os.sep, "/")
    return os.path.relpath(path, top).replace(os.sep, "/")


def read_capped(file: Path, limit: int = MAX_BYTES) -> bytes | None:
    """The file's bytes, or None when it is larger than limit (never more than limit + 1 bytes read).

    Plain os.read, asking first for the size fstat gives plus one byte: a buffered
    read(limit + 1) allocated 2 MB for every 5 KB file (a rebuild reads 10,000 of them).
    The size is only a hint: reading goes on until the end of the file or past the cap."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        hint = os.fstat(fd).st_size + 1
        parts, size = [], 0
        while size <= limit:
            more = os.read(fd, min(limit + 1 - size, max(hint - size, 1 << 16)))
            if not more:
                break
            parts.append(more)
            size += len(more)
    finally:
        os.close(fd)
    return None if size > limit else b"".join(parts)


def too_big(rel: str, limit: int = MAX_BYTES) -> Problem:
    mb = limit // (1024 * 1024)
    return Problem(rel, zh=f"文件超过 {mb} MB，不予读取。条目文件通常远小于这个大小：请检查是否误放了其他文件，或把过长的附件拆分出去。",
                   en=f"The file is larger than {mb} MB and is not read. Entries are normally far smaller: "
                      "check that this is the right file, or move long attachments out of it.")


# --- share_image ------------------------------------------------------------------

def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def share_image(root: Path, value: str, line=None) -> tuple[Path | None, Problem | None]:
    """(the image file to publish, None) or (None, the problem); (None, None) for a URL."""
    value = value.strip()

    def problem(zh, en):
        return None, Problem("site.yaml", line=line, key="share_image", value=value, allowed=SHARE_IMAGE_ALLOWED,
                             zh=zh, en=en)

    if is_url(value):
        if not is_web_url(value):  # the one rule for every link site.yaml gives (fields.is_web_url)
            return problem("网址不完整或含有空格、引号等字符。", "The URL is incomplete or contains spaces, quotes or similar characters.")
        return None, None
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or value.startswith("//"):
        return problem("网址只能以 https:// 或 http:// 开头。", "A URL must start with https:// or http://.")
    kind = IMAGE_SUFFIXES.get(os.path.splitext(value)[1].lower())
    if kind is None:
        return problem("只能是 PNG、JPEG、WebP 或 SVG 图片（文件名以 .png、.jpg、.jpeg、.webp 或 .svg 结尾）。",
                       "Only a PNG, JPEG, WebP or SVG image (a name ending in .png, .jpg, .jpeg, .webp or .svg).")
    root_real = os.path.realpath(root)
    file = os.path.realpath(os.path.join(root_real, value.lstrip("/")))
    if not inside(file, root_real):
        return problem("图片必须在内容文件夹之内（不能用 .. 或指向外面的符号链接）。",
                       "The image must be inside the content folder (no .. and no symbolic link pointing outside).")
    try:
        mode = os.stat(file).st_mode
    except OSError:
        return problem("内容文件夹中没有这个文件。", "There is no such file in the content folder.")
    if not stat.S_ISREG(mode):
        return problem("这不是一个图片文件。", "This is not an image file.")
    data = read_capped(Path(file), MAX_IMAGE_BYTES)
    if data is None:
        mb = MAX_IMAGE_BYTES // (1024 * 1024)
        return problem(f"图片超过 {mb} MB。请缩小后再用（分享卡片一般为 1200×630 像素）。",
                       f"The image is larger than {mb} MB. Make it smaller (share cards are usually 1200×630 pixels).")
    name = IMAGE_NAMES[kind]
    if image_kind(data) != kind:
        return problem(f"文件内容不是 {name} 图片（与扩展名不符）。", f"The file's content is not a {name} image (it does not match its name).")
    if kind == "svg":
        reason = svg_problem(data)
        if reason:
            return problem(f"SVG 图片不能发布：{reason[0]}", f"The SVG image cannot be published: {reason[1]}")
    return Path(file), None


def image_kind(data: bytes) -> str | None:
    """png, jpeg, webp or svg, from the file's first bytes (an SVG: XML whose root is <svg>)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and re.search(rb"<svg[\s>]", head):
        return "svg"
    return None


def document_kind(data: bytes) -> str | None:
    """pdf, docx, xlsx, ofd, png or jpeg, from the file's bytes (a .docx, an .xlsx and an .ofd are
    all zip files: told apart by the part each must hold), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "OFD.xml" in names:
            return "ofd"
        return None
    kind = image_kind(data[:16])
    return kind if kind in ("png", "jpeg") else None


SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "handler", "set", "animate"}


def svg_problem(data: bytes) -> tuple[str, str] | None:
    """Why an SVG may not be served from the site's own address (scripts run there), or None."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.I):
        return "含有 DOCTYPE 或 ENTITY 声明。", "it contains a DOCTYPE or ENTITY declaration."
    try:
        tree = ET.fromstring(data)
    except ET.ParseError as exc:
        return f"不是有效的 XML（{exc}）。", f"it is not valid XML ({exc})."
    if tree.tag != SVG_NS + "svg":
        return "根元素不是 <svg>。", "its root element is not <svg>."
    for element in tree.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in SVG_FORBIDDEN:
            return f"含有 <{tag}> 元素（脚本或动画）。", f"it contains a <{tag}> element (script or animation)."
        for attr, text in element.attrib.items():
            name = attr.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                return f"含有事件属性 {name}（脚本）。", f"it contains the event attribute {name} (a script)."
            if re.sub(r"[\s\x00-\x1f]", "", text).lower().startswith(("javascript:", "data:text/html")):
                return "含有 javascript: 链接。", "it contains a javascript: link."
    return None

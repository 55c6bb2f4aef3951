"""Reading one content file: bytes → text → YAML front matter + Markdown body.

YAML is read with a loader that keeps what staff typed: `number: 0110` stays the
text "0110" (not the octal 72), dates stay text so an impossible date gets a
clear message instead of a YAML traceback, and duplicate keys are reported.

Every file is read in bounded time: at most files.MAX_BYTES, and no YAML anchors
or aliases (`&a`, `*a`: eleven lines of them expand to billions of values) and no
nesting deeper than MAX_DEPTH (libyaml's composer recurses, and crashes on a
million brackets).
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import files, fullwidth
from .fields import written_key
from .labels import DISCLOSURE
from .problems import Problem

# Invisible control characters (pasted from other programs, or written as YAML escapes such
# as "\e") are not allowed in HTML or XML 1.0: pages and feeds could not carry them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)

# Integers only in their plain decimal form; 0110, 0x1F, 1_000 stay text.
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")


# Lists and mappings inside each other: real front matter uses three levels (feedback: a list of mappings).
MAX_DEPTH = 20

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when available: much faster


class KeepTextLoader(_Base):
    """SafeLoader without timestamp/octal/sexagesimal guessing."""


KeepTextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
KeepTextLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))


class DuplicateKey(Exception):
    def __init__(self, key, line):
        super().__init__(key)
        self.key, self.line = key, line


def _construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, str) and key in seen:
            raise DuplicateKey(key, key_node.start_mark.line + 1)
        seen[key] = True
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


KeepTextLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class Unsafe(Exception):
    """YAML that could not be read in bounded time: an anchor, an alias or deep nesting."""

    def __init__(self, line, zh, en):
        super().__init__(en)
        self.line, self.zh, self.en = line, zh, en


def _may_be_unsafe(text: str) -> bool:
    """Cheap test that rules out anchors, aliases and dangerous nesting for ordinary front matter.

    Without & or * there is no anchor or alias; a short text with few brackets cannot nest
    deeply enough to hurt (block nesting needs a "- " or indentation per level). Only the
    rest is scanned event by event (which would cost a cold build ~40% more YAML time).
    """
    return "&" in text or "*" in text or len(text) > 1000 or text.count("[") + text.count("{") > MAX_DEPTH


def _check_safe(text: str) -> None:
    """Raise Unsafe at the first anchor, alias or level deeper than MAX_DEPTH (line from 0)."""
    loader = KeepTextLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
                raise Unsafe(event.start_mark.line,
                             "元数据不能使用 YAML 的锚点和别名（& 和 *）：请把值直接写出来。如果 & 或 * 是文字的一部分，请给整个值加上引号。",
                             "Front matter may not use YAML anchors or aliases (& and *): write the values out. "
                             "If & or * is part of the text, put the whole value in quotes.")
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    raise Unsafe(event.start_mark.line, f"列表和键值嵌套超过 {MAX_DEPTH} 层，无法读取。",
                                 f"Lists and mappings are nested more than {MAX_DEPTH} levels deep; this cannot be read.")
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
    except yaml.YAMLError:
        return  # not valid YAML: load_yaml reports where
    finally:
        loader.dispose()


def _nested_lines(node, path: str, lines: dict) -> None:
    """Lines of keys inside lists (commitments[1].updates[2].date, as typed), so an error
    in a nested item names its own line. Top-level keys are recorded by load_yaml."""
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            here = f"{path}[{i + 1}]"
            lines[here] = item.start_mark.line + 1
            _nested_lines(item, here, lines)
    elif isinstance(node, yaml.MappingNode) and "[" in path:
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                here = f"{path}.{key_node.value}"
                lines[here] = key_node.start_mark.line + 1
                _nested_lines(value_node, here, lines)


def load_yaml(text: str):
    """Parse YAML text with the keep-text rules; also return each top-level key's line.

    Raises Unsafe for anchors, aliases and deep nesting, DuplicateKey, or yaml.YAMLError.
    """
    if _may_be_unsafe(text):
        _check_safe(text)
    loader = KeepTextLoader(text)
    try:
        node = loader.get_single_node()
        lines = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    lines[key_node.value] = key_node.start_mark.line + 1
                    _nested_lines(value_node, key_node.value, lines)
        data = loader.construct_document(node) if node is not None else None
        return data, lines
    finally:
        loader.dispose()


@dataclass
class SourceFile:
    """One content file as read from disk, before it is typed."""

    path: str  # relative to the content folder, with forward slashes
    meta: dict = field(default_factory=dict)
    body: str = ""
    key_lines: dict = field(default_factory=dict)
    body_line: int = 1  # first line of the body in the file
    digest: str = ""  # sha1 of the file's bytes: what incremental builds compare
    problems: list = field(default_factory=list)
    parsed_key: str = ""  # its front matter's key in the build's ParsedStore, when one was given

    def line_of(self, key):
        return self.key_lines.get(key)



def guess_encoding(data: bytes) -> str:
    """Name the likely encoding of a file that is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    for name in ("gb18030", "big5", "shift_jis"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "gb18030":
            return "GBK/GB18030"
        if name == "big5" and any("\u4e00" <= c <= "\u9fff" for c in text):
            return "Big5"
        return name.upper()
    return "未知 / unknown"


def decode(path: str, data: bytes):
    """UTF-8 text (a BOM is allowed) or a Problem naming the likely encoding."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        enc = guess_encoding(data)
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(
            path, line=line,
            zh=f"文件不是 UTF-8 编码（看起来是 {enc}）。请在编辑器中“另存为 UTF-8”后再提交。",
            en=f"The file is not UTF-8 (it looks like {enc}). Save it as UTF-8 and commit again.",
        )
    if "\x00" in text:
        return None, Problem(path, zh="文件含有空字符（NUL），不是文本文件。",
                             en="The file contains NUL bytes; it is not a text file.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = CONTROL.search(text)
    if bad:
        return None, control_problem(path, bad.group(), line=text.count("\n", 0, bad.start()) + 1)
    return text, None


def control_problem(path: str, char: str, line=None, key=None) -> Problem:
    code = f"U+{ord(char):04X}"
    return Problem(path, line=line, key=key,
                   zh=f"含有不可见的控制字符（{code}），网页和订阅无法显示。请删除它（常见于从其他软件复制的文字）。",
                   en=f"Contains an invisible control character ({code}) that pages and feeds cannot carry. "
                      "Delete it (it often comes with text copied from other programs).")


def _first_control(value):
    """The first control character in any string of parsed metadata, or None."""
    if isinstance(value, str):
        bad = CONTROL.search(value)
        return bad.group() if bad else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        found = (_first_control(k) if isinstance(k, str) else None) or _first_control(v)
        if found:
            return found
    return None


def read_text_document(path: str, text: str, parsed=None) -> SourceFile:
    """Split and parse front matter; every problem is recorded, none raised (`parsed`: _parse_meta)."""
    src = SourceFile(path)
    if not text.strip():
        src.problems.append(Problem(path, zh="文件是空的。每个条目都需要以 --- 开头的元数据块。",
                                    en="The file is empty. Every entry needs a front-matter block starting with ---."))
        return src
    match = FRONT_MATTER.match(text)
    if not match:
        if text.lstrip().startswith("---"):
            zh = "元数据块没有结束：缺少第二行 ---。"
            en = "The front-matter block is not closed: the second --- line is missing."
        else:
            zh = "文件开头缺少元数据块（第一行应为 ---，然后是 键: 值，再以 --- 结束）。"
            en = "The file does not start with a front-matter block (--- on the first line, key: value lines, then ---)."
        src.problems.append(Problem(path, line=1, zh=zh, en=en))
        return src
    src.body = text[match.end():]
    src.body_line = text[: match.end()].count("\n") + 1
    src.meta, src.key_lines = _parse_meta(src, match.group(1), 1, parsed)
    return src


def _parse_meta(src: SourceFile, yaml_text: str, line_offset: int, parsed=None):
    """_parse_front_matter, remembered by `parsed` (the build's store, gongkai_build/stores.py:
    `.recall(key)` and `.keep(key, value)`) when given: a rebuild parses only new or edited files."""
    if parsed is None:
        return _parse_front_matter(src, yaml_text, line_offset)
    key = hashlib.sha1(f"nested-lines\0{src.path}\0{line_offset}\0{yaml_text}".encode("utf-8", "surrogatepass")).hexdigest()
    src.parsed_key = key
    found = parsed.recall(key)
    if found is not None:
        meta, key_lines, problems = found
        src.problems.extend(problems)
        return meta, key_lines
    before = len(src.problems)
    meta, key_lines = _parse_front_matter(src, yaml_text, line_offset)
    if _fully_public(meta):
        parsed.keep(key, (meta, key_lines, src.problems[before:]))
    return meta, key_lines


def _fully_public(meta) -> bool:
    """Only an entry public in full is kept parsed on disk: a withheld one's front matter holds
    text the public may not see (its summary), and the cache sits beside the output."""
    if not isinstance(meta, dict):
        return True
    # Keys as the entry reader takes them (`公开属性　:` with a full-width space is 公开属性 there);
    # every spelling of the key must say full.
    levels = [value for key, value in meta.items() if written_key(key) in ("disclosure", "公开属性")]
    return all(DISCLOSURE.parse(level) == "full" for level in levels)  # labels.py: the one place that reads its aliases


TAB_ZH = "含有制表符（Tab），请改用空格缩进"
# YAML's own messages, for the slips staff make most (the English text stays on the second line).
YAML_ZH = {
    "mapping values are not allowed here": "这里不能再有“键: 值”（值里有“: ”时，请给整个值加引号）",
    "mapping values are not allowed in this context": "这里不能再有“键: 值”（值里有“: ”时，请给整个值加引号）",
    "could not find expected ':'": "找不到应有的冒号“: ”",
    "found character '\\t' that cannot start any token": TAB_ZH,
    "found a tab character that violates indentation": TAB_ZH,
    "found unexpected end of stream": "引号或括号没有结束",
    "did not find expected ',' or ']'": "方括号 [ ] 中的各项应以英文逗号分隔，并以 ] 结束",
    "did not find expected ',' or '}'": "花括号 { } 中的各项应以英文逗号分隔，并以 } 结束",
    "did not find expected key": "缩进不一致，或缺少“键:”",
}
# libyaml's words (the loader uses it when installed) for a character no value may start with: a Tab
# that indents a line, or one YAML reserves (@, `).
NO_TOKEN = "found character that cannot start any token"
NO_TOKEN_ZH = (TAB_ZH, "值不能以这个字符开头（如 @、`），请给整个值加引号")
# A bracket or quote that is not closed: the error shows where YAML gave up (often the end of the
# front matter); the line that opened it is the one to change. libyaml and PyYAML word these differently.
UNCLOSED = ("stream end", "end of stream", "did not find expected ',' or")


def _closed_later(yaml_text: str, opened, what: str) -> bool:
    """Whether the bracket YAML names is closed further on: then one item inside it is wrong, and
    the line YAML stopped at is the one to change, not the line that opened it. Counted from where it
    opened to the end (a closing bracket inside quotes may count: then the item's line is given)."""
    pair = "[]" if what.endswith("']'") else "{}" if what.endswith("'}'") else None
    if pair is None:
        return False
    rest = "\n".join(yaml_text.splitlines()[opened.line:])[opened.column:]
    return rest.count(pair[1]) >= rest.count(pair[0])


def _parses(text: str) -> bool:
    try:
        load_yaml(text)
    except (yaml.YAMLError, DuplicateKey):
        return False
    return True


def _parse_front_matter(src: SourceFile, yaml_text: str, line_offset: int):
    typed = yaml_text
    yaml_text = fullwidth.normalise(yaml_text)
    try:
        data, lines = load_yaml(yaml_text)
    except Unsafe as unsafe:
        src.problems.append(Problem(src.path, line=unsafe.line + 1 + line_offset, zh=unsafe.zh, en=unsafe.en))
        return {}, {}
    except DuplicateKey as dup:
        src.problems.append(Problem(
            src.path, line=dup.line + line_offset, key=str(dup.key),
            zh="同一个键写了两次，只能保留一个。", en="This key is written twice; keep only one."))
        return {}, {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        unclosed = context is not None and any(w in what for w in UNCLOSED) and not _closed_later(yaml_text, context, what)
        opened = context if unclosed else mark
        line = opened.line + 1 + line_offset if opened else None  # an unclosed bracket or quote: where it opened
        slip = fullwidth.culprit(typed, mark.line + 1 if mark else None, _parses)
        if slip:  # one error on the line to change, naming the character
            zh, en = fullwidth.describe(slip[1])
            src.problems.append(Problem(src.path, line=slip[0] + line_offset, value=slip[1],
                                        zh=f"元数据（YAML）格式有误：{zh}。", en=f"The front matter is not valid YAML: {en}."))
            return {}, {}
        zh = YAML_ZH.get(what)
        if what == NO_TOKEN and mark:
            rows = yaml_text.splitlines()  # YAML's line breaks: also U+2028, U+2029 pasted from Word or a web page
            row = rows[mark.line] if mark.line < len(rows) else ""
            zh = NO_TOKEN_ZH[0] if row[mark.column:mark.column + 1] == "\t" else NO_TOKEN_ZH[1]
        what_zh = f"{zh}（{what}）" if zh else what
        src.problems.append(Problem(
            src.path, line=line,
            zh=f"元数据（YAML）格式有误：{what_zh}。常见原因：冒号后缺少空格、缩进不一致、引号不成对。",
            en=f"The front matter is not valid YAML: {what}. Common causes: no space after a colon, uneven indentation, unmatched quotes."))
        return {}, {}
    if data is None:
        src.problems.append(Problem(src.path, line=line_offset, zh="元数据块是空的。",
                                    en="The front-matter block is empty."))
        return {}, {}
    if not isinstance(data, dict):
        src.problems.append(Problem(
            src.path, line=line_offset + 1, value=_short(data),
            zh="元数据必须是“键: 值”的形式，每行一个。", en="Front matter must be a mapping of `key: value` lines."))
        return {}, {}
    key_lines = {k: v + line_offset for k, v in lines.items()}
    for key, value in data.items():
        char = _first_control(key) if isinstance(key, str) else None
        char = char or _first_control(value)
        if char:
            src.problems.append(control_problem(src.path, char, line=key_lines.get(key), key=str(key)))
            return {}, {}
    return data, key_lines


def read_old_version(path: str, data: bytes) -> SourceFile:
    """An earlier version of a file (from git), parsed like a current one but never kept
    between builds: what an entry said before it was withheld must not stay in the cache."""
    text, problem = decode(path, data)
    src = SourceFile(path)
    if problem:
        src.problems.append(problem)
        return src
    match = FRONT_MATTER.match(text)
    if not match:
        src.problems.append(Problem(path, zh="元数据块缺失。", en="No front-matter block."))
        return src
    src.body = text[match.end():]
    src.meta, src.key_lines = _parse_front_matter(src, match.group(1), line_offset=1)
    return src


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def read_source(root: Path, file: Path, parsed=None) -> SourceFile:
    rel, data, problem = read_bytes(root, file)
    if problem:
        src = SourceFile(rel)
        src.problems.append(problem)
        return src
    return source_of(rel, data, parsed)


def read_bytes(root: Path, file: Path) -> tuple[str, bytes | None, Problem | None]:
    """(path relative to root, the file's bytes, None) or (path, None, why it cannot be read)."""
    rel = _relative(root, file)
    try:
        data = files.read_capped(file)
    except OSError as exc:
        return rel, None, Problem(rel, zh=f"无法读取文件：{exc.strerror}", en=f"Cannot read the file: {exc.strerror}")
    if data is None:
        return rel, None, files.too_big(rel)
    return rel, data, None


def source_of(rel: str, data: bytes, parsed=None, digest: str | None = None) -> SourceFile:
    """A content file's bytes, decoded and split into front matter and body (`digest`: their
    sha1, when the caller has it already)."""
    text, problem = decode(rel, data)
    if problem:
        src = SourceFile(rel)
        src.problems.append(problem)
        return src
    src = read_text_document(rel, text, parsed)
    src.digest = digest or hashlib.sha1(data).hexdigest()
    return src


def _relative(root: Path, file) -> str:
    """file's (a Path or a path string) path under root, with /: string work (pathlib's relative_to
    is slow ~10,000 times)."""
    top, path = str(root), os.fspath(file)
    if path.startswith(top + os.sep):
        return path[len(top) + 1:].replace(os.sep, "/")
    return Path(file).relative_to(root).as_posix()


def read_yaml_file(root: Path, file: Path, parsed=None) -> SourceFile:
    """site.yaml: the whole file is the mapping."""
    rel = file.relative_to(root).as_posix()
    src = SourceFile(rel)
    data = files.read_capped(file)
    if data is None:
        src.problems.append(files.too_big(rel))
        return src
    src.digest = hashlib.sha1(data).hexdigest()
    text, problem = decode(rel, data)
    if problem:
        src.problems.append(problem)
        return src
    src.meta, src.key_lines = _parse_meta(src, text, 0, parsed)
    return src

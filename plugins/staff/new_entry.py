"""`python build.py new proposal|response|announcement`: write a new entry that passes `check`.

Staff are not programmers: the command asks for the essential fields (or takes
them as options), offers the vocabulary of site.yaml as numbered choices, picks
the next free 提案号 and the file name, writes the file, then checks the whole
content folder with the same core as `build`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

from disclosure import labels as L
from disclosure.body_check import is_empty_body
from disclosure.entries import PROPOSAL_ID, response_ref
from disclosure.fields import parse_date
from disclosure.kinds import Kinds, standard_kinds
from disclosure.problems import closest
from disclosure.clock import build_date
from disclosure.site import load_site
from disclosure.slugs import slugify

from .ask import Asker, Cancelled, Choice, Invalid

KINDS = ("proposal", "response", "announcement")
MENU_LIMIT = 15  # proposals listed for a reply; any other id may be typed
_NUMBER = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]*")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


# -- command line ------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser, content_default: str) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default=content_default, help="内容文件夹 / content folder")
    common.add_argument("-y", "--yes", action="store_true",
                        help="不提问，只用命令行给出的值 / never prompt; use the options only")
    common.add_argument("--body-file", help="正文所在的 UTF-8 文本文件 / a UTF-8 file with the body text")
    common.add_argument("--settings", default=None,
                        help="注册了内容类型的 Pelican 设置 / Pelican settings naming the content kinds (DISCLOSURE_KINDS)")
    kinds = parser.add_subparsers(dest="entry", required=True, metavar="{proposal,response,announcement}")

    p = kinds.add_parser("proposal", parents=[common], help="新建提案 / a new proposal")
    p.add_argument("--year", help="年度，默认今年")
    p.add_argument("--number", help="提案号，默认为该年度下一个可用的号")
    p.add_argument("--title", help="案由")
    p.add_argument("--proposer", action="append", help="提案者（可写多次，或用“、”分隔）")
    p.add_argument("--category", help="类别（site.yaml 的 categories）")
    p.add_argument("--sector", help="界别（site.yaml 的 sectors）")
    p.add_argument("--submitted", help="提交日期，默认今天")
    p.add_argument("--term", help="届次，如 15")
    p.add_argument("--session", help="会次，如 2，或 闭会期间")

    r = kinds.add_parser("response", parents=[common], help="新建答复 / a new reply")
    r.add_argument("--proposal", help="对应提案，如 2026-0015")
    r.add_argument("--unit", help="答复单位（名称、简称或 slug）")
    r.add_argument("--date", help="答复日期，默认今天")
    r.add_argument("--result", help="答复类别代码，如 A")
    r.add_argument("--doc-no", help="文号")
    r.add_argument("--signer", help="签发人")
    r.add_argument("--contact", help="联系人及电话（单位的，不是委员的）")
    r.add_argument("--supersedes", help="重新答复时：被取代的原答复，如 2026/0015-fgw")

    a = kinds.add_parser("announcement", parents=[common], help="新建公告 / a new announcement")
    a.add_argument("--title", help="标题")
    a.add_argument("--date", help="发布日期，默认今天")
    a.add_argument("--kind", help="类型：publicity 公示、result 结果公布、policy 政策解读、news 工作动态")
    a.add_argument("--until", help="公示截止日期（仅公示）")
    a.add_argument("--region", help="区域 / 社区")
    a.add_argument("--related", action="append", help="相关提案，如 2026-0015（可写多次）")
    a.add_argument("--slug", help="文件名（英文短名，小写字母、数字、连字符）")


def registered_kinds(settings: str | None) -> Kinds:
    """The content kinds a settings file registers (DISCLOSURE_KINDS), the standard ones without one."""
    from gongkai_build import content_kinds

    return (content_kinds(Path(settings)) if settings else None) or standard_kinds()


def refusal(argv: list[str]) -> str | None:
    """Why `build.py new <argv>` cannot write what it names (zh / en), or None when it can (or when
    argparse should answer: no kind, an option). A kind registered for the site (DISCLOSURE_KINDS,
    `--settings`) has no writer here unless it is in WRITERS: staff copy one of its files instead."""
    if not argv or argv[0].startswith("-") or argv[0] in WRITERS:
        return None
    name = argv[0]
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--settings", default=None)
    kinds = registered_kinds(options.parse_known_args(argv[1:])[0].settings)
    writes = "、".join(f"{k}（{L.KIND.label(k)}）" for k in WRITERS)
    if name in kinds.names:
        kind = kinds.named(name)
        return (f"build.py new 不能新建{kind.label}（{name}）：请复制 {kind.folder}/ 中的一个文件，改名后修改。"
                f"build.py new 可以新建：{writes}。\n"
                f"build.py new cannot write a new {name}: copy a file in {kind.folder}/, rename it and edit it. "
                f"build.py new writes: {', '.join(WRITERS)}.")
    registered = "、".join(f"{k.name}（{k.label}）" for k in kinds)
    hint = closest(name, [*kinds.names, *(k.label for k in kinds)])
    maybe = f"是不是要写 {hint}？" if hint else ""
    return (f"没有名为 {name} 的内容类型。{maybe}已注册的内容类型：{registered}；build.py new 可以新建：{writes}。\n"
            f"No content kind is named {name}{f' (did you mean {hint}?)' if hint else ''}. The registered kinds are "
            f"{', '.join(kinds.names)}; build.py new writes: {', '.join(WRITERS)}.")


def run(args, stdin=None, out=None) -> int:
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    content = Path(args.content)
    kinds = registered_kinds(args.settings)
    site = load_site(content, kinds=kinds)
    if not (content / "site.yaml").is_file() or not site.vocab.categories or not site.vocab.units:
        print(f"{content}/site.yaml 缺少或有误，请先运行 python build.py check 并修正。 / "
              "site.yaml is missing or broken; run check first.", file=sys.stderr)
        return 1
    asker = Asker(interactive=not args.yes and stdin.isatty(), out=out)
    if asker.interactive:
        asker.say(f"新建{L.KIND.label(args.entry)}。按回车接受方括号里的默认值；Ctrl-C 取消。")
    try:
        body = _body(args)
        rel, meta, notes = WRITERS[args.entry](site, args, asker)
    except Cancelled:
        print("已取消，没有写入任何文件。 / Cancelled; nothing was written.", file=out)
        return 1
    except Invalid as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not asker.ok:
        print(asker.report(), file=sys.stderr)
        print(f"没有写入文件。请补全上面的选项，或在终端中运行 python build.py new {args.entry} 按提示填写。"
              " / Nothing was written.", file=sys.stderr)
        return 2
    return write_and_check(content, rel, render(meta, notes, body[args.entry] if isinstance(body, dict) else body),
                           out, kinds)


def _body(args):
    if args.body_file:
        try:
            return Path(args.body_file).read_text(encoding="utf-8-sig").strip() + "\n"
        except (OSError, UnicodeDecodeError) as exc:
            raise Invalid(f"无法读取正文文件 {args.body_file}：{exc} / Cannot read the body file.") from None
    return BODY_HINTS


BODY_HINTS = {
    "proposal": "<!-- 在这里填写提案正文：背景情况、问题及分析、具体建议。这一行不会出现在网站上，可以删除。 -->\n",
    "response": "<!-- 在这里粘贴答复全文：称呼、正文、落款（单位、日期）、联系人、抄送。可以照 Word 原样粘贴，"
                "每行一段，行首的空格会显示为首行缩进两字。这一行不会出现在网站上，可以删除。 -->\n",
    "announcement": "<!-- 在这里填写公告正文。这一行不会出现在网站上，可以删除。 -->\n",
}


# -- values ------------------------------------------------------------------

def as_date(text) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        zh = exc.args[0] if exc.args else "不是日期。"
        raise Invalid(f"日期无效：{zh}请写成 YYYY-MM-DD，例如 2026-03-15。") from None


def date_not_before(earliest: dt.date | None, what: str):
    def convert(text):
        value = as_date(text)
        if earliest and value < earliest:
            raise Invalid(f"日期（{value}）早于{what}（{earliest}）。")
        return value
    return convert


def as_list(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        out += [v.strip() for v in re.split(r"[、，,；;]", str(item)) if v.strip()]
    if not out:
        raise Invalid("至少填写一项。")
    return out


def positive_int(text) -> int:
    text = str(text).strip()
    if not text.isdigit() or int(text) <= 0:
        raise Invalid("应为正整数。")
    return int(text)


def session_value(text):
    text = str(text).strip()
    return "闭会期间" if text == "闭会期间" else positive_int(text)


def required_text(text) -> str:
    text = str(text).strip()
    if not text:
        raise Invalid("不能为空。")
    return text


# -- proposals ---------------------------------------------------------------

def numbers_in_year(site, content: Path, year: int) -> set[str]:
    """Every 提案号 used in a year: from loaded proposals and from file names (a broken file counts)."""
    used = {p.number for p in site.all_proposals if p.year == year}
    folder = content / "proposals" / str(year)
    if folder.is_dir():
        used |= {f.stem for f in folder.iterdir() if f.suffix in (".md", ".markdown")}
    return used


def next_number(site, content: Path, year: int) -> str:
    """The largest numeric 提案号 of the year + 1, as wide as the numbers in use."""
    numeric = [n for n in numbers_in_year(site, content, year) if n.isdigit()]
    if numeric:
        width = max(len(n) for n in numeric)
        return str(max(int(n) for n in numeric) + 1).zfill(width)
    earlier = [(p.year, p.number) for p in site.all_proposals if p.number.isdigit() and p.year < year]
    if earlier:  # a new year: follow the latest year's style (0001, or 2017001 with the year in front)
        latest = max(y for y, _ in earlier)
        width = max(len(n) for y, n in earlier if y == latest)
        if all(n.startswith(str(latest)) for y, n in earlier if y == latest) and width > 4:
            return f"{year}{'1'.zfill(width - 4)}"
        return "1".zfill(width)
    return "0001"


def new_proposal(site, args, ask: Asker):
    content = site.root
    today = build_date()

    def as_year(text):
        try:
            year = int(str(text).strip())
        except ValueError:
            raise Invalid("年度应为四位数年份，例如 2026。") from None
        if not 1949 <= year <= 2100:
            raise Invalid("年度应为四位数年份，例如 2026。")
        return year

    year = ask.ask("年度", args.year, "--year", default=today.year, convert=as_year)
    if year is None:
        return None, {}, []

    def as_number(text):
        number = str(text).strip()
        if not _NUMBER.fullmatch(number):
            raise Invalid("提案号只能包含数字、字母、点和连字符。")
        if number in numbers_in_year(site, content, year):
            raise Invalid(f"{year} 年已有第 {number} 号提案。下一个可用的号是 {next_number(site, content, year)}。")
        return number

    number = ask.ask("提案号", args.number, "--number", default=next_number(site, content, year), convert=as_number)
    title = ask.ask("案由（标题）", args.title, "--title", convert=required_text)
    proposers = ask.ask("提案者（多人用“、”分隔，第一位为第一提案人）", args.proposer, "--proposer", convert=as_list)
    v = site.vocab
    category = ask.choose("类别", [Choice(t, t.name, (t.name, t.slug)) for t in v.categories], args.category,
                          "--category")
    sector = None
    if v.sectors:
        sector = ask.choose("界别", [Choice(t, t.name, (t.name, t.slug)) for t in v.sectors], args.sector,
                            "--sector", required=False)
    submitted = ask.ask("提交日期", args.submitted, "--submitted", default=today, convert=as_date)
    same_year = sorted((p for p in site.all_proposals if p.year == year and p.submitted),
                       key=lambda p: p.submitted)
    latest = same_year[-1] if same_year and ask.interactive else None
    term = ask.ask("届次（如 15）", args.term, "--term", required=False,
                   default=latest.term if latest else None, convert=positive_int)
    session = ask.ask("会次（如 2，或 闭会期间）", args.session, "--session", required=False,
                      default=latest.session if latest else None, convert=session_value)
    meta = [("number", str(number) if number else None), ("year", year), ("term", term), ("session", session),
            ("title", title), ("proposers", proposers), ("sector", sector.name if sector else None),
            ("category", category.name if category else None), ("submitted", submitted)]
    notes = ["审查后添加：review（filed 立案 / merged 并案 / not_filed 不予立案 / converted 转为意见建议）和 review_date",
             "交办后添加：handling、lead_units、co_units、assigned（见 docs/staff-guide.md）"]
    return f"proposals/{year}/{number}.md", meta, notes


# -- responses ---------------------------------------------------------------

def _pending(site, p):
    life = site.life(p.id)
    return list(getattr(life, "pending_units", []) or [])


def new_response(site, args, ask: Asker):
    today = build_date()
    assigned = [p for p in site.all_proposals if p.units]
    if not assigned:
        raise Invalid("还没有已交办的提案（写有 lead_units 和 assigned 的提案），所以不能新建答复。 / "
                      "No proposal has been assigned yet.")
    assigned.sort(key=lambda p: (not _pending(site, p), -(p.assigned or dt.date.min).toordinal(), p.id))
    choices = []
    for p in assigned:
        waiting = _pending(site, p)
        note = f"（待答复：{'、'.join(u.label for u in waiting)}）" if waiting else ""
        choices.append(Choice(p, f"{p.id} {p.title}{note}", (p.id,)))

    def as_proposal(text):
        text = str(text).strip()
        for c in choices:
            if text == c.keys[0]:
                return c.value
        if text in site.proposals:
            raise Invalid(f"提案 {text} 还没有交办（没有 lead_units），不能有答复。")
        if not PROPOSAL_ID.match(text):
            raise Invalid("提案编号应写成“年度-提案号”，例如 2026-0015。")
        hint = closest(text, sorted(site.proposals))
        raise Invalid(f"找不到提案 {text}。" + (f"您是不是要写「{hint}」？" if hint else ""))

    if ask.interactive and args.proposal in (None, ""):
        ask.say("对应提案（最多列出 %d 件，待答复的在前；也可以直接输入提案编号，如 2026-0015）：" % MENU_LIMIT)
        for i, c in enumerate(choices[:MENU_LIMIT], 1):
            ask.say(f"  {i}) {c.label}")

        def pick(text):
            text = str(text).strip()
            if text.isdigit() and 1 <= int(text) <= min(len(choices), MENU_LIMIT):
                return choices[int(text) - 1].value
            return as_proposal(text)

        p = ask.ask("对应提案（输入编号或提案编号）", None, "--proposal", convert=pick)
    else:
        p = ask.ask("对应提案", args.proposal, "--proposal", convert=as_proposal)
    if p is None:
        return None, {}, []

    replied = {x.unit for x in site.responses_for(p.id)}
    unit_choices = [Choice(u, f"{u.name}（{L.ROLE.label(p.role_of(u))}）{'，已答复' if u in replied else ''}",
                           tuple(k for k in (u.slug, u.name, u.short) if k)) for u in p.units]
    waiting = _pending(site, p)
    unit = ask.choose("答复单位", unit_choices, args.unit, "--unit",
                      default=waiting[0] if ask.interactive and waiting else None)
    if unit is None:
        return None, {}, []
    role = p.role_of(unit)

    earlier = sorted((x for x in site.responses_for(p.id) if x.unit == unit), key=lambda x: (x.date or dt.date.min))
    supersedes = None
    if earlier:
        current = earlier[-1]
        if args.supersedes:
            ref = response_ref(args.supersedes)
            found = next((x for x in earlier if x.id == ref), None)
            if found is None:
                ask.errors.append(("--supersedes", f"「{args.supersedes}」不是{unit.label}对提案 {p.id} 的答复。"
                                                   f"可选：{'、'.join(x.id for x in earlier)}"))
            supersedes = found
        elif ask.interactive:
            ask.say(f"{unit.label}已经答复过这件提案（responses/{current.id}.md，{current.date}）。")
            if not ask.confirm("这是委员不满意后的重新答复（重办）吗？"):
                ask.say(f"如果要更正原答复，请直接编辑 content/responses/{current.id}.md。")
                raise Cancelled()
            supersedes = current
        else:
            ask.errors.append(("--supersedes", f"{unit.label}已有答复 responses/{current.id}.md。"
                                               f"重新答复请加 --supersedes {current.id}；更正原答复请直接编辑该文件。"))
    elif args.supersedes:
        ask.errors.append(("--supersedes", f"{unit.label}还没有答复过提案 {p.id}，不需要 --supersedes。"))

    earliest, what = p.assigned, "交办日期"
    if supersedes and supersedes.date and (not earliest or supersedes.date > earliest):
        earliest, what = supersedes.date, "原答复日期"
    date = ask.ask("答复日期", args.date, "--date", default=max(today, earliest or today),
                   convert=date_not_before(earliest, what))
    codes = [Choice(c, f"{c.code} {c.label}", (c.code, c.code.lower(), c.label)) for c in site.vocab.result_codes]
    result = None
    if role in ("lead", "split"):
        result = ask.choose("答复类别", codes, args.result, "--result")
    elif args.result:
        result = ask.choose("答复类别", codes, args.result, "--result", required=False)
    doc_no = ask.ask("文号（如 黄发改提〔2026〕12号）", args.doc_no, "--doc-no", required=False)
    signer = ask.ask("签发人", args.signer, "--signer", required=False)
    contact = ask.ask("联系人及电话（单位的，不是委员的）", args.contact, "--contact", required=False)

    stem = f"{p.number}-{unit.slug}"
    folder = site.root / "responses" / str(p.year)
    name, n = stem, 1
    while (folder / f"{name}.md").exists():
        n += 1
        name = f"{stem}-{n}"
    meta = [("proposal", p.id), ("unit", unit.short or unit.name), ("role", role), ("date", date),
            ("doc_no", doc_no), ("result", result.code if result else None), ("signer", signer),
            ("contact", contact), ("supersedes", f"responses/{supersedes.id}.md" if supersedes else None)]
    return f"responses/{p.year}/{name}.md", meta, []


# -- announcements -----------------------------------------------------------

def default_slug(title: str, taken) -> str:
    words = slugify(title).split("-")
    if words[:2] == ["guan", "yu"]:  # 关于…, the start of most titles, says nothing
        words = words[2:]
    words = words[:6]
    base = "-".join(words) or "gonggao"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def new_announcement(site, args, ask: Asker):
    today = build_date()
    title = ask.ask("标题", args.title, "--title", convert=required_text)
    date = ask.ask("发布日期", args.date, "--date", default=today, convert=as_date)
    kinds = [Choice(k, f"{label}（{k}）", (k, label)) for k, label in L.ANNOUNCEMENT_KIND.labels.items()]
    kind = ask.choose("类型", kinds, args.kind, "--kind")
    until = None
    if kind == "publicity":
        until = ask.ask("公示截止日期", args.until, "--until", required=False,
                        convert=date_not_before(date, "发布日期"))
    elif args.until:
        ask.errors.append(("--until", "只有公示（publicity）才有公示截止日期。"))
    region = ask.ask("区域 / 社区", args.region, "--region", required=False)

    def as_related(value):
        ids = as_list(value)
        for ref in ids:
            if ref not in site.proposals:
                hint = closest(ref, sorted(site.proposals))
                raise Invalid(f"找不到提案 {ref}。" + (f"您是不是要写「{hint}」？" if hint else ""))
        return ids

    related = ask.ask("相关提案（如 2026-0015，多件用“、”分隔）", args.related, "--related", required=False,
                      convert=as_related)
    year = (date or today).year
    folder = site.root / "announcements" / str(year)
    taken = {f.stem for f in folder.glob("*.md")} if folder.is_dir() else set()

    def as_slug(text):
        slug = str(text).strip()
        if not _SLUG.fullmatch(slug):
            raise Invalid("文件名只能使用小写英文字母、数字和连字符，例如 low-carbon-2026。")
        if slug in taken:
            raise Invalid(f"announcements/{year}/{slug}.md 已经存在，请换一个名字。")
        return slug

    slug = ask.ask("文件名（英文短名，会出现在网址里）", args.slug, "--slug",
                   default=default_slug(title or "", taken), convert=as_slug)
    meta = [("title", title), ("date", date), ("kind", kind), ("until", until), ("region", region),
            ("related", related)]
    return f"announcements/{year}/{slug}.md", meta, []


WRITERS = {"proposal": new_proposal, "response": new_response, "announcement": new_announcement}


# -- writing -----------------------------------------------------------------

def scalar(value) -> str:
    """A YAML value that reads back as written (dates and numbers stay what staff expect)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = str(value)
    if re.fullmatch(r"[0-9][0-9A-Za-z_.-]*", text):  # 0110 must stay the text "0110"
        return f'"{text}"'
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10 ** 6, default_style=None)
    dumped = dumped.removesuffix("\n").removesuffix("\n...")
    if any(ch in text for ch in ",[]{}") and not dumped.startswith(("'", '"')):
        dumped = yaml.safe_dump(text, allow_unicode=True, width=10 ** 6, default_style="'").strip()
    return dumped


def render(meta, notes, body: str) -> str:
    lines = ["---"]
    for key, value in meta:
        if value in (None, "", []):
            continue
        if isinstance(value, list) and isinstance(value[0], dict):  # attachments: one "- file: …" block each
            lines.append(f"{key}:")
            for item in value:
                lines += [("- " if i == 0 else "  ") + f"{k}: {scalar(v)}" for i, (k, v) in enumerate(item.items())]
        else:
            lines.append(f"{key}: {scalar(value)}")
    lines += [f"# {note}" for note in notes]
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body


def write_and_check(content: Path, rel: str, text: str, out, kinds: Kinds | None = None) -> int:
    target = content / rel
    if target.exists():  # checked while asking; a file written meanwhile is never overwritten
        print(f"{rel} 已经存在，没有覆盖。 / {rel} exists; not overwritten.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    report = load_site(content, kinds=kinds).report
    mine = [p for p in report.problems if p.path == rel]
    to_fill = [p for p in mine if is_empty_body(p)]  # a new reply's text is pasted next, by hand
    if any(p.is_error and p not in to_fill for p in mine):  # a bug in this command: never leave a file that fails check
        target.unlink()
        print("\n".join(p.format() for p in mine), file=sys.stderr)
        print(f"没有写入 {rel}：生成的内容没有通过检查，请把上面的信息告诉技术人员。", file=sys.stderr)
        return 1
    print(f"已创建 content/{rel}" if content.name == "content" else f"已创建 {target}", file=out)
    for p in mine:
        print(p.format(), file=out)
    others = [p for p in report.errors if p.path != rel]
    if to_fill:
        print(f"下一步：用编辑器打开这个文件，把答复全文粘贴在第二个 --- 之后，保存后运行 python build.py check。"
              f"正文填好之前，检查和生成网站会报错。 / Next: paste the reply's text into the file, then run check.",
              file=out)
        return 0
    if others:
        print(f"新文件没有问题，但其他文件还有 {len(others)} 个错误：运行 python build.py check 查看。", file=out)
        return 1
    print("内容检查通过。下一步：用编辑器打开这个文件，填写正文；运行 python build.py serve 预览。 / Content OK.",
          file=out)
    return 0

"""`python build.py import reply LETTER.docx|.pdf|.ofd`: a reply letter becomes a reply entry.

The facts come from what the letter prints (disclosure/letter_facts.py); what it does not say is
asked for on a terminal, or with --yes written as 未知 where the content model allows it and
otherwise named as the option to give. The body is the letter's text from the salutation to
抄送, one paragraph per line. An existing entry is never overwritten; the original file is
kept beside the new entry and listed as its attachment (附件), so the reply's page offers it.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from disclosure.letter_facts import Letter, parse_letter
from disclosure.problems import closest
from disclosure.site import load_site

from ..ask import Asker, Cancelled, Choice, Invalid
from ..new_entry import as_date, render
from .documents import Block, Unreadable, read_letter

UNKNOWN = "未知"
FULL_INDENT = "\u3000\u3000"
ORIGINAL_TITLE = "答复函原件"


def add_arguments(parser, content_default: str) -> None:
    parser.add_argument("letter", help="答复函文件（.docx、带文字层的 .pdf 或 .ofd）/ the letter file")
    parser.add_argument("--content", default=content_default, help="内容文件夹 / content folder")
    parser.add_argument("--proposal", help="对应提案，如 2023-0102（标题里没有写清时）")
    parser.add_argument("--unit", help="答复单位（名称、简称或 slug），落款和版头都认不出时")
    parser.add_argument("--date", help="答复日期，落款没有日期时")
    parser.add_argument("--result", help="答复类别代码，如 A")
    parser.add_argument("-y", "--yes", action="store_true",
                        help="不提问：认不出的写“未知”并提示 / never prompt; write 未知 where allowed")


# -- the body ------------------------------------------------------------------

def pipe_table(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)

    def line(cells):
        cells = [c.replace("|", "\\|").replace("\n", " ") for c in cells] + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    return [line(rows[0]), "| " + " | ".join(["---"] * width) + " |", *(line(r) for r in rows[1:])]


def body_text(blocks: list[Block], letter: Letter) -> str:
    """The letter from the salutation on: one paragraph a line, 　　 where Word indents it (in a
    PDF, every paragraph between the salutation and the sign-off), tables as pipe tables."""
    lines: list[str] = []
    tail = re.compile(r"^[（(]?\s*(联\s*系\s*人|联系电话|电\s*话|抄\s*送|附\s*件|印\s*发)")
    for i in range(letter.body_start, len(blocks)):
        b = blocks[i]
        if b.rows:
            lines += ["", *pipe_table(b.rows), ""]
            continue
        indent = b.indented
        if b.from_pdf:
            indent = (i > letter.body_start and i not in letter.sign_off and not tail.match(b.text)
                      and not (letter.sign_off and i > max(letter.sign_off)))
        lines.append((FULL_INDENT if indent else "") + b.text)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# -- which proposal ------------------------------------------------------------

def _same_number(a: str, b: str) -> bool:
    return a == b or (a.isdigit() and b.isdigit() and int(a) == int(b))


def proposal_candidates(site, letter: Letter) -> list:
    """Proposals the title can mean: its number, then the year, 届 and 次 where the letter says them."""
    if not letter.number:
        return []
    found = [p for p in site.all_proposals if _same_number(p.number, letter.number)]
    for keep in (lambda p: letter.year is None or p.year == letter.year,
                 lambda p: letter.term is None or p.term == letter.term,
                 lambda p: letter.session is None or p.session == letter.session,
                 lambda p: letter.date is None or p.year in (letter.date.year, letter.date.year - 1),
                 lambda p: letter.date is None or p.year == letter.date.year):
        narrower = [p for p in found if keep(p)]
        if narrower:
            found = narrower
    return sorted(found, key=lambda p: p.id)


# -- the command -------------------------------------------------------------

def run(args, stdin=None, out=None) -> int:
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    content, source = Path(args.content), Path(args.letter)
    if not source.is_file():
        print(f"找不到文件 {source}。 / {source} does not exist.", file=sys.stderr)
        return 2
    site = load_site(content)
    if not (content / "site.yaml").is_file() or not site.vocab.units:
        print(f"{content}/site.yaml 缺少或没有承办单位，请先运行 python build.py check 并修正。 / "
              "site.yaml is missing or lists no units.", file=sys.stderr)
        return 2
    try:
        blocks = read_letter(source)
    except Unreadable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    letter = parse_letter([b.plain for b in blocks], site.vocab.units, site.vocab.result_codes)
    asker = Asker(interactive=not args.yes and stdin.isatty(), out=out)
    warnings: list[str] = []
    try:
        facts = _facts(site, letter, args, asker, warnings)
    except Cancelled:
        print("已取消，没有写入任何文件。 / Cancelled; nothing was written.", file=out)
        return 1
    if not asker.ok or facts is None:
        print(f"读取了 {source.name}，没有写入文件。 / Read {source.name}; nothing was written.", file=sys.stderr)
        for note in letter.notes:
            print(f"  · 来文中：{note}", file=sys.stderr)
        print(asker.report(), file=sys.stderr)
        print("请加上这些选项再运行一次，或在终端中运行（不加 --yes）按提示填写。 / Nothing was written: "
              "give the options above, or run it in a terminal without --yes.", file=sys.stderr)
        return 2
    return _write(content, source, site, letter, blocks, facts, warnings, out)


def _facts(site, letter: Letter, args, ask: Asker, warnings: list[str]):
    """proposal, unit, role, date, result …: from the options, the letter, or the terminal."""
    by_id = {p.id: p for p in site.all_proposals}
    candidates = proposal_candidates(site, letter)

    def as_proposal(text):
        text = str(text).strip()
        if text in by_id:
            return by_id[text]
        hint = closest(text, sorted(by_id))
        raise Invalid(f"找不到提案 {text}。" + (f"您是不是要写「{hint}」？" if hint else "") +
                      " / No such proposal.")

    said = f"来文标题：{letter.title}" if letter.title else "来文中没有找到标题。"
    if len(candidates) > 1 and not args.proposal:
        ask.say(f"{said} 可能对应：{'、'.join(p.id + ' ' + p.title for p in candidates)}")
    elif letter.number and not candidates and not args.proposal:
        ask.say(f"{said} 网站中没有第 {letter.number} 号提案。")
    default = candidates[0] if len(candidates) == 1 else None
    proposal = ask.ask(f"对应提案（如 2023-0102；{said}）", args.proposal, "--proposal",
                       default=default.id if default and ask.interactive else default, convert=as_proposal)
    if proposal is None:
        return None
    if args.proposal and letter.number and not _same_number(proposal.number, letter.number):
        warnings.append(f"来文标题写的是第 {letter.number} 号，按 --proposal 录入为提案 {proposal.id}，请核对。")
    if not proposal.units:
        ask.errors.append(("--proposal", f"提案 {proposal.id} 还没有交办（{proposal.path} 中没有 lead_units），不能有答复。"
                                         "请先在提案文件中写上主办单位和交办日期（assigned）。"))
        return None
    units = proposal.units
    choices = [Choice(u, u.name + (f"（{u.short}）" if u.short else ""), tuple(k for k in (u.slug, u.name, u.short) if k))
               for u in units]
    found = letter.unit.unit if letter.unit else None
    if letter.unit and letter.unit.how == "near":
        warnings.append(f"来文落款「{letter.unit.text}」与 site.yaml 中的「{found.name}」相近，按「{found.name}」录入，请核对。")
    if found is not None and found not in units:
        ask.say(f"来文单位是{found.name}，但提案 {proposal.id} 的承办单位是 {'、'.join(u.name for u in units)}。")
        if not ask.interactive and not args.unit:
            ask.errors.append(("--unit", f"提案 {proposal.id} 的主办、会办单位中没有{found.name}。请先在 "
                                         f"{proposal.path} 的 lead_units 或 co_units 中加上它，或用 --unit 指明。"))
            return None
        found = None
    unit = ask.choose("答复单位", choices, args.unit, "--unit", default=found)
    if unit is None:
        return None
    role = proposal.role_of(unit)

    date_default = letter.date
    if date_default is None and not ask.interactive and not args.date:
        ask.errors.append(("--date", "落款中没有找到答复日期（答复日期不能写未知）。请用 --date 给出，如 --date 2023-05-10。"))
        return None
    date = ask.ask("答复日期", args.date, "--date",
                   default=date_default.isoformat() if ask.interactive and date_default else date_default,
                   convert=as_date)

    result = None
    if role in ("lead", "split") or args.result or letter.result:
        codes = [Choice(c.code, f"{c.code} {c.label}", (c.code, c.code.lower(), c.label)) for c in site.vocab.result_codes]
        codes.append(Choice(UNKNOWN, "未知（来文没有写）", (UNKNOWN,)))
        if args.result or letter.result or ask.interactive:
            result = ask.choose("答复类别", codes, args.result, "--result",
                                default=letter.result or None, required=role in ("lead", "split"))
        elif role in ("lead", "split"):
            result = UNKNOWN
            warnings.append("来文没有印答复类别（A、B、C…），已写 result: 未知。知道后请改成 site.yaml 中的代码。")
    return proposal, unit, role, date, result


def _write(content: Path, source: Path, site, letter: Letter, blocks, facts, warnings, out) -> int:
    proposal, unit, role, date, result = facts
    rel_dir = f"responses/{proposal.year}"
    stem = f"{proposal.key_part}-{unit.slug}"  # the number, or the file name of a proposal whose number is 未知
    target = content / rel_dir / f"{stem}.md"
    original = content / rel_dir / f"{stem}{source.suffix.lower()}"
    for path in (target, original):
        if path.exists():
            print(f"{path.relative_to(content).as_posix()} 已经存在，没有覆盖，也没有写入任何文件。如果这是"
                  f"委员不满意后的重新答复，请用 python build.py new response --supersedes 录入。 / "
                  f"{path.name} exists; nothing was written.", file=sys.stderr)
            return 1
    contact = " ".join(x for x in (letter.contact, letter.phone) if x)
    meta = [("proposal", proposal.id), ("unit", unit.short or unit.name), ("role", role), ("date", date),
            ("doc_no", letter.doc_no), ("result", result), ("signer", letter.signer), ("contact", contact),
            ("cc", letter.cc), ("attachments", [{"file": original.name, "title": ORIGINAL_TITLE}])]
    notes = [f"原件：{original.name}（与本文件在同一文件夹，由 python build.py import reply 保存，作为附件发布；"
             "不宜公开时删去 attachments 中的这一项）"]
    if letter.title:
        notes.append(f"来文标题：{letter.title}")
    for key, label in (("doc_no", "文号"), ("contact", "联系人及电话"), ("cc", "抄送")):
        if not dict(meta)[key]:
            warnings.append(f"来文中没有找到{label}（{key}），没有填写。")
    text = render(meta, notes, body_text(blocks, letter))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    shutil.copy2(source, original)
    rel = target.relative_to(content).as_posix()
    print(f"已创建 {rel}，原件保存为 {original.relative_to(content).as_posix()}。 / Created {rel}.", file=out)
    for w in warnings:
        print(f"  注意：{w}", file=out)
    report = load_site(content).report
    mine = [p for p in report.problems if p.path == rel]
    for p in mine:
        print(p.format(), file=out if not p.is_error else sys.stderr)
    if any(p.is_error for p in mine):
        print(f"{rel} 还没有通过检查：请按上面的提示修改这个文件，然后运行 python build.py check。"
              f" / {rel} does not pass check yet: fix what is listed above.", file=sys.stderr)
        return 1
    others = [p for p in report.errors if p.path != rel]
    if others:
        print(f"新文件没有问题，但其他文件还有 {len(others)} 个错误：运行 python build.py check 查看。", file=out)
        return 1
    print("内容检查通过。请打开这个文件核对正文和各项信息；运行 python build.py serve 预览。 / Content OK.", file=out)
    return 0


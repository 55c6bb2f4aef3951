"""Turning source files into typed records (vocabulary, proposals, responses, announcements).

Each reader checks the keys of one file; cross-file rules live in validate.py.
"""
from __future__ import annotations

import re

from . import labels as L
from .attachment_fields import read_attachments
from .commitment_fields import read_commitments
from .event_fields import read_events
from .fields import UNKNOWN_ALLOWED, FieldReader, as_text, is_web_url
from .meta import FIELDS as INDEX_FIELDS, pattern_problem
from .model import (Announcement, Feedback, Proposal, ResultCode, Response, Term,
                    Unit, Vocabulary)
from .names import group_type, split_printed
from .problems import WARNING
from .slugs import slugify

# Chinese key names staff may write instead of the English ones.
PROPOSAL_ALIASES = {
    "提案号": "number", "年度": "year", "届次": "term", "会次": "session", "案由": "title",
    "标题": "title", "提案者": "proposers", "提案人": "proposers", "提案者类型": "proposer_type",
    "界别": "sector", "类别": "category", "关键词": "tags", "提交日期": "submitted",
    "审查结果": "review", "审查日期": "review_date", "审查意见": "review_note", "并入提案": "merged_into",
    "办理方式": "handling", "主办单位": "lead_units", "会办单位": "co_units",
    "协办单位": "co_units", "交办日期": "assigned", "答复期限": "due", "重点提案": "key",
    "督办": "supervisor", "委员反馈": "feedback", "办结日期": "closed", "其他节点": "events",
    "公开属性": "disclosure", "摘要": "summary", "proposer": "proposers", "lead_unit": "lead_units",
    "co_unit": "co_units", "tag": "tags", "修改说明": "change_note", "附件": "attachments",
}
RESPONSE_ALIASES = {
    "对应提案": "proposal", "答复单位": "unit", "办理角色": "role", "答复日期": "date",
    "文号": "doc_no", "答复类别": "result", "签发人": "signer", "联系人及电话": "contact",
    "联系人": "contact", "重新答复": "supersedes", "公开属性": "disclosure", "摘要": "summary",
    "标题": "title", "修改日期": "updated", "修改说明": "change_note", "签发日期": "date", "发布日期": "published",
    "抄送": "cc", "抄报": "cc", "发文单位": "issuer", "发文机关": "issuer", "承诺": "commitments",
    "附件": "attachments",
}
ANNOUNCEMENT_ALIASES = {
    "标题": "title", "发布日期": "date", "类型": "kind", "公示截止": "until", "区域": "region",
    "公示开始": "from", "发布机构": "issuer", "异议方式": "objection", "意见反馈方式": "objection",
    "社区": "region", "相关提案": "related", "关键词": "tags", "公开属性": "disclosure",
    "摘要": "summary", "tag": "tags", "修改说明": "change_note", "附件": "attachments",
}
SITE_KEYS = ["body", "level", "site_title", "description", "categories", "sectors", "units",
             "result_codes", "reply_days"]
# Optional site facts used by the theme (footer, metadata block); read as text.
SITE_SETTINGS = ["short_name", "publisher", "contact", "address", "phone", "email",
                 "website_code", "icp", "police_record", "index_prefix", "index_pattern",
                 "copyright", "language", "organiser", "icp_url", "police_record_url", "share_image",
                 "data_license", "data_license_url"]
URL_SETTINGS = ["icp_url", "police_record_url", "data_license_url"]  # links the footer shows: http(s) only (fields.is_web_url)

PROPOSAL_ID = re.compile(r"^(\d{4})-(\S+)$")


def read_vocabulary(src) -> tuple[Vocabulary, list]:
    r = FieldReader(src)
    vocab = Vocabulary()
    vocab.body = r.text("body", required=True, zh_name="政协机构名称") or ""
    vocab.level = r.enum("level", L.LEVEL, default="district")
    vocab.site_title = r.text("site_title") or ""
    vocab.description = r.text("description") or ""
    vocab.categories = _terms(r, "categories", "类别", required=True)
    vocab.sectors = _terms(r, "sectors", "界别")
    vocab.units = _units(r)
    vocab.result_codes = _result_codes(r)
    days = r.integer("reply_days")
    if days is not None:
        if days <= 0 or days > 366:
            r.problem("reply_days", value=days, zh="答复期限天数应在 1 到 366 之间。",
                      en="reply_days must be between 1 and 366.")
        else:
            vocab.reply_days = days
    vocab.settings = {k: r.url(k) if k in URL_SETTINGS else r.text(k) for k in SITE_SETTINGS if r.has(k)}
    vocab.settings = {k: v for k, v in vocab.settings.items() if v is not None}
    _check_index_pattern(r, vocab.settings)
    r.finish(SITE_KEYS + SITE_SETTINGS)
    return vocab, r.problems



def _check_index_pattern(r, settings):
    pattern = settings.get("index_pattern")
    problem = pattern_problem(pattern) if pattern else None
    if problem:
        r.problem("index_pattern", value=pattern, zh="索引号格式无法使用（字段写在花括号中，如 {year}-{kind}-{key}）。",
                  en=f"index_pattern cannot be used: {problem}.", allowed="、".join("{%s}" % f for f in INDEX_FIELDS))


def _list_of(r, key, required, zh_name):
    r.used.add(key)
    value = r.meta.get(key)
    if value in (None, "", []):
        if required:
            r.problem(key, zh=f"缺少必填项「{key}」（{zh_name}列表）。", en=f"The required list '{key}' is missing.")
        return []
    if not isinstance(value, list):
        r.problem(key, value=value, zh="应为列表（每行以“- ”开头）。", en="This must be a list (lines starting with '- ').")
        return []
    return value


def _terms(r, key, zh_name, required=False):
    terms, seen = [], set()
    for i, item in enumerate(_list_of(r, key, required, zh_name)):
        label = f"{key}[{i + 1}]"
        if isinstance(item, dict):
            name = as_text(item.get("name", "")) if item.get("name") is not None else ""
            slug = as_text(item.get("slug", "")) if item.get("slug") else ""
        elif isinstance(item, (str, int)):
            name, slug = as_text(item), ""
        else:
            name, slug = "", ""
        if not name:
            r.problem(label, value=item, zh="每一项需要名称（name）。", en="Each item needs a name.")
            continue
        slug = slug or slugify(name)
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            r.problem(label, value=slug, zh="slug 只能使用小写英文字母、数字和连字符。",
                      en="A slug may use only lowercase letters, digits and hyphens.")
            continue
        if name in seen or slug in seen:
            r.problem(label, value=name, zh="名称或 slug 重复。", en="Duplicate name or slug.")
            continue
        seen.update((name, slug))
        terms.append(Term(name, slug))
    return terms


def _units(r):
    units, seen = [], set()
    for i, item in enumerate(_list_of(r, "units", True, "承办单位")):
        label = f"units[{i + 1}]"
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not item.get("name"):
            r.problem(label, value=item, zh="每个承办单位需要名称（name），可选 short（简称）和 slug。",
                      en="Each unit needs a name; short and slug are optional.")
            continue
        name = as_text(item["name"])
        short = as_text(item.get("short") or "")
        slug = as_text(item.get("slug") or "") or slugify(short or name)
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            r.problem(label, value=slug, zh="slug 只能使用小写英文字母、数字和连字符。",
                      en="A slug may use only lowercase letters, digits and hyphens.")
            continue
        clash = {name, slug, short} & seen
        if clash:
            r.problem(label, value=", ".join(sorted(clash)), zh="承办单位的名称、简称或 slug 重复。",
                      en="Duplicate unit name, short name or slug.")
            continue
        seen.update(x for x in (name, slug, short) if x)
        units.append(Unit(name=name, slug=slug, short=short))
    return units


def _result_codes(r):
    codes, seen = [], set()
    for i, item in enumerate(_list_of(r, "result_codes", True, "答复类别")):
        label = f"result_codes[{i + 1}]"
        if not isinstance(item, dict) or not item.get("code") or not item.get("label"):
            r.problem(label, value=item, zh="每个答复类别需要 code（如 A）和 label（说明），可选 adopted: true/false。",
                      en="Each reply class needs a code (e.g. A) and a label; adopted: true/false is optional.")
            continue
        code = as_text(item["code"])
        if code in seen:
            r.problem(label, value=code, zh="答复类别代码重复。", en="Duplicate reply class code.")
            continue
        seen.add(code)
        codes.append(ResultCode(code=code, label=as_text(item["label"]), adopted=item.get("adopted") is True))
    return codes


def _kept_number(src, value):
    """The proposal number exactly as typed (YAML would turn 0110 into 72)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return as_text(value)


NUMBER = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]*")
_PRINTED_NUMBER = re.compile(r"^第?\s*([0-9A-Za-z][0-9A-Za-z_.-]*)\s*号$|^第\s*([0-9A-Za-z][0-9A-Za-z_.-]*)$")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _number(r, src, p):
    """提案号 as published; 第12号 is read as 12 (warned); 未知 takes the id from the file name."""
    number = r.text("number", required=True, zh_name="提案号", unknown_ok=True)
    if "number" in r.unknown:
        stem = src.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if NUMBER.fullmatch(stem):
            p.file_key = stem
        else:
            r.problem("number", value=stem, zh="提案号未知时，用文件名作编号：文件名只能包含字母、数字、点和连字符（如 legacy-1.md）。",
                      en="With the number unknown, the file name is the id: use only letters, digits, dots and hyphens "
                         "(e.g. legacy-1.md).")
        return ""
    if number is None:
        return ""
    number = _kept_number(src, r.meta["number"])
    printed = _PRINTED_NUMBER.match(number.translate(_FULL_WIDTH_DIGITS))
    if printed:
        plain = printed.group(1) or printed.group(2)
        r.problem("number", value=number, severity=WARNING, hint=plain,
                  zh=f"提案号按“{plain}”读取；请只写号码：number: \"{plain}\"。",
                  en=f"The number is read as '{plain}'; write only the number: number: \"{plain}\".")
        number = plain
    if not NUMBER.fullmatch(number):
        r.problem("number", value=number, zh="提案号只能包含数字、字母、点和连字符。",
                  en="A proposal number may contain only digits, letters, dots and hyphens.",
                  allowed=f"0123、2017009、{UNKNOWN_ALLOWED}")
        return ""
    return number


def read_proposal(src, vocab: Vocabulary) -> tuple[Proposal, list]:
    r = FieldReader(src, PROPOSAL_ALIASES)
    p = Proposal(path=src.path, body=src.body)
    p.number = _number(r, src, p)
    year = r.integer("year", required=True, zh_name="年度")
    if year is not None and not 1949 <= year <= 2100:
        r.problem("year", value=year, zh="年度应为四位数年份。", en="The year must be a four-digit year.")
        year = None
    p.year = year or 0
    p.term = r.integer("term")
    p.session = r.integer("session", allow_text=("闭会期间",))
    for key, name in (("term", "届次"), ("session", "会次")):  # pages print them as 十五届二次会议
        if isinstance(getattr(p, key), int) and getattr(p, key) < 1:
            r.problem(key, value=getattr(p, key), zh=f"{name}应为正整数（如 15、2）。",
                      en=f"'{key}' must be a whole number from 1.", allowed="1、2、3……")
            setattr(p, key, None)
    p.title = r.text("title", required=True, zh_name="案由") or ""
    p.proposers = _proposers(r)
    p.proposer_type = r.enum("proposer_type", L.PROPOSER_TYPE) or _proposer_type(p.proposers, vocab)
    p.sector = r.choice("sector", vocab.sector, [t.name for t in vocab.sectors], "界别", "sectors")
    p.category = r.choice("category", vocab.category, [t.name for t in vocab.categories],
                          "提案类别", "categories", required=True)
    p.tags = r.text_list("tags")
    p.submitted = r.date("submitted", required=True, zh_name="提交日期", unknown_ok=True)
    p.review = r.enum("review", L.REVIEW)
    reviewed = p.review or r.reported("review")  # written but not one of the choices: reported as such
    p.review_date = r.date("review_date", unknown_ok=True)
    if p.review and not r.has("review_date"):
        r.problem("review_date", zh="填写了审查结果（review），还需要审查日期（review_date）；原件上没有时，写「review_date: 未知」。",
                  en="'review' is set, so 'review_date' is required too; if the record does not say, write 'review_date: 未知'.")
    if p.review_date and not reviewed:
        r.problem("review", zh="有审查日期，但缺少审查结果（review）。",
                  en="'review_date' is set but 'review' is missing.", allowed=L.REVIEW.allowed())
    p.review_note = r.text("review_note") or ""
    if p.review_note and not reviewed and not p.review_date:  # else said just above
        r.problem("review_note", zh="有审查意见，但缺少审查结果（review）。",
                  en="'review_note' is set but 'review' is missing.", allowed=L.REVIEW.allowed())
    merged = r.text("merged_into")
    p.merged_into = _proposal_ref(r, "merged_into", merged) if merged else ""
    if p.review == "merged" and not merged:
        r.problem("merged_into", zh="并案的提案需要写明并入哪一件提案（merged_into，例如 2023-0110）。",
                  en="A merged proposal needs 'merged_into' (e.g. 2023-0110).")
    if merged and p.review != "merged" and (p.review or not reviewed):
        r.problem("merged_into", value=merged, zh="只有审查结果为并案（merged）时才能填写 merged_into。",
                  en="'merged_into' is only allowed when review is 'merged'.")
    p.handling = r.enum("handling", L.HANDLING)
    p.lead_units = _unit_list(r, "lead_units", vocab)
    p.co_units = _unit_list(r, "co_units", vocab)
    if p.handling is None and p.lead_units:
        p.handling = "lead_co" if p.co_units else ("split" if len(p.lead_units) > 1 else "sole")
    p.assigned = r.date("assigned", unknown_ok=True)
    p.due_set = r.date("due", unknown_ok=True)
    p.key = r.boolean("key")
    p.supervisor = r.text("supervisor") or ""
    p.feedback = _feedback(r, vocab)
    p.closed = r.date("closed")
    p.events = read_events(r)
    _disclosure(r, p)
    if p.disclosure == "withheld":
        _withhold_notes(p)
    p.unknown = set(r.unknown)
    _assignment_rules(r, p)
    r.finish(list(PROPOSAL_ALIASES.values()) + ["summary"])
    return p, r.problems


def _proposers(r):
    """Names as listed; names separated by spaces (as printed on a 提案选登 page) are split, with a warning."""
    names = []
    for name in r.text_list("proposers", required=True, zh_name="提案者", unknown_ok=True):
        printed = split_printed(name)
        if printed is None:
            names.append(name)
            continue
        r.problem("proposers", value=name, severity=WARNING, hint="、".join(printed),
                  zh=f"提案者之间用空格分隔，已按 {len(printed)} 人读取。请用顿号“、”分隔姓名。",
                  en=f"Names separated by spaces were read as {len(printed)} people. Separate names with 、.")
        names += printed
    return names


def _proposer_type(proposers, vocab):
    """委员个人 or 委员联名; a group with no person named (党派, 界别, 专委会 …) is that kind of proposer."""
    if len(proposers) == 1:
        return group_type(proposers[0], [t.name for t in vocab.sectors]) or "individual"
    return "joint" if proposers else ""


def _assignment_rules(r, p: Proposal):
    units = p.lead_units or p.co_units
    if units and p.review and p.review != "filed":
        r.problem("lead_units", zh=f"只有立案的提案才能交办承办单位（本提案审查结果为「{L.REVIEW.label(p.review)}」）。",
                  en="Only a filed proposal can be assigned to units.")
    if (units or p.assigned) and not p.review and not r.reported("review") and not p.review_date:  # else said
        r.problem("review", zh="已交办的提案需要审查结果（review: filed）和审查日期。",
                  en="An assigned proposal needs 'review: filed' and a review_date.")
    if p.assigned and not p.lead_units and not r.reported("lead_units"):  # written but wrong: reported as such
        r.problem("lead_units", zh="有交办日期，但没有主办单位（lead_units）。",
                  en="'assigned' is set but 'lead_units' is empty.")
    if p.lead_units and not p.assigned and "assigned" not in p.unknown and not r.reported("assigned"):
        r.problem("assigned", zh="写了主办单位，还需要交办日期（assigned）；原件上没有时，写「assigned: 未知」。",
                  en="Units are listed, so 'assigned' (the date) is required; if the record does not say, "
                     "write 'assigned: 未知'.")
    if p.co_units and p.handling in ("sole", "split"):
        r.problem("co_units", value=L.HANDLING.label(p.handling),
                  zh="单独办理或分办的提案没有会办单位；会办请用 handling: lead_co。",
                  en="Sole or split handling has no co-units; use handling: lead_co.")
    if p.handling == "sole" and len(p.lead_units) > 1:
        r.problem("lead_units", zh="单独办理只能有一个主办单位；多个单位请用 split（分办）或 lead_co。",
                  en="Sole handling has exactly one unit; use split or lead_co for several.")
    overlap = set(p.lead_units) & set(p.co_units)
    if overlap:
        r.problem("co_units", value="、".join(u.label for u in overlap),
                  zh="同一单位不能既是主办又是会办。", en="A unit cannot be both lead and co.")


def _proposal_ref(r, key, value, label=None):
    text = as_text(value)
    if not PROPOSAL_ID.match(text):
        r.problem(label or key, value=text, zh="提案编号应写成“年度-提案号”，例如 2023-0110。",
                  en="A proposal id is written year-number, e.g. 2023-0110.")
        return ""
    return text


def _unit_list(r, key, vocab):
    names = r.text_list(key)
    units = []
    for i, name in enumerate(names):
        unit = r.choice(key, vocab.unit, [u.name for u in vocab.units] + [u.short for u in vocab.units if u.short],
                        "承办单位", "units", value=name, label=f"{key}[{i + 1}]" if len(names) > 1 else key)
        if unit and unit not in units:
            units.append(unit)
    return units


def _feedback(r, vocab):
    items = []
    for label, item in r.mapping_list("feedback"):
        date = r.date(label + ".date", value=item.get("date"), label=label + ".date") if item.get("date") else None
        if not item.get("date"):
            r.problem(label + ".date", zh="每条反馈需要日期（date）。", en="Each feedback needs a date.")
        sat = r.enum("satisfaction", L.SATISFACTION, value=item.get("satisfaction"), label=label + ".satisfaction") \
            if item.get("satisfaction") else None
        if not item.get("satisfaction"):
            r.problem(label + ".satisfaction", zh="每条反馈需要满意程度（satisfaction）。",
                      en="Each feedback needs a satisfaction.", allowed=L.SATISFACTION.allowed())
        unit = None
        if item.get("unit"):
            unit = r.choice("feedback", vocab.unit, [u.name for u in vocab.units], "承办单位", "units",
                            value=item["unit"], label=label + ".unit")
        for extra in set(item) - {"date", "satisfaction", "unit", "note"}:
            r.problem(f"{label}.{extra}", zh="未知的键，已忽略。", en="Unknown key; it is ignored.",
                      allowed="date、satisfaction、unit、note", severity=WARNING)
        if date and sat:
            items.append(Feedback(date=date, satisfaction=sat, unit=unit, note=as_text(item.get("note") or "")))
    return items


def _withhold_notes(p: Proposal) -> None:
    """A withheld proposal's free-text notes (委员反馈's `note`, 其他节点's `note`, 审查意见) are words
    about the proposal, written by its proposers or by staff, so they are withheld with its text: no
    page, feed, search record or data file shows them. Their dates, labels and satisfaction still
    show. Read first, so a note of the wrong type is still reported."""
    p.review_note = ""
    for f in p.feedback:
        f.note = ""
    for ev in p.events:
        ev.note = ""


def _disclosure(r, entry):
    entry.attachments = read_attachments(r)  # every kind has both; files are checked in attachments.py
    entry.disclosure = r.enum("disclosure", L.DISCLOSURE, default="full")
    entry.summary = r.text("summary") or ""
    if entry.disclosure == "summary" and not entry.summary:
        r.problem("summary", zh="摘要公开（disclosure: summary）的条目需要填写摘要（summary）。",
                  en="An entry with disclosure: summary needs a 'summary'.")


def key_names(aliases: dict[str, str]) -> dict[str, str]:
    """Each key of a kind → its Chinese name, the first of its aliases (kinds.Kind.aliases) staff may write."""
    names: dict[str, str] = {}
    for zh, key in aliases.items():
        if not zh.isascii():
            names.setdefault(key, zh)
    return names


def declared_disclosure(src) -> str:
    """The 公开属性 one version of a file declared (an earlier one, for the change history).

    A version that cannot be read, or names no known level, counts as `withheld`:
    an unreadable version is never taken for a public one.
    """
    if src.problems:
        return "withheld"
    r = FieldReader(src, {"公开属性": "disclosure"})
    level = r.enum("disclosure", L.DISCLOSURE, default="full")
    return "withheld" if r.problems else level


def response_ref(text: str) -> str:
    """A response named by path or id → its id (2023/0110-fgw)."""
    text = text.strip().replace("\\", "/")
    if text.startswith("content/"):
        text = text[len("content/"):]
    if text.startswith("responses/"):
        text = text[len("responses/"):]
    return text[:-3] if text.endswith(".md") else text


def read_response(src, vocab: Vocabulary) -> tuple[Response, list]:
    r = FieldReader(src, RESPONSE_ALIASES)
    x = Response(path=src.path, body=src.body)
    ref = r.text("proposal", required=True, zh_name="对应提案")
    x.proposal_id = _proposal_ref(r, "proposal", ref) if ref else ""
    x.unit = r.choice("unit", vocab.unit, [u.name for u in vocab.units], "承办单位", "units", required=True)
    x.role = r.enum("role", L.ROLE, required=True, default="")  # unknown: reported once, no follow-on errors
    x.date = r.date("date", required=True, zh_name="答复日期")
    x.doc_no = r.text("doc_no") or ""
    codes = [c.code for c in vocab.result_codes]
    result = r.text("result", unknown_ok=True)
    if result:
        x.result = vocab.result(result)
        if x.result is None:
            r.problem("result", value=result, zh="答复类别不在 site.yaml 的 result_codes 中。",
                      en="This reply class is not one of result_codes in site.yaml.",
                      allowed="、".join(f"{c.code}（{c.label}）" for c in vocab.result_codes),
                      hint=_closest_code(result, codes))
    elif x.role in ("lead", "split") and r.has("role") and "result" not in r.unknown:
        r.problem("result", zh="主办或分办单位的答复需要答复类别（result）；原件上没有时，写「result: 未知」。",
                  en="A lead or split reply needs a reply class ('result'); if the record does not say, write 'result: 未知'.",
                  allowed="、".join(codes))
    x.signer = r.text("signer") or ""
    _contact(r, x)
    x.published = r.date("published")
    if x.published and x.date and x.published < x.date:
        r.problem("published", value=x.published, zh=f"发布日期早于签发日期（date：{x.date}）。",
                  en=f"'published' is before the letter's date ({x.date}).")
    x.cc = r.text_list("cc")
    x.issuer = r.text("issuer") or ""
    sup = r.text("supersedes")
    x.supersedes = response_ref(sup) if sup else ""
    x.title = r.text("title") or ""
    x.updated = r.date("updated")
    if x.updated and x.date and x.updated < x.date:
        r.problem("updated", value=x.updated, zh=f"修改日期早于答复日期（{x.date}）。",
                  en=f"'updated' is before the reply's date ({x.date}).")
    x.commitments = read_commitments(r, x.date)
    _disclosure(r, x)
    x.unknown = set(r.unknown)
    r.finish(list(RESPONSE_ALIASES.values()))
    return x, r.problems


_PHONE = re.compile(r"\+?\d[\d\- ]{5,}\d(?:\s*(?:转|-|ext\.?)\s*\d+)?")
_CONTACT_LABELS = re.compile(r"(联系人|联系电话|电话|姓名)\s*[:：]?")


def _contact(r, x):
    """联系人及电话: `{person, phone}` or one line ("张三，021-63000000"); the phone becomes a tel: link."""
    r.used.add("contact")
    value = r.meta.get("contact")
    if value is None or value == "":
        return
    if isinstance(value, dict):
        extra = set(value) - {"person", "phone", "联系人", "电话"}
        if extra:
            r.problem("contact", value=value, zh="联系人只能写 person（姓名）和 phone（电话）。",
                      en="A contact has only 'person' and 'phone'.", allowed="person、phone")
        person = as_text(value.get("person") or value.get("联系人") or "")
        phone = as_text(value.get("phone") or value.get("电话") or "")
    elif isinstance(value, list):
        r.problem("contact", value=value, zh="联系人写一行（如 张三 021-63000000），或写 person 和 phone。",
                  en="Write the contact on one line, or as 'person' and 'phone'.", allowed="person、phone")
        return
    else:
        text = as_text(value)
        found = _PHONE.search(text)
        phone = found.group() if found else ""
        person = _CONTACT_LABELS.sub(" ", text.replace(phone, " ") if phone else text)
        person = re.sub(r"[\s，,；;、（）()]+", " ", person).strip()
    x.contact_person, x.contact_phone = person, phone
    x.contact = " ".join(v for v in (person, phone) if v)


def _closest_code(value, codes):
    from .problems import closest
    return closest(value, codes)


def read_announcement(src, vocab: Vocabulary) -> tuple[Announcement, list]:
    r = FieldReader(src, ANNOUNCEMENT_ALIASES)
    a = Announcement(path=src.path, body=src.body)
    a.title = r.text("title", required=True, zh_name="标题") or ""
    a.date = r.date("date", required=True, zh_name="发布日期")
    a.notice_type = r.enum("kind", L.ANNOUNCEMENT_KIND, required=True, default="news")
    a.opens = r.date("from")
    a.until = r.date("until")
    if a.opens and a.notice_type != "publicity":
        r.problem("from", value=a.opens, zh="只有公示（kind: publicity）才有公示开始日期。",
                  en="Only a publicity notice (kind: publicity) has a 'from' date.", severity=WARNING)
    if a.opens and a.until and a.until < a.opens:
        r.problem("until", value=a.until, zh=f"公示截止日期早于公示开始日期（{a.opens}）。",
                  en=f"'until' is before 'from' ({a.opens}).")
    a.objection = r.text("objection") or ""
    a.issuer = r.text("issuer") or ""
    if a.until and a.notice_type != "publicity":
        r.problem("until", value=a.until, zh="只有公示（kind: publicity）才有公示截止日期。",
                  en="Only a publicity notice (kind: publicity) has an 'until' date.", severity=WARNING)
    if a.until and a.date and a.until < a.date:
        r.problem("until", value=a.until, zh=f"公示截止日期早于发布日期（{a.date}）。",
                  en=f"'until' is before the announcement's date ({a.date}).")
    a.region = r.text("region") or ""
    a.related = [ref for i, v in enumerate(r.text_list("related"))
                 if (ref := _proposal_ref(r, "related", v, label=f"related[{i + 1}]"))]
    a.tags = r.text_list("tags")
    _disclosure(r, a)
    r.finish(list(ANNOUNCEMENT_ALIASES.values()))
    return a, r.problems

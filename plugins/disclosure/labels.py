"""Every fixed enumeration of the content model, with its Chinese label.

The one place that decides a status's or a role's label: pages, feeds, search
and data exports all ask here. Local vocabularies (categories, units, reply
classes) are data in site.yaml, never code.
"""
from __future__ import annotations


class Enum:
    """Canonical English keys with Chinese labels and extra aliases."""

    def __init__(self, name_zh: str, items: dict[str, str], aliases: dict[str, str] | None = None):
        self.name_zh = name_zh
        self.labels = dict(items)
        self.lookup = {}
        for key, label in items.items():
            self.lookup[key] = key
            self.lookup[key.lower()] = key
            self.lookup[label] = key
        for alias, key in (aliases or {}).items():
            self.lookup[alias] = key

    def parse(self, value):
        """The canonical key for a key, label or alias; None if unknown."""
        if not isinstance(value, str):
            return None
        value = value.strip()
        return self.lookup.get(value) or self.lookup.get(value.lower())

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def allowed(self) -> str:
        return "、".join(f"{k}（{v}）" for k, v in self.labels.items())

    def choices(self):
        return list(self.labels) + list(self.labels.values())


STATUS = Enum("状态", {
    "submitted": "已提交",
    "filed": "已立案",
    "not_filed": "不予立案",
    "merged": "已并案",
    "converted": "转为意见建议",
    "assigned": "办理中",
    "replied": "已答复",
    "evaluated": "已反馈",
    "closed": "已办结",
})
STATUS_HELP = {
    "submitted": "提案已提交，等待审查。",
    "filed": "提案已立案，等待交办承办单位。",
    "not_filed": "提案经审查不予立案。",
    "merged": "提案与内容相近的提案合并办理。",
    "converted": "提案转为意见建议，交有关部门参考。",
    "assigned": "提案已交办，承办单位正在办理。",
    "replied": "所有主办（分办）单位已答复，等待提案者反馈。",
    "evaluated": "提案者已对答复作出评价。",
    "closed": "提案已办结。",
}
FLAGS = Enum("标记", {"overdue": "逾期未答复", "answered_late": "逾期答复", "reopened": "重新办理",
                     "key": "重点提案"})
REVIEW = Enum("审查结果", {
    "filed": "立案", "merged": "并案", "not_filed": "不予立案", "converted": "转为意见建议",
}, {"予以立案": "filed", "并案处理": "merged", "不立案": "not_filed", "转意见建议": "converted"})
HANDLING = Enum("办理方式", {"sole": "单独办理", "lead_co": "主办会办", "split": "分办"},
                {"单独": "sole", "主办": "lead_co", "主办、会办": "lead_co", "主办协办": "lead_co"})
ROLE = Enum("办理角色", {"lead": "主办", "co": "会办", "split": "分办"},
            {"协办": "co", "单独办理": "lead", "sole": "lead"})
SATISFACTION = Enum("满意程度", {
    "satisfied": "满意", "basically_satisfied": "基本满意", "dissatisfied": "不满意",
})
DISCLOSURE = Enum("公开属性", {"full": "全文公开", "summary": "摘要公开", "withheld": "不予公开"},
                  {"公开": "full", "主动公开": "full", "依申请公开": "withheld", "不公开": "withheld"})
ANNOUNCEMENT_KIND = Enum("公告类型", {
    "publicity": "公示", "result": "结果公布", "policy": "政策解读", "news": "工作动态",
}, {"公告": "news", "动态": "news"})
PROPOSER_TYPE = Enum("提案者类型", {
    "individual": "委员个人", "joint": "委员联名", "party": "党派", "organisation": "人民团体",
    "sector": "界别", "member_group": "委员小组", "committee": "专门委员会",
})
LEVEL = Enum("层级", {"district": "区县", "city": "市", "province": "省", "national": "全国"})
# The progress of a commitment a reply made (承诺); "none" is derived (no update yet), never typed.
COMMITMENT_STATUS = Enum("落实状态", {
    "in_progress": "推进中", "done": "已完成", "not_done": "未落实", "adjusted": "调整",
}, {"进行中": "in_progress", "完成": "done", "已落实": "done", "未完成": "not_done", "已调整": "adjusted"})
COMMITMENT_NO_UPDATE = "尚无进展"
KIND = Enum("类型", {"proposal": "提案", "response": "答复", "announcement": "公告"})

# Timeline steps, in lifecycle order; each is one dated event on a proposal.
STEP = Enum("节点", {
    "submitted": "提交",
    "review": "审查",
    "assigned": "交办",
    "event": "办理节点",
    "reply": "答复",
    "feedback": "委员反馈",
    "closed": "办结",
    "commitment": "承诺落实进展",
    "due": "答复期限",
})

# Where a proposal stands against its 答复期限 (lifecycle.due_state), as the timeline says it.
DUE_STATE = Enum("期限", {"pending": "尚在期限内", "overdue": "已逾期", "on_time": "按期答复", "late": "已逾期，逾期答复"})

# The stages a resident follows (summary.py), in order; a proposal is at one of them.
STAGE = Enum("办理阶段", {"submitted": "提交", "review": "审查", "assigned": "交办", "replied": "答复",
                        "evaluated": "评价", "closed": "办结"})

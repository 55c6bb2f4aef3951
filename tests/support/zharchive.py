"""A generated archive of proposals, replies and announcements in realistic Chinese.

Sentences are drawn from templates about the topics a district CPPCC hears
(low-carbon communities, green finance, elderly care, old housing, traffic),
with numbers, dates, percentages, proposal numbers and the ASCII terms residents
type (PM2.5, LEED, 5G, APP), over four years; some replies come in the next year. Some entries are summary-only or withheld, so
search tests can check that withheld text is never found. Deterministic for a
seed; the files use the content model of docs/content-model.md.
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

UNITS = [("区发展和改革委员会", "区发改委", "fgw"), ("区生态环境局", "区生态环境局", "sthj"),
         ("区建设和管理委员会", "区建设管理委", "jsgl"), ("区民政局", "区民政局", "mz"),
         ("区财政局", "区财政局", "cz"), ("区卫生健康委员会", "区卫生健康委", "wjw"),
         ("区交通委员会", "区交通委", "jtw"), ("区地方金融管理局", "区金融局", "jrj")]
CATEGORIES = [("经济建设", "economy"), ("城市建设与管理", "urban"), ("社会事业", "social"),
              ("生态环境", "ecology"), ("文化建设", "culture")]
SECTORS = [("中国民主同盟", "minmeng"), ("经济界", "jingji"), ("教育界", "jiaoyu"), ("医药卫生界", "yiyao")]
RESULTS = [{"code": "A", "label": "已经解决或基本解决", "adopted": True},
           {"code": "B", "label": "列入计划拟解决", "adopted": True},
           {"code": "C", "label": "留作参考", "adopted": False}]

PLACES = ["外滩街道", "南京东路街道", "豫园街道", "老西门街道", "小东门街道", "淮海中路街道", "瑞金二路街道",
          "打浦桥街道", "五里桥街道", "半淞园路街道"]
SUBJECTS = ["低碳社区", "绿色金融", "社区养老", "老旧小区改造", "垃圾分类", "公共交通", "电动自行车充电",
            "智慧社区", "碳排放核算", "既有建筑节能", "社区卫生服务", "口袋公园", "停车难", "雨污分流",
            "二次供水", "适老化改造", "家庭医生签约", "托育服务", "非机动车停放", "光伏发电"]
MEASURES = ["专项资金", "评价标准", "考核办法", "实施方案", "工作机制", "信息平台", "试点项目", "补贴政策",
            "管理规范", "培训课程", "联席会议制度", "绩效评价体系"]
ASCII_TERMS = ["PM2.5", "PM10", "LEED", "LEED v4.1", "5G", "APP", "GDP", "CO2", "AI", "ESG", "BIPV", "WiFi"]
ACTORS = ["街道办事处", "居民委员会", "物业服务企业", "业主委员会", "社会组织", "金融机构", "专业机构",
          "志愿者队伍", "驻区单位", "区属国有企业"]

TEMPLATES = [
    "{place}在推进{subject}工作中，{actor}积极参与，但仍存在{measure}不健全等问题",
    "建议加快出台{subject}{measure}，明确各方责任，{year}年底前完成试点",
    "据统计，全区已有{n}个小区开展{subject}，覆盖居民约{n2}户，占比{pct}%",
    "{subject}涉及多个部门，建议建立{measure}，由{actor}牵头定期调度",
    "近年来空气质量持续改善，{ascii}年均浓度较{year}年下降{pct}%",
    "部分既有建筑获得{ascii}认证，建议将相关经验在{place}推广",
    "依托{ascii}技术搭建{subject}{measure}，实现数据共享和实时监测",
    "关于{subject}的问题，第{pid}号提案已提出相关建议，本件与之合并考虑",
    "对接{actor}，探索{subject}的投融资模式，鼓励社会资本参与",
    "{year}年{month}月，{place}召开{subject}推进会，{actor}代表参加",
    "居民反映{subject}存在“最后一公里”问题，建议进一步完善{measure}",
    "加大对{subject}的宣传力度，通过{ascii}、公众号等渠道提高居民知晓率",
    "进一步控制碳排放水平，推动{subject}与{measure}统筹推进",
    "将{subject}纳入{measure}，定期评估实施效果，确保按时完成",
    "我局高度重视此项工作，已会同{actor}对{place}的{subject}情况进行调研",
    "下一步，我们将结合{subject}，完善{measure}，并于{year}年{month}月前报送进展",
    "资金方面，{year}年安排{subject}{measure}{n}万元，较上年增长{pct}%",
]


def sentence(rng: random.Random, year: int) -> str:
    template = rng.choice(TEMPLATES)
    return template.format(
        place=rng.choice(PLACES), subject=rng.choice(SUBJECTS), measure=rng.choice(MEASURES),
        actor=rng.choice(ACTORS), ascii=rng.choice(ASCII_TERMS), year=rng.randint(year - 3, year),
        month=rng.randint(1, 12), n=rng.randint(2, 60), n2=rng.randint(300, 9000), pct=rng.randint(3, 45),
        pid=f"{rng.randint(year - 2, year)}-{rng.randint(1, 40):04d}")


def body(rng: random.Random, year: int, chars: int, headings=("背景情况", "问题及分析", "具体建议")) -> str:
    paragraphs, size = [], 0
    while size < chars:
        para = "；".join(sentence(rng, year) for _ in range(rng.randint(2, 4))) + "。"
        paragraphs.append(para)
        size += len(para)
    out = []
    step = max(1, len(paragraphs) // len(headings))
    for i, para in enumerate(paragraphs):
        if i % step == 0 and i // step < len(headings):
            out.append(f"## {headings[i // step]}")
        out.append(para)
    return "\n\n".join(out)


def site_yaml() -> str:
    return yaml.safe_dump({
        "body": "政协测试区委员会", "level": "district", "site_title": "测试区政协提案公开",
        "categories": [{"name": n, "slug": s} for n, s in CATEGORIES],
        "sectors": [{"name": n, "slug": s} for n, s in SECTORS],
        "units": [{"name": n, "short": s, "slug": g} for n, s, g in UNITS],
        "result_codes": RESULTS, "reply_days": 90,
    }, allow_unicode=True, sort_keys=False)


def front(meta: dict, text: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + text + "\n"


def archive(n_proposals: int, seed: int = 11, withheld_text: str = "", proposal_chars: int = 600,
            reply_chars: int = 700) -> dict[str, str]:
    """{relative path: file text} for n proposals, about as many replies and n/10 announcements.

    Every 9th proposal is withheld and every 13th summary-only; when `withheld_text` is
    given it is written into the body of each (text the public never sees), so a test
    can search for it.
    """
    rng = random.Random(seed)
    files = {"site.yaml": site_yaml()}
    years = [2022, 2023, 2024, 2025]
    for i in range(n_proposals):
        year = years[i % len(years)]
        number = f"{i // len(years) + 1:04d}"
        unit = UNITS[rng.randrange(len(UNITS))]
        subject = rng.choice(SUBJECTS)
        meta = {"number": number, "year": year, "title": f"关于{rng.choice(PLACES)}{subject}的建议",
                "proposers": [rng.choice("张王李赵刘陈杨黄周吴") + rng.choice(["明", "华", "建国", "丽", "志强", "秀英"])],
                "sector": rng.choice(SECTORS)[0], "category": rng.choice(CATEGORIES)[0],
                "submitted": f"{year}-01-{rng.randint(5, 20):02d}"}
        text = body(rng, year, proposal_chars)
        if i % 9 == 4:
            meta["disclosure"] = "withheld"
            text += f"\n\n{withheld_text}。" if withheld_text else ""
        elif i % 13 == 6:
            meta["disclosure"] = "summary"
            meta["summary"] = "；".join(sentence(rng, year) for _ in range(2)) + "。"
            text += f"\n\n{withheld_text}。" if withheld_text else ""
        replied = i % 5 != 0
        if i % 7 != 3:
            meta.update(review="filed", review_date=f"{year}-02-01", handling="sole", lead_units=[unit[1]],
                        assigned=f"{year}-02-10")
            if replied:
                late = i % 8 == 1  # answered in January of the next year (a reply in another year than its proposal)
                month, day = rng.randint(3, 5), rng.randint(1, 28)
                reply = {"proposal": f"{year}-{number}", "unit": unit[1], "role": "lead",
                         "date": f"{year + 1}-01-{day:02d}" if late else f"{year}-{month:02d}-{day:02d}",
                         "result": rng.choice("ABC"), "doc_no": f"{unit[1]}提复〔{year}〕{i + 1}号"}
                files[f"responses/{year}/{number}-{unit[2]}.md"] = front(
                    reply, body(rng, year, reply_chars, ("办理情况", "下一步工作")))
                if rng.random() < 0.6:
                    satisfaction = rng.choice(["满意", "基本满意"])
                    if not late:
                        meta["feedback"] = [{"date": f"{year}-06-20", "satisfaction": satisfaction}]
                        meta["closed"] = f"{year}-07-01"
        files[f"proposals/{year}/{number}.md"] = front(meta, text)
    for i in range(max(1, n_proposals // 10)):
        year = years[i % len(years)]
        meta = {"title": f"{rng.choice(PLACES)}{rng.choice(SUBJECTS)}工作动态（第{i + 1}期）",
                "date": f"{year}-09-{i % 28 + 1:02d}", "kind": rng.choice(["news", "policy", "result"]),
                "region": rng.choice(PLACES)}
        files[f"announcements/{year}/notice-{i + 1:04d}.md"] = front(meta, body(rng, year, 400, ("工作动态",)))
    return files


def write_archive(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = Path(root) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Path(root)

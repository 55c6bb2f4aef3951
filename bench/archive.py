"""Generate a realistic archive: N proposals, N replies, N/10 announcements.

Text is built from sentences of the seed documents' domain, reshuffled, so
lengths and the Chinese character mix are realistic (proposal ~1,500 characters,
reply ~2,000). The same bodies are also written as plain Pelican articles, so
`make bench` can compare with Pelican building the same Markdown.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

SENTENCES = [
    "低碳社区建设是促进城市可持续发展的重要举措", "试点社区存在基础能力不足、缺乏资金支持等问题",
    "建议加快低碳社区评价标准的出台", "加强对社区在低碳技术、低碳运营管理等方面的指导培训",
    "鼓励设立低碳社区建设专项资金，加大投入力度", "提倡与金融机构共同探索适应社区特点的投融资机制",
    "多方位培养引进人才，形成低碳社区建设的人才梯队", "进一步探索控制碳排放水平的有效途径",
    "搭建智慧低碳管理服务平台，推进智能安防和智能建筑", "推动政府、市场、居民三方投入",
    "引入专业力量辅助开展低碳社区的预选评估", "对接金融机构，明确绿色金融政策支持的可行路径",
    "聚焦社区低碳改造和居民低碳生活两大领域", "老旧小区改造与绿色社区创建统筹推进",
    "完善社区养老服务设施，提升居家养老服务水平", "加强垃圾分类宣传，提高居民参与度",
    "优化公共交通线路，方便居民绿色出行", "推进电动自行车集中充电设施建设，消除安全隐患",
    "空气质量持续改善，PM2.5 年均浓度下降", "既有社区获得 LEED v4.1 金级认证",
    "将相关指标纳入绩效考核评价体系", "定期调度创建工作进展，确保按时完成",
    "街道、社区居委积极参与并具体落实", "因地制宜制定方案标准，稳步推进创建工作",
]
UNITS = [("区发展和改革委员会", "区发改委", "fgw"), ("区生态环境局", "区生态环境局", "sthj"),
         ("区建设和管理委员会", "区建设管理委", "jsgl"), ("区民政局", "区民政局", "mz"),
         ("区财政局", "区财政局", "cz"), ("区教育局", "区教育局", "jy"), ("区卫生健康委员会", "区卫生健康委", "wjw")]
CATEGORIES = [("经济建设", "economy"), ("城市建设与管理", "urban"), ("社会事业", "social"),
              ("生态环境", "ecology"), ("文化建设", "culture")]


def text(rng: random.Random, chars: int) -> str:
    paras, size = [], 0
    while size < chars:
        para = "，".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6))) + "。"
        paras.append(para)
        size += len(para)
    heads = ["## 背景情况", "## 问题及分析", "## 具体建议"]
    out = []
    for i, para in enumerate(paras):
        if i % max(1, len(paras) // 3) == 0 and heads:
            out.append(heads.pop(0))
        out.append(para)
    return "\n\n".join(out) + "\n"


def front(meta, body):
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def generate(root: Path, n: int, pelican_root: Path | None = None, seed: int = 7):
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    site = {"body": "政协某市某区委员会", "level": "district", "site_title": "基准测试站",
            "categories": [{"name": c, "slug": s} for c, s in CATEGORIES],
            "sectors": [{"name": "经济界", "slug": "jingji"}, {"name": "教育界", "slug": "jiaoyu"}],
            "units": [{"name": n_, "short": s, "slug": g} for n_, s, g in UNITS],
            "result_codes": [{"code": "A", "label": "已经解决或基本解决", "adopted": True},
                             {"code": "B", "label": "列入计划拟解决", "adopted": True},
                             {"code": "C", "label": "留作参考", "adopted": False}],
            "reply_days": 90}
    (root / "site.yaml").write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")
    years = list(range(2016, 2026))
    per_year = -(-n // len(years))
    count = 0
    for year in years:
        for i in range(1, per_year + 1):
            if count >= n:
                break
            count += 1
            number = f"{i:04d}"
            unit = UNITS[rng.randrange(len(UNITS))]
            cat = CATEGORIES[rng.randrange(len(CATEGORIES))]
            title = f"关于{rng.choice(SENTENCES)[:14]}的建议（{number}）"
            body = text(rng, 1500)
            meta = {"number": number, "year": year, "title": title, "proposers": [f"委员{rng.randint(1, 300)}"],
                    "category": cat[0], "submitted": f"{year}-01-{rng.randint(5, 20):02d}", "review": "filed",
                    "review_date": f"{year}-02-01", "handling": "sole", "lead_units": [unit[1]],
                    "assigned": f"{year}-02-10"}
            if rng.random() < 0.7:
                meta["feedback"] = [{"date": f"{year}-06-20", "satisfaction": rng.choice(["满意", "基本满意"])}]
                meta["closed"] = f"{year}-07-01"
            write(root / f"proposals/{year}/{number}.md", front(meta, body))
            if count == n:  # the newest proposal awaits its reply: the benchmark adds it
                meta.pop("feedback", None), meta.pop("closed", None)
                write(root / f"proposals/{year}/{number}.md", front(meta, body))
                write(root / "PENDING_REPLY", f"{year}-{number} {unit[1]} {unit[2]}\n")
                continue
            reply = text(rng, 2000)
            rmeta = {"proposal": f"{year}-{number}", "unit": unit[1], "role": "lead",
                     "date": f"{year}-{rng.randint(3, 5):02d}-{rng.randint(1, 28):02d}", "result": rng.choice("ABC"),
                     "doc_no": f"区{unit[2]}提〔{year}〕{i}号"}
            write(root / f"responses/{year}/{number}-{unit[2]}.md", front(rmeta, reply))
            if pelican_root:
                write(pelican_root / f"{year}/p{number}.md",
                      pelican_article(title, meta["submitted"], cat[0], body, f"p{year}-{number}"))
                write(pelican_root / f"{year}/r{number}.md",
                      pelican_article(f"{unit[1]}答复：{title}", rmeta["date"], cat[0], reply, f"r{year}-{number}"))
    for i in range(max(1, n // 10)):
        year = years[i % len(years)]
        body = text(rng, 800)
        meta = {"title": f"社区公告第{i + 1}号", "date": f"{year}-09-{(i % 28) + 1:02d}", "kind": "news"}
        write(root / f"announcements/{year}/notice-{i + 1:05d}.md", front(meta, body))
        if pelican_root:
            write(pelican_root / f"{year}/a{i + 1:05d}.md",
                  pelican_article(meta["title"], meta["date"], "公告", body, f"a{i + 1:05d}"))


def pelican_article(title, date, category, body, slug):
    return f"Title: {title}\nDate: {date}\nCategory: {category}\nSlug: {slug}\n\n{body}"


def write(path: Path, text_: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text_, encoding="utf-8")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--pelican", type=Path, help="also write the same bodies as plain Pelican articles here")
    a = ap.parse_args()
    generate(a.folder, a.n, a.pelican)

"""Random sequences of edits: after every step the incremental output is byte for byte a cold build's.

tests/site/test_incremental.py checks one change of each kind, one after the other, in a
fixed order. Here a seeded random generator picks the changes (add, edit or delete a
proposal, a reply or an announcement; change its disclosure; edit site.yaml, a template;
move the build date) and their order, on a small archive whose dates sit near the build
date (a reply due soon, a 公示 open now, a commitment with a later update), so the date
changes what pages say. Each step builds into the same output (incremental) and into a
fresh folder (cold) with the real CLI and compares files and folders.

A failure names the seed and the steps taken; run that seed alone with
GONGKAI_PROPERTY_SEEDS=<seed>. A longer run: GONGKAI_PROPERTY_STEPS=40
GONGKAI_PROPERTY_SEEDS=1,2,3,4,5 (the default, a few steps of two seeds, keeps `make test` short).
"""
from __future__ import annotations

import datetime as dt
import os
import random
import shutil

import pytest

from conftest import ROOT, SITE_YAML, SOURCE_DATE_EPOCH, front_matter, run_cli, site_yaml, write_tree

SITE_URL = "https://zx.example.org"
STEPS = int(os.environ.get("GONGKAI_PROPERTY_STEPS", "4"))
SEEDS = [int(s) for s in os.environ.get("GONGKAI_PROPERTY_SEEDS", "1,2").split(",") if s.strip()]
UNITS = [(u["short"], u["slug"]) for u in SITE_YAML["units"]]
CATEGORIES = [c["name"] for c in SITE_YAML["categories"]]
# (template, a text it shows): a template edit changes that text on every page showing it
TEMPLATE_TEXTS = [("proposal.html", "提案者"), ("response.html", "对应提案："), ("announcement.html", "公示期"),
                  ("base.html", "跳到正文"), ("listing.html", "暂无提案。"), ("home.html", "最近动态"),
                  ("site_footer.html", "开放数据"), ("commitments.html", "完成期限"), ("history.html", "修改记录")]
DAY = 86400
BODIES = ["## 具体建议\n\n建议加快推进社区养老服务设施建设。", "## 背景情况\n\n老旧小区改造与绿色社区创建统筹推进。",
          "建议优化公共交通线路，方便居民绿色出行。", "## 问题及分析\n\n试点社区存在基础能力不足等问题。"]


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def folders(out):
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir()}


class Archive:
    """The content as data (front matter and body per file), written out after every edit."""

    def __init__(self, root, rng: random.Random):
        self.root, self.rng = root, rng
        self.proposals: dict[str, dict] = {}  # id → {meta, body}
        self.replies: dict[str, dict] = {}  # path → {meta, body}
        self.announcements: dict[str, dict] = {}  # path → {meta, body}
        self.site = dict(SITE_YAML)
        self.edits = 0

    # the starting archive: two years, replies, a reply due soon, a 公示 open on the build date
    def start(self):
        for year, count in ((2025, 3), (2026, 4)):
            for i in range(1, count + 1):
                self.add_proposal(year=year, number=f"{i:04d}")
        late = self.add_proposal(year=2026, number="0100", assigned="2026-11-01")  # due 2027-01-30
        for pid in sorted(self.proposals)[:5]:
            if pid != late:
                self.add_reply(pid)
        first = next(iter(sorted(self.replies)))
        self.replies[first]["meta"]["commitments"] = [
            {"text": "年内建成三处社区食堂。", "due": "2026-12-10",
             "updates": [{"date": "2026-06-15", "status": "in_progress"},
                         {"date": "2026-11-25", "status": "done", "note": "已建成。"}]}]
        self.add_announcement(kind="publicity", window=("2026-11-20", "2026-11-30"))
        self.add_announcement()
        return self

    def write(self):
        if self.root.exists():
            shutil.rmtree(self.root)
        files = {"site.yaml": site_yaml(**{k: v for k, v in self.site.items() if k in ("site_title", "reply_days",
                                                                                       "description")})}
        for pid, p in self.proposals.items():
            year, number = pid.split("-")
            files[f"proposals/{year}/{number}.md"] = front_matter(p["meta"], p["body"])
        for path, r in self.replies.items():
            files[path] = front_matter(r["meta"], r["body"])
        for path, a in self.announcements.items():
            files[path] = front_matter(a["meta"], a["body"])
        write_tree(self.root, files)

    # adding
    def add_proposal(self, year=None, number=None, assigned=None):
        rng = self.rng
        year = year or rng.choice((2025, 2026))
        if number is None:
            taken = {int(pid.split("-")[1]) for pid in self.proposals if pid.startswith(f"{year}-")}
            number = f"{max(taken, default=0) + 1:04d}"
        unit = rng.choice(UNITS)[0]
        meta = {"number": number, "year": year, "title": f"关于第{number}号事项的建议", "proposers": ["张三"],
                "category": rng.choice(CATEGORIES), "submitted": f"{year}-01-10", "review": "filed",
                "review_date": f"{year}-02-01", "handling": "sole", "lead_units": [unit],
                "assigned": assigned or f"{year}-02-10"}
        pid = f"{year}-{number}"
        self.proposals[pid] = {"meta": meta, "body": rng.choice(BODIES)}
        return pid

    def add_reply(self, pid=None):
        waiting = [p for p in sorted(self.proposals) if not self.replies_of(p)]
        if pid is None:
            if not waiting:
                return "no proposal waits for a reply"
            pid = self.rng.choice(waiting)
        p = self.proposals[pid]["meta"]
        short = p["lead_units"][0]
        slug = dict(UNITS)[short]
        year, number = pid.split("-")
        assigned = dt.date.fromisoformat(p["assigned"])
        meta = {"proposal": pid, "unit": short, "role": "lead", "date": (assigned + dt.timedelta(days=10)).isoformat(),
                "result": self.rng.choice("ABC")}
        path = f"responses/{year}/{number}-{slug}.md"
        self.replies[path] = {"meta": meta, "body": "答复正文：" + self.rng.choice(BODIES)}
        return f"add reply {path}"

    def add_announcement(self, kind=None, window=None):
        rng = self.rng
        kind = kind or rng.choice(("publicity", "result", "policy", "news"))
        slug = f"notice-{len(self.announcements) + self.edits + 1}"
        while f"announcements/2026/{slug}.md" in self.announcements:
            slug += "x"
        related = rng.sample(sorted(self.proposals), k=min(len(self.proposals), rng.randint(0, 2)))
        meta = {"title": f"公告{slug}", "date": "2026-11-10", "kind": kind}
        if kind == "publicity":
            start, end = window or rng.choice((("2026-11-20", "2026-11-30"), ("2026-11-01", "2026-12-31")))
            meta.update({"from": start, "until": end})
        if related:
            meta["related"] = related
        path = f"announcements/2026/{slug}.md"
        self.announcements[path] = {"meta": meta, "body": "公告正文。" + rng.choice(BODIES)}
        return f"add announcement {path} ({kind}, related {related})"

    def replies_of(self, pid):
        return [path for path, r in self.replies.items() if r["meta"]["proposal"] == pid]

    # the random steps: each returns a description for the failure message
    def step_add_proposal(self):
        return f"add proposal {self.add_proposal()}"

    def step_add_reply(self):
        return self.add_reply()

    def step_add_announcement(self):
        return self.add_announcement()

    def step_edit(self):
        kind, items = self._pick_kind()
        if not items:
            return f"no {kind} to edit"
        key = self.rng.choice(sorted(items))
        self.edits += 1
        item = items[key]
        if self.rng.random() < 0.5:
            item["body"] += f"\n\n第{self.edits}次修改补充的文字。"
            return f"edit the body of {key}"
        if kind == "reply":
            item["meta"]["result"] = self.rng.choice("ABC")
        elif kind == "announcement" and self.proposals:
            item["meta"]["related"] = [self.rng.choice(sorted(self.proposals))]
        else:
            item["meta"]["title"] = item["meta"]["title"].split("（")[0] + f"（第{self.edits}次修改）"
        return f"edit the front matter of {key}"

    def step_delete(self):
        kind, items = self._pick_kind()
        if not items:
            return f"no {kind} to delete"
        key = self.rng.choice(sorted(items))
        del items[key]
        if kind == "proposal":  # its replies go with it, announcements stop citing it
            for path in self.replies_of(key):
                del self.replies[path]
            for a in self.announcements.values():
                if key in a["meta"].get("related", []):
                    a["meta"]["related"] = [r for r in a["meta"]["related"] if r != key]
                    if not a["meta"]["related"]:
                        del a["meta"]["related"]
        return f"delete {kind} {key}"

    def step_disclosure(self):
        kind, items = self._pick_kind()
        if not items:
            return f"no {kind} to change"
        key = self.rng.choice(sorted(items))
        meta = items[key]["meta"]
        level = self.rng.choice([lv for lv in ("full", "summary", "withheld") if lv != meta.get("disclosure", "full")])
        meta.pop("summary", None)
        meta["disclosure"] = level
        if level == "summary":
            meta["summary"] = "摘要：建议加快推进。"
        return f"disclosure of {kind} {key} → {level}"

    def step_site_yaml(self):
        choice = self.rng.choice(("site_title", "reply_days", "description"))
        self.edits += 1
        if choice == "reply_days":
            self.site["reply_days"] = self.rng.choice([d for d in (30, 60, 90, 120) if d != self.site["reply_days"]])
        else:
            self.site[choice] = f"测试区政协提案公开（第{self.edits}版）"
        return f"site.yaml {choice} → {self.site[choice]}"

    def _pick_kind(self):
        kind = self.rng.choice(("proposal", "reply", "announcement"))
        return kind, {"proposal": self.proposals, "reply": self.replies, "announcement": self.announcements}[kind]


class Run:
    """One seed's sequence: the archive, the theme it builds with, the build date, the builds."""

    def __init__(self, tmp_path, seed):
        self.tmp, self.seed = tmp_path, seed
        self.rng = random.Random(seed)
        self.content = tmp_path / "content"
        self.out = tmp_path / "site"
        self.theme = tmp_path / "theme"
        shutil.copytree(ROOT / "themes/gongkai", self.theme)
        self.settings = tmp_path / "settings.py"
        self.settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                                 f"THEME = {str(self.theme)!r}\n", encoding="utf-8")
        self.epoch = int(SOURCE_DATE_EPOCH)
        self.archive = Archive(self.content, self.rng).start()
        self.done: list[str] = []
        self.cold_count = 0

    def step_template(self):
        name, text = self.rng.choice(TEMPLATE_TEXTS)
        path = self.theme / "templates" / name
        source = path.read_text(encoding="utf-8")
        assert text in source, (name, text)
        path.write_text(source.replace(text, text + "·", 1), encoding="utf-8")
        return f"template {name}: {text} → {text}·"

    def step_date(self):
        days = self.rng.choice((1, 2, 5, 10, 40, 80))
        self.epoch += days * DAY
        return f"build date + {days} days → {dt.datetime.fromtimestamp(self.epoch, dt.timezone.utc).date()}"

    def build(self, out):
        args = ["build", "--content", str(self.content), "--output", str(out), "--site-url", SITE_URL,
                "--settings", str(self.settings)]
        result = run_cli(*args, env={"SOURCE_DATE_EPOCH": str(self.epoch)})
        assert result.returncode == 0, self.story(result.stderr[-3000:])
        return result

    def story(self, detail=""):
        steps = "\n".join(f"  {i}. {s}" for i, s in enumerate(self.done, 1))
        return f"seed {self.seed} (GONGKAI_PROPERTY_SEEDS={self.seed}), steps:\n{steps}\n{detail}"

    def check(self):
        self.archive.write()
        self.build(self.out)
        self.cold_count += 1
        cold = self.tmp / f"cold-{self.cold_count}"
        self.build(cold)
        a, b = tree(self.out), tree(cold)
        assert sorted(a) == sorted(b), self.story(f"files only in one: {sorted(set(a) ^ set(b))[:10]}")
        differ = [name for name in a if a[name] != b[name]]
        assert differ == [], self.story(f"files that differ from a cold build: {differ[:10]}")
        assert folders(self.out) == folders(cold), self.story(f"folders: {folders(self.out) ^ folders(cold)}")
        shutil.rmtree(cold)
        shutil.rmtree(self.tmp / ".gongkai-cache" / cold.name, ignore_errors=True)

    def random_step(self):
        a = self.archive
        steps = [a.step_add_proposal, a.step_add_reply, a.step_add_announcement, a.step_edit, a.step_edit,
                 a.step_delete, a.step_disclosure, a.step_site_yaml, self.step_template, self.step_date]
        return self.rng.choice(steps)()


@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_give_the_cold_output_after_every_step(tmp_path, seed):
    run = Run(tmp_path, seed)
    run.archive.write()
    run.build(run.out)
    for _ in range(STEPS):
        # one or two edits between builds: a rebuild often sees more than one change
        run.done.append(" + ".join(run.random_step() for _ in range(run.rng.choice((1, 1, 2)))))
        run.check()

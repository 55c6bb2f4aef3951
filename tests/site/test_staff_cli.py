"""`build.py new` and `build.py check` driven as staff would: options, or answers at a terminal."""
import os
import subprocess

import yaml

from conftest import (PYTHON, ROOT, SOURCE_DATE_EPOCH, assigned_proposal, build, proposal, response,
                      run_cli, write_tree)
from support.terminal import run_on_terminal


def new(content, *args):
    return run_cli("new", *args, "--content", str(content), "--yes")


def check(content):
    return run_cli("check", "--content", str(content))


def meta_of(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def paste_body(path, text="张三委员：\n　　答复正文。\n测试区发展和改革委员会\n2026年11月23日\n"):
    """What staff do after `new response`: paste the reply's text below the front matter."""
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def files(content):
    return sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))


def test_new_proposal_from_options_passes_check(make_content):
    content = make_content([proposal("0001")])
    result = new(content, "proposal", "--title", "关于加快社区养老服务设施建设的建议", "--proposer", "王五、赵六",
                 "--category", "社会事业", "--sector", "minmeng", "--term", "15", "--session", "闭会期间")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已创建" in result.stdout and "内容检查通过" in result.stdout
    written = content / "proposals/2026/0002.md"
    text = written.read_text(encoding="utf-8")
    assert 'number: "0002"' in text  # stays the text 0002, never the number 2
    meta = meta_of(written)
    assert meta["title"] == "关于加快社区养老服务设施建设的建议" and meta["proposers"] == ["王五", "赵六"]
    assert meta["category"] == "社会事业" and meta["sector"] == "中国民主同盟" and meta["session"] == "闭会期间"
    assert str(meta["submitted"]) == "2026-11-23"  # today, as the build describes it
    assert check(content).returncode == 0


def test_next_free_number_follows_the_width_in_use(make_content):
    content = make_content([proposal("0009"), proposal("0123"), proposal("A12"), proposal("77", year=2025)])
    args = ["--title", "关于某事的建议", "--proposer", "张三", "--category", "经济建设"]
    assert new(content, "proposal", *args).returncode == 0
    assert (content / "proposals/2026/0124.md").is_file()
    assert new(content, "proposal", "--year", "2025", *args).returncode == 0
    assert (content / "proposals/2025/78.md").is_file()
    # A number already taken is refused, with the free one named; nothing is written.
    before = files(content)
    taken = new(content, "proposal", "--number", "0123", *args)
    assert taken.returncode == 2 and "已有第 0123 号提案" in taken.stderr and "0125" in taken.stderr
    assert files(content) == before
    assert check(content).returncode == 0


def test_a_new_year_starts_in_the_style_of_the_last(make_content):
    content = make_content([proposal("2025031", year=2025)])
    result = new(content, "proposal", "--title", "关于某事的建议", "--proposer", "张三", "--category", "经济建设")
    assert result.returncode == 0, result.stderr
    assert (content / "proposals/2026/2026001.md").is_file()


def test_missing_and_wrong_values_are_all_reported_and_nothing_is_written(make_content):
    content = make_content([proposal("0001")])
    result = new(content, "proposal", "--category", "体育", "--submitted", "2026-02-30")
    assert result.returncode == 2
    err = result.stderr
    assert "缺少 --title" in err and "缺少 --proposer" in err
    assert "「体育」不是可选的值" in err and "经济建设" in err  # the allowed choices are listed
    assert "--submitted" in err and "日期无效" in err
    assert "没有写入文件" in err
    assert files(content) == ["proposals/2026/0001.md"]


def test_new_reply_takes_its_role_from_the_proposal(make_content):
    content = make_content([assigned_proposal(handling="lead_co", co_units=["区生态环境局"])])
    co = new(content, "response", "--proposal", "2026-0001", "--unit", "sthj", "--date", "2026-03-01")
    assert co.returncode == 0, co.stdout + co.stderr
    meta = meta_of(content / "responses/2026/0001-sthj.md")
    assert meta["role"] == "co" and "result" not in meta and meta["unit"] == "区生态环境局"

    # A lead reply needs its class: refused without, written with.
    lead = new(content, "response", "--proposal", "2026-0001", "--unit", "区发改委")
    assert lead.returncode == 2 and "缺少 --result" in lead.stderr
    lead = new(content, "response", "--proposal", "2026-0001", "--unit", "区发改委", "--result", "b",
               "--doc-no", "测发改〔2026〕7号", "--contact", "区发改委办公室 021-0000")
    assert lead.returncode == 0, lead.stderr
    meta = meta_of(content / "responses/2026/0001-fgw.md")
    assert meta["role"] == "lead" and meta["result"] == "B" and meta["doc_no"] == "测发改〔2026〕7号"
    paste_body(content / "responses/2026/0001-sthj.md")
    paste_body(content / "responses/2026/0001-fgw.md")
    assert check(content).returncode == 0


def test_a_new_reply_must_get_its_text_before_check_passes(make_content):
    content = make_content([assigned_proposal()])
    result = new(content, "response", "--proposal", "2026-0001", "--unit", "fgw", "--result", "A")
    assert result.returncode == 0, result.stderr
    assert "已创建" in result.stdout and "把答复全文粘贴" in result.stdout
    assert "内容检查通过" not in result.stdout
    empty = check(content)
    assert empty.returncode == 1 and "responses/2026/0001-fgw.md:8 [正文]" in empty.stderr
    assert "答复正文是空的" in empty.stderr and "The reply has no text" in empty.stderr
    paste_body(content / "responses/2026/0001-fgw.md")
    assert check(content).returncode == 0
    # A reply that is not published may stay without text.
    withheld = make_content([assigned_proposal(), response("2026-0001", body="<!-- 不公开 -->",
                                                           disclosure="withheld")])
    assert check(withheld).returncode == 0


def test_reply_rules_are_enforced_before_writing(make_content):
    content = make_content([assigned_proposal(), proposal("0002")])
    not_assigned = new(content, "response", "--proposal", "2026-0002", "--unit", "fgw", "--result", "A")
    assert not_assigned.returncode == 2 and "还没有交办" in not_assigned.stderr
    wrong_unit = new(content, "response", "--proposal", "2026-0001", "--unit", "mz", "--result", "A")
    assert wrong_unit.returncode == 2 and "fgw（测试区发展和改革委员会（主办））" in wrong_unit.stderr
    early = new(content, "response", "--proposal", "2026-0001", "--unit", "fgw", "--result", "A",
                "--date", "2026-01-01")
    assert early.returncode == 2 and "早于交办日期（2026-02-10）" in early.stderr
    typo = new(content, "response", "--proposal", "2026-001", "--unit", "fgw", "--result", "A")
    assert typo.returncode == 2 and "「2026-0001」" in typo.stderr
    assert files(content) == ["proposals/2026/0001.md", "proposals/2026/0002.md"]


def test_second_reply_of_a_unit_must_be_a_re_reply(make_content):
    content = make_content([assigned_proposal(), response("2026-0001")])
    again = new(content, "response", "--proposal", "2026-0001", "--unit", "fgw", "--result", "A")
    assert again.returncode == 2 and "--supersedes 2026/0001-fgw" in again.stderr and "直接编辑" in again.stderr
    rereply = new(content, "response", "--proposal", "2026-0001", "--unit", "fgw", "--result", "A",
                  "--supersedes", "2026/0001-fgw", "--date", "2026-06-01")
    assert rereply.returncode == 0, rereply.stderr
    meta = meta_of(content / "responses/2026/0001-fgw-2.md")
    assert meta["supersedes"] == "responses/2026/0001-fgw.md"
    paste_body(content / "responses/2026/0001-fgw-2.md")
    assert check(content).returncode == 0


def test_new_announcement(make_content):
    content = make_content([proposal("0001")])
    result = new(content, "announcement", "--title", "关于2026年低碳社区名单的公示", "--kind", "公示",
                 "--date", "2026-11-20", "--until", "2026-11-27", "--related", "2026-0001", "--region", "测试街道")
    assert result.returncode == 0, result.stderr
    [written] = (content / "announcements/2026").glob("*.md")
    assert written.stem == "2026-nian-di-tan-she-qu"  # from the title (pinyin, six words), 关于 left off
    meta = meta_of(written)
    assert meta["kind"] == "publicity" and str(meta["until"]) == "2026-11-27" and meta["related"] == ["2026-0001"]
    slugged = new(content, "announcement", "--title", "工作动态", "--kind", "news", "--slug", "work-news")
    assert slugged.returncode == 0 and (content / "announcements/2026/work-news.md").is_file()
    clash = new(content, "announcement", "--title", "工作动态", "--kind", "news", "--slug", "work-news")
    assert clash.returncode == 2 and "已经存在" in clash.stderr
    wrong = new(content, "announcement", "--title", "通知", "--kind", "news", "--until", "2026-12-01",
                "--related", "2026-0009")
    assert wrong.returncode == 2 and "只有公示" in wrong.stderr and "找不到提案 2026-0009" in wrong.stderr
    assert check(content).returncode == 0


def test_body_file_and_a_full_build(make_content, tmp_path):
    content = make_content([proposal("0001")])
    body = tmp_path / "body.md"
    body.write_text("## 具体建议\n\n建议增设社区食堂。\n", encoding="utf-8")
    result = new(content, "proposal", "--title", "关于增设社区食堂的建议", "--proposer", "张三",
                 "--category", "社会事业", "--body-file", str(body))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert build(content, out).returncode == 0
    page = (out / "proposals/2026/0002/index.html").read_text(encoding="utf-8")
    assert "关于增设社区食堂的建议" in page and "建议增设社区食堂。" in page


def terminal(content, *args, answers=(), close_input=False):
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8")
    env.pop("CI", None)
    return run_on_terminal([PYTHON, str(ROOT / "build.py"), "new", *args, "--content", str(content)],
                           answers, env=env, close_input=close_input)


def test_interactive_proposal_offers_numbered_choices(make_content):
    content = make_content([proposal("0041", term=15, session=3)])
    answers = ["",  # 年度 [2026]
               "",  # 提案号 [0042]
               "关于完善社区微更新机制的建议",
               "王五、赵六",
               "9",  # not in the list: asked again
               "2",  # 城市建设
               "",  # 界别: none
               "2026-13-01",  # no month 13: asked again
               "2026-11-01",
               "",  # 届次 [15] from the year's latest proposal
               "4"]
    code, screen = terminal(content, "proposal", answers=answers)
    assert code == 0, screen
    assert "提案号 [0042]" in screen and "1) 经济建设" in screen and "2) 城市建设" in screen
    assert "「9」不是可选的值" in screen and "没有 13 月" in screen and "已创建" in screen
    meta = meta_of(content / "proposals/2026/0042.md")
    assert meta["category"] == "城市建设" and "sector" not in meta
    assert meta["term"] == 15 and meta["session"] == 4 and str(meta["submitted"]) == "2026-11-01"
    assert check(content).returncode == 0


def test_interactive_reply_lists_waiting_proposals(make_content):
    content = make_content([assigned_proposal("0001"), assigned_proposal("0002", handling="lead_co",
                                                                         co_units=["区民政局"]),
                            response("2026-0001")])
    answers = ["1",  # 2026-0002 is the one still waiting, so it is listed first
               "",  # 答复单位: the first that has not replied (区发改委, 主办)
               "",  # date: today
               "A", "测发改〔2026〕9号", "", ""]
    code, screen = terminal(content, "response", answers=answers)
    assert code == 0, screen
    assert "1) 2026-0002 关于第0002号事项的建议（待答复：区发改委）" in screen and "2) 2026-0001" in screen
    meta = meta_of(content / "responses/2026/0002-fgw.md")
    assert meta["role"] == "lead" and meta["result"] == "A" and meta["doc_no"] == "测发改〔2026〕9号"
    paste_body(content / "responses/2026/0002-fgw.md")
    assert check(content).returncode == 0

    # A second reply of the same unit: asked whether it is a re-reply; "no" writes nothing.
    code, screen = terminal(content, "response", answers=["2026-0001", "fgw", "n"])
    assert code == 1 and "重新答复" in screen and "直接编辑 content/responses/2026/0001-fgw.md" in screen
    assert not (content / "responses/2026/0001-fgw-2.md").exists()


def test_closing_the_input_cancels(make_content):
    content = make_content([proposal("0001")])
    code, screen = terminal(content, "announcement", answers=["公告标题"], close_input=True)
    assert code == 1 and "已取消，没有写入任何文件" in screen
    assert files(content) == ["proposals/2026/0001.md"]


def build_on_terminal(content, out, ci):
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8", TERM="xterm")
    env.pop("CI", None)
    if ci:
        env["CI"] = "true"
    return run_on_terminal([PYTHON, str(ROOT / "build.py"), "build", "--content", str(content), "--output", str(out)],
                           env=env)


def test_build_shows_progress_on_a_terminal_and_stays_quiet_in_ci(make_content, tmp_path):
    content = make_content([proposal(f"{n:04d}") for n in range(1, 6)])
    code, screen = build_on_terminal(content, tmp_path / "a", ci=False)
    assert code == 0, screen
    assert "生成页面" in screen and "100%" in screen and "网站已生成" in screen
    code, screen = build_on_terminal(content, tmp_path / "b", ci=True)
    assert code == 0, screen
    assert "生成页面" not in screen and "\033[K" not in screen and "网站已生成" in screen
    captured = build(content, tmp_path / "c")  # output captured, not a terminal: quiet too
    assert captured.returncode == 0 and "生成页面" not in captured.stderr + captured.stdout


def counted(screen):
    """(files, written, reused) from the build's last progress line."""
    import re

    (found,) = re.findall(r"共 (\d+) 个文件（新生成 (\d+)，沿用上次 (\d+)） / \1 files \(\2 written, \3 reused\)", screen)
    return tuple(int(n) for n in found)


def test_the_progress_count_at_the_end_is_the_number_of_files_in_the_output(make_content, tmp_path):
    content = make_content([proposal(f"{n:04d}") for n in range(1, 6)])
    out = tmp_path / "site"
    code, screen = build_on_terminal(content, out, ci=False)
    assert code == 0, screen
    files = [p for p in out.rglob("*") if p.is_file()]
    assert counted(screen) == (len(files), len(files), 0)

    write_tree(content, dict([proposal("0006")]))  # pages, feeds and twins of it made, the rest reused
    code, screen = build_on_terminal(content, out, ci=False)
    assert code == 0, screen
    total, written, reused = counted(screen)
    assert total == len([p for p in out.rglob("*") if p.is_file()]) == written + reused
    assert written > 0 and reused > 0


# Run a script allowing, from site-packages, only the given top-level modules: what a fresh
# pre-commit environment with the hook's additional_dependencies would have.
ONLY_THESE = r"""
import importlib.machinery, runpy, sys, sysconfig
allowed, script, args = set(sys.argv[1].split(",")), sys.argv[2], sys.argv[3:]
site = sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]

class OnlyDeclared:
    def find_spec(self, name, path=None, target=None):
        if "." in name or name in allowed:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec and spec.origin and spec.origin.startswith(site):
            raise ImportError(f"{name} is not among the hook's additional_dependencies")
        return None

sys.meta_path.insert(0, OnlyDeclared())
sys.argv = [script, *args]
runpy.run_path(script, run_name="__main__")
"""
MODULES = {"PyYAML": ["yaml", "_yaml"], "Unidecode": ["unidecode"], "pypinyin": ["pypinyin"], "Markdown": ["markdown"], "nh3": ["nh3"]}


def test_pre_commit_hook_runs_check_and_refuses_broken_content(make_content, tmp_path):
    import re
    import shutil

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "gongkai-check"]
    assert hook["entry"] == "python build.py check" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "content/proposals/2026/0001.md") and not re.search(hook["files"], "README.md")
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().split() if "==" in line)
    for dep in hook["additional_dependencies"]:
        name, version = dep.split("==")
        assert pins[name] == version, f"{dep} differs from requirements.txt"
    allowed = ",".join(m for dep in hook["additional_dependencies"] for m in MODULES[dep.split("==")[0]])

    repo = tmp_path / "repo"  # a checkout: build.py, the plugins and its content
    repo.mkdir()
    shutil.copy(ROOT / "build.py", repo / "build.py")
    shutil.copytree(ROOT / "plugins", repo / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(make_content([proposal("0001")]), repo / "content")

    def run_hook():
        return subprocess.run([PYTHON, "-c", ONLY_THESE, allowed, "build.py", "check"], cwd=repo,
                              capture_output=True, text=True, env=dict(os.environ, PYTHONIOENCODING="utf-8"))

    ok = run_hook()
    assert ok.returncode == 0, ok.stderr
    file = repo / "content/proposals/2026/0001.md"
    file.write_text(file.read_text(encoding="utf-8").replace("经济建设", "体育"), encoding="utf-8")
    broken = run_hook()
    assert broken.returncode == 1 and "「体育」不在 site.yaml 的提案类别列表中" in broken.stderr


def test_staff_guide_shows_each_message_exactly_as_check_prints_it():
    from staff import error_catalogue

    guide = (ROOT / "docs/staff-guide.md").read_text(encoding="utf-8")
    results = error_catalogue.run()  # each case really checked; a case check does not report fails here
    assert error_catalogue.section_of(guide) == error_catalogue.markdown(results), (
        "docs/staff-guide.md is out of date: run python plugins/staff/error_catalogue.py docs/staff-guide.md")
    assert len(results) >= 60 and all(r.case.fix for r in results)
    for command in ("new proposal", "new response", "new announcement", "build.py serve", "build.py check",
                    "pre-commit install", "【不显示差异】"):
        assert command in guide

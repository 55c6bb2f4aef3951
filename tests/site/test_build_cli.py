"""The build and check commands as staff and CI use them."""
import os
import re
import subprocess
import sys

from conftest import ROOT, SOURCE_DATE_EPOCH, assigned_proposal, build, proposal, response, run_cli, write_tree


def test_check_passes_on_good_content(make_content):
    result = run_cli("check", "--content", str(make_content([assigned_proposal(), response()])))
    assert result.returncode == 0, result.stderr
    assert "内容检查通过：1 件提案，1 份答复" in result.stdout


def test_check_fails_with_every_problem_and_no_traceback(make_content):
    content = make_content([proposal(category="经济建"), ("proposals/2026/0002.md", "---\na: [\n---\n"),
                            response("2026-0009")])
    result = run_cli("check", "--content", str(content))
    assert result.returncode == 1
    err = result.stderr
    assert "Traceback" not in err
    assert "proposals/2026/0001.md:" in err and "[category]" in err and "您是不是要写「经济建设」" in err
    assert re.search(r"proposals/2026/0002.md:\d+ 错误：元数据（YAML）格式有误", err)
    assert "responses/2026/0009-fgw.md:" in err and "找不到这件提案" in err
    assert "3 error(s)" in err


def test_failed_build_leaves_previous_output_exactly_as_it_was(tmp_path, make_content):
    content = make_content([assigned_proposal(), response()])
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (content / "proposals/2026/0001.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = build(content, out)
    assert result.returncode == 1
    assert "原有的 output 保持不变" in result.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert sorted(leftovers) == [".gongkai-cache", ".site.lock"]  # no staging folder left behind


def test_successful_rebuild_replaces_output(tmp_path, make_content):
    content = make_content([proposal("0001")])
    out = tmp_path / "site"
    build(content, out)
    (out / "stale.html").write_text("old", encoding="utf-8")
    write_tree(content, dict([proposal("0002")]))
    assert build(content, out).returncode == 0
    assert not (out / "stale.html").exists()
    assert (out / "proposals/2026/0002/index.html").is_file()


def test_build_of_missing_content_folder_fails_cleanly(tmp_path):
    result = run_cli("build", "--content", str(tmp_path / "nope"), "--output", str(tmp_path / "out"))
    assert result.returncode == 1 and "内容文件夹不存在" in result.stderr
    assert not (tmp_path / "out").exists()


def test_plain_pelican_builds_the_same_site(tmp_path):
    out = tmp_path / "pelican-out"
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    result = subprocess.run([sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"),
                             "-o", str(out)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "proposals/2023/0110/index.html").is_file()
    assert (out / "feeds/all.atom.xml").is_file() and (out / "data/proposals.json").is_file()


def test_plain_pelican_refuses_bad_content(tmp_path, make_content):
    content = make_content([proposal(category="不存在")])
    result = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
                             "-o", str(tmp_path / "o")], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode != 0
    output = re.sub(r"\s+", "", result.stdout + result.stderr)  # Pelican's console wraps long lines
    assert "不在site.yaml的提案类别列表中" in output and "proposals/2026/0001.md" in output

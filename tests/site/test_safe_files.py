"""`check` and `build` on content made to leak or to hang: each ends, names the file, publishes nothing bad.

The timeouts below are not timings: a command that never ends (as these did) fails the
test instead of hanging the suite.
"""
import os

from conftest import ROOT, assigned_proposal, build, proposal, response, run_cli, site_yaml, write_tree
from bs4 import BeautifulSoup

BASE = "https://zx.example.org"
PNG = (ROOT / "themes/gongkai/static/img/apple-touch-icon.png").read_bytes()
ENDS = 120  # seconds; each of these commands takes one or two

BOMB = """---
number: "0002"
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
"""


def check(content):
    return run_cli("check", "--content", str(content), timeout=ENDS)


def test_a_yaml_alias_bomb_ends_with_an_error_naming_file_and_line(make_content, tmp_path):
    content = make_content([proposal(), ("proposals/2026/0002.md", BOMB)])
    result = check(content)
    assert result.returncode == 1
    assert "proposals/2026/0002.md:3" in result.stderr and "锚点和别名" in result.stderr
    assert "anchors or aliases" in result.stderr
    out = tmp_path / "out"
    result = run_cli("build", "--content", str(content), "--output", str(out), timeout=ENDS)
    assert result.returncode == 1 and "锚点和别名" in result.stderr and not out.exists()


def test_deeply_nested_front_matter_ends_with_an_error_not_a_crash(make_content):
    deep = "---\ntags: " + "[" * 500_000 + "]" * 500_000 + "\n---\n"  # libyaml's composer recursed until it crashed
    content = make_content([proposal(), ("proposals/2026/0002.md", deep)])
    result = check(content)
    assert result.returncode == 1
    assert "proposals/2026/0002.md:2" in result.stderr and "嵌套超过" in result.stderr


def test_a_loop_of_folder_links_ends_and_names_the_links(make_content, tmp_path):
    content = make_content([proposal()])
    (content / "proposals/2026/a").symlink_to("..")
    (content / "proposals/2026/b").symlink_to("..")
    result = check(content)
    assert result.returncode == 1
    assert "proposals/2026/a" in result.stderr and "proposals/2026/b" in result.stderr
    assert "指向文件夹的符号链接" in result.stderr
    out = tmp_path / "out"
    result = build(content, out)  # hashes the inputs and renders ahead before checking: those walk too
    assert result.returncode == 1 and "proposals/2026/a" in result.stderr and not out.exists()


def test_a_pipe_named_like_an_entry_does_not_stop_check(make_content):
    content = make_content([proposal()])
    os.mkfifo(content / "proposals/2026/0002.md")
    result = check(content)
    assert result.returncode == 1 and "proposals/2026/0002.md" in result.stderr and "不是普通文件" in result.stderr


def test_a_reply_linked_from_outside_the_content_folder_is_not_published(tmp_path):
    path, text = response(body="外部文件中的答复正文")
    outside = tmp_path / "private" / "reply.md"
    write_tree(tmp_path / "private", {"reply.md": text})
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(), **dict([assigned_proposal()])})
    (content / path).parent.mkdir(parents=True)
    (content / path).symlink_to(outside)
    out = tmp_path / "out"
    result = build(content, out)
    assert result.returncode == 1
    assert f"{path} 错误" in result.stderr and "内容文件夹之外" in result.stderr
    assert not out.exists()


def test_share_image_cannot_replace_the_home_page(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(share_image="index.html"),
                                                "index.html": "<html>冒充的首页</html>", **dict([proposal()])})
    out = tmp_path / "out"
    result = build(content, out)
    assert result.returncode == 1
    assert "site.yaml:" in result.stderr and "[share_image]" in result.stderr and "只能是 PNG、JPEG、WebP 或 SVG 图片" in result.stderr
    assert not out.exists()


def test_share_image_is_published_beside_never_over_the_generated_files(tmp_path):
    theme_icon = (ROOT / "themes/gongkai/static/img/apple-touch-icon.png").read_bytes()
    mine = PNG + b"\0staff's own card"  # still a PNG by its bytes, different from the theme's file
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(share_image="theme/img/apple-touch-icon.png"),
                                                "theme/img/apple-touch-icon.png": mine, **dict([proposal()])})
    out = tmp_path / "out"
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    assert (out / "theme/img/apple-touch-icon.png").read_bytes() == theme_icon
    assert (out / "share/apple-touch-icon.png").read_bytes() == mine
    soup = BeautifulSoup((out / "proposals/2026/0001/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("meta", property="og:image")["content"] == f"{BASE}/share/apple-touch-icon.png"

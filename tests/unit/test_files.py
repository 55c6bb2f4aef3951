"""Which files the core reads: links out of the content folder, folder links, size cap, YAML
anchors and nesting, and site.yaml share_image (disclosure/files.py, disclosure/source.py).

The cases that used to hang (an alias bomb, two folder links to .., a pipe) are run through
`build.py check` in tests/site/test_safe_files.py, so a regression fails instead of hanging.
"""
from conftest import ROOT, proposal, response, assigned_proposal
from disclosure import files
from disclosure.site import load_site
from disclosure.source import read_text_document

PNG = (ROOT / "themes/gongkai/static/img/apple-touch-icon.png").read_bytes()
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="10" height="10"/></svg>\n'


def errors(site):
    return [p for p in site.report.errors]


# --- links --------------------------------------------------------------------------

def test_a_link_to_a_file_outside_the_content_folder_is_an_error_naming_it(make_content, tmp_path):
    path, text = proposal("0002", title="外部文件的标题")
    outside = tmp_path / "elsewhere.md"
    outside.write_text(text, encoding="utf-8")
    content = make_content([proposal()])
    (content / path).symlink_to(outside)
    site = load_site(content)
    [problem] = errors(site)
    assert problem.path == "proposals/2026/0002.md"
    assert "符号链接" in problem.zh and "内容文件夹之外" in problem.zh and "outside the content folder" in problem.en
    assert "2026-0002" not in site.proposals  # not read, so not published anywhere
    assert "2026-0001" in site.proposals


def test_a_link_to_a_file_inside_the_content_folder_is_read(make_content):
    path, text = proposal("0002")
    content = make_content([proposal(), ("drafts/0002.txt", text)])
    (content / path).symlink_to(content / "drafts/0002.txt")
    site = load_site(content)
    assert not site.report.errors and "2026-0002" in site.proposals


def test_a_link_to_a_folder_is_reported_and_not_followed(make_content):
    content = make_content([proposal()])
    (content / "proposals/2026/up").symlink_to("..")  # two such links made the walk endless: test_safe_files
    site = load_site(content)
    [problem] = errors(site)
    assert problem.path == "proposals/2026/up" and "指向文件夹的符号链接" in problem.zh
    assert list(site.proposals) == ["2026-0001"]  # read once, not again through the link


def test_a_kind_folder_that_is_a_link_is_reported(make_content, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    path, text = response()
    (outside / "2026").mkdir()
    (outside / "2026" / path.rsplit("/", 1)[1]).write_text(text, encoding="utf-8")
    content = make_content([assigned_proposal()])
    (content / "responses").symlink_to(outside)
    site = load_site(content)
    [problem] = errors(site)
    assert problem.path == "responses" and "符号链接" in problem.zh
    assert not site.responses


def test_site_yaml_linked_from_outside_is_not_read(make_content, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("密码: 123456\n", encoding="utf-8")
    content = make_content([proposal()])
    (content / "site.yaml").unlink()
    (content / "site.yaml").symlink_to(outside)
    report = load_site(content).report
    [problem] = [p for p in report.errors if p.path == "site.yaml"]
    assert "内容文件夹之外" in problem.zh and "123456" not in report.format()


# --- size -----------------------------------------------------------------------------

def test_a_file_over_the_size_cap_is_an_error_and_is_not_read_whole(make_content):
    path, text = proposal("0002")
    content = make_content([proposal(), (path, text + "正" * files.MAX_BYTES)])
    site = load_site(content)
    [problem] = errors(site)
    assert problem.path == path and "超过 2 MB" in problem.zh and "larger than 2 MB" in problem.en
    assert "2026-0002" not in site.proposals


def test_a_file_just_under_the_cap_is_read(make_content):
    path, text = proposal("0002")
    padding = files.MAX_BYTES - len(text.encode("utf-8")) - 1
    content = make_content([(path, text + "x" * padding + "\n")])
    assert (content / path).stat().st_size == files.MAX_BYTES
    assert "2026-0002" in load_site(content).proposals



def test_read_capped_reads_whole_files_up_to_the_cap_and_nothing_over_it(tmp_path):
    """Around the cap, and files longer than one read (os.read in pieces of up to 64 KB past the size)."""
    file = tmp_path / "f.md"
    for size, limit in [(0, 10), (9, 10), (10, 10), (11, 10), (300_000, 300_000), (300_001, 300_000),
                        (300_000, 10**6)]:
        data = bytes(i % 251 for i in range(size))
        file.write_bytes(data)
        assert files.read_capped(file, limit) == (data if size <= limit else None), (size, limit)

# --- YAML anchors, aliases and nesting ----------------------------------------------

def test_an_alias_in_front_matter_is_an_error_with_its_line():
    src = read_text_document("proposals/2026/0001.md", "---\ntitle: &t 关于公园的建议\nsummary: *t\n---\n正文\n")
    [problem] = src.problems
    assert problem.line == 2  # the anchor, the first of the two
    assert "锚点和别名" in problem.zh and "anchors or aliases" in problem.en
    assert src.meta == {}


def test_a_merge_key_is_an_error():
    text = "---\nbase: &b {category: 经济建设}\nother:\n  <<: *b\n---\n"
    [problem] = read_text_document("p.md", text).problems
    assert problem.line == 2 and "锚点和别名" in problem.zh


def test_ampersand_and_asterisk_in_quoted_text_are_fine():
    src = read_text_document("p.md", '---\ntitle: "A&B 的 *重点* 建议"\ntags: ["&", "*"]\n---\n')
    assert not src.problems and src.meta["title"] == "A&B 的 *重点* 建议"


def test_site_yaml_rejects_aliases_too(make_content):
    from conftest import site_yaml
    text = site_yaml().replace("body: 政协测试区委员会", "body: &b 政协测试区委员会\ndescription: *b")
    content = make_content([proposal()], site=text)
    [problem] = [p for p in errors(load_site(content)) if p.path == "site.yaml"]
    assert problem.line == 1 and "锚点和别名" in problem.zh


def test_deep_nesting_is_an_error():
    deep = "---\ntags: " + "[" * 25 + "]" * 25 + "\n---\n"  # 500,000 levels crashed check: test_safe_files
    [problem] = read_text_document("p.md", deep).problems
    assert problem.line == 2 and "嵌套超过" in problem.zh and "nested more than" in problem.en


# --- share_image -------------------------------------------------------------------

def share_problem(make_content, value, extra=()):
    content = make_content([proposal(), *extra], share_image=value)
    site = load_site(content)
    return [p for p in site.report.problems if p.key == "share_image"], site


def test_share_image_may_be_a_png_or_svg_in_the_content_folder_or_a_url(make_content):
    for value, extra in [("images/card.png", [("images/card.png", PNG)]), ("card.svg", [("card.svg", SVG)]),
                         ("https://cdn.example.org/card.png", [])]:
        problems, site = share_problem(make_content, value, extra)
        assert problems == [], value
        assert not site.report.errors
    problems, site = share_problem(make_content, "images/card.png", [("images/card.png", PNG)])
    assert site.share_image_file.read_bytes() == PNG


def test_share_image_that_is_not_an_image_is_a_staff_error(make_content):
    withheld = response(disclosure="withheld", body="不予公开的答复正文")
    cases = {
        withheld[0]: ([assigned_proposal(), withheld], "只能是 PNG、JPEG、WebP 或 SVG"),
        "index.html": ([("index.html", "<html>首页</html>")], "只能是 PNG、JPEG、WebP 或 SVG"),
        "fake.png": ([("fake.png", "<html>不是图片</html>")], "文件内容不是 PNG 图片"),
        "card.jpg": ([("card.jpg", PNG)], "文件内容不是 JPEG 图片"),
        "missing.png": ([], "内容文件夹中没有这个文件"),
        "../outside.png": ([], "必须在内容文件夹之内"),
        "javascript:alert(1)": ([], "网址只能以 https:// 或 http:// 开头"),
        "//evil.example/card.png": ([], "网址只能以 https:// 或 http:// 开头"),
        "https://": ([], "网址不完整"),
    }
    for value, (extra, says) in cases.items():
        problems, _ = share_problem(make_content, value, extra)
        assert len(problems) == 1, value
        [p] = problems
        assert says in p.zh, (value, p.zh)
        assert p.path == "site.yaml" and p.line and p.value == value
        assert p.allowed == files.SHARE_IMAGE_ALLOWED and "*.png" in p.allowed and "https://" in p.allowed
        assert p.is_error and p.en


def test_share_image_through_a_link_out_of_the_content_folder_is_refused(make_content, tmp_path):
    secret = tmp_path / "shadow.png"
    secret.write_bytes(PNG)  # even a real image: nothing outside the content folder is copied
    content = make_content([proposal()], share_image="card.png")
    (content / "card.png").symlink_to(secret)
    [problem] = [p for p in load_site(content).report.errors if p.key == "share_image"]
    assert "必须在内容文件夹之内" in problem.zh


def test_svg_share_image_with_a_script_is_refused(make_content):
    bad = {
        "script.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "onload.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "link.svg": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
                    b'<a x:href=" javascript:alert(1)"><rect/></a></svg>',
        "entity.svg": b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        "html.svg": b'<html><body><svg xmlns="http://www.w3.org/2000/svg"/></body></html>',
    }
    for name, data in bad.items():
        problems, _ = share_problem(make_content, name, [(name, data)])
        assert len(problems) == 1, name
        assert "SVG" in problems[0].zh, (name, problems[0].zh)


def test_image_kinds_are_told_by_their_bytes():
    assert files.image_kind(PNG) == "png"
    assert files.image_kind(b"\xff\xd8\xff\xe0" + b"\0" * 20) == "jpeg"
    assert files.image_kind(b"RIFF\x24\0\0\0WEBPVP8 ") == "webp"
    assert files.image_kind(SVG) == "svg"
    assert files.image_kind(b"<html>") is None and files.image_kind(b"") is None

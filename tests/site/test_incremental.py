"""Incremental builds: after each kind of change, the output is byte-for-byte a cold build's."""
import os
import shutil

import pytest

from conftest import ROOT, build, front_matter, run_cli
from gongkai_build import manifest as manifests

SITE_URL = "https://zx.example.org"


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def folders(out):
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir()}


def assert_same_as_cold(content, out, tmp_path, label, settings=None):
    args = ["build", "--content", str(content), "--output", str(out), "--site-url", SITE_URL]
    cold = tmp_path / f"cold-{label}"
    cold_args = ["build", "--content", str(content), "--output", str(cold), "--site-url", SITE_URL]
    if settings:
        args += ["--settings", str(settings)]
        cold_args += ["--settings", str(settings)]
    incremental = run_cli(*args)
    assert incremental.returncode == 0, incremental.stderr
    assert run_cli(*cold_args).returncode == 0
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b), (label, set(a) ^ set(b))
    differ = [name for name in a if a[name] != b[name]]
    assert differ == [], (label, differ[:10])
    assert folders(out) == folders(cold), (label, folders(out) ^ folders(cold))  # no folder left empty
    return incremental


@pytest.fixture
def sample_copy(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def test_each_kind_of_change_gives_the_cold_output(tmp_path, sample_copy):
    content, out = sample_copy, tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    untouched = out / "proposals/2024/0078/index.html"
    inode = untouched.stat().st_ino

    # nothing changed: recognised, nothing rewritten
    result = run_cli("build", "--content", str(content), "--output", str(out), "--site-url", SITE_URL)
    assert "没有变化" in result.stdout and untouched.stat().st_ino == inode

    # a new reply
    (content / "responses/2026/0203-mz.md").write_text(front_matter(
        {"proposal": "2026-0203", "unit": "区民政局", "role": "lead", "date": "2026-11-20", "result": "B",
         "doc_no": "黄民提〔2026〕9号"}, "新的答复：已列入明年计划。"), encoding="utf-8")
    assert_same_as_cold(content, out, tmp_path, "new-reply")
    assert untouched.stat().st_ino == inode  # an unrelated page was reused, not rendered again

    # an edited proposal
    path = content / "proposals/2025/0042.md"
    path.write_text(path.read_text(encoding="utf-8").replace("建议", "意见", 1), encoding="utf-8")
    assert_same_as_cold(content, out, tmp_path, "edited")

    # a deleted announcement
    (content / "announcements/2026/proposal-results-2025.md").unlink()
    assert_same_as_cold(content, out, tmp_path, "deleted")

    # a changed site.yaml (a unit's short name shows on many pages)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("区发改委", "区发展改革委"), encoding="utf-8")
    for f in content.rglob("*.md"):
        text = f.read_text(encoding="utf-8")
        if "区发改委" in text:
            f.write_text(text.replace("区发改委", "区发展改革委"), encoding="utf-8")
    assert_same_as_cold(content, out, tmp_path, "site-yaml")


def test_an_open_data_collection_none_of_whose_items_changed_is_reused(tmp_path, sample_copy):
    content, out = sample_copy, tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    notices, proposals = out / "data/announcements.json", out / "data/proposals.json"
    before = notices.stat().st_ino, proposals.read_bytes()
    path = content / "proposals/2024/0078.md"  # no announcement or reply shows this proposal
    path.write_text(path.read_text(encoding="utf-8").replace("建议", "意见", 1), encoding="utf-8")
    assert_same_as_cold(content, out, tmp_path, "edited")
    assert notices.stat().st_ino == before[0]  # linked from the last build, not written again
    assert proposals.read_bytes() != before[1]  # while the proposals' collection shows the edit


def test_a_changed_template_renders_again(tmp_path, sample_copy):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes/gongkai", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"THEME = {str(theme)!r}\n", encoding="utf-8")
    out = tmp_path / "site"
    args = ["build", "--content", str(sample_copy), "--output", str(out), "--site-url", SITE_URL,
            "--settings", str(settings)]
    assert run_cli(*args).returncode == 0
    template = theme / "templates/proposal.html"
    template.write_text(template.read_text(encoding="utf-8").replace("办理过程", "办理全过程"), encoding="utf-8")
    assert_same_as_cold(sample_copy, out, tmp_path, "template", settings=settings)
    assert "办理全过程" in (out / "proposals/2023/0110/index.html").read_text(encoding="utf-8")


def test_plain_folder_builds_leave_no_cache_inside_the_output(tmp_path, sample_copy):
    out = tmp_path / "site"
    assert build(sample_copy, out, SITE_URL).returncode == 0
    assert not any(p.name.startswith(".gongkai") for p in out.rglob("*"))
    assert (tmp_path / ".gongkai-cache" / "site" / manifests.NAME).is_file()
    os.remove(tmp_path / ".gongkai-cache" / "site" / manifests.NAME)  # a lost cache means a cold build
    assert_same_as_cold(sample_copy, out, tmp_path, "no-manifest")


def test_a_cut_off_manifest_is_not_trusted_and_an_older_versions_json_one_goes(tmp_path, sample_copy):
    """The manifest is marshal (gongkai_build/manifest.py): one cut off half-way reads as none (a
    cold build's output), and the manifest.json builds before it wrote, which names the pages of
    the site it described, leaves the cache with the first manifest written now."""
    out = tmp_path / "site"
    assert build(sample_copy, out, SITE_URL).returncode == 0
    cache = tmp_path / ".gongkai-cache" / "site"
    data = (cache / manifests.NAME).read_bytes()
    (cache / manifests.NAME).write_bytes(data[:len(data) // 2])
    assert manifests.read(cache / manifests.NAME) is None
    (cache / manifests.OLD_NAME).write_text('{"files": {"responses/2023/withdrawn-letter/index.html": "0"}}',
                                            encoding="utf-8")
    assert_same_as_cold(sample_copy, out, tmp_path, "cut-manifest")
    assert not (cache / manifests.OLD_NAME).exists()
    assert manifests.read(cache / manifests.NAME)["files"]

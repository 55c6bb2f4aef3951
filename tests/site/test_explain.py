"""`python build.py explain PATH` says whether the last build made or reused an output, and from what."""
import shutil

from conftest import ROOT, SOURCE_DATE_EPOCH, run_cli

SITE_URL = "https://zx.example.org"


def build_on(content, out, days_later):
    env = {"SOURCE_DATE_EPOCH": str(int(SOURCE_DATE_EPOCH) + days_later * 86400)}
    result = run_cli("build", "--content", str(content), "--output", str(out), "--site-url", SITE_URL, env=env)
    assert result.returncode == 0, result.stderr


def explain(out, path):
    return run_cli("explain", path, "--output", str(out))


def test_explain_after_a_next_day_and_an_edit(tmp_path):
    content, out = tmp_path / "content", tmp_path / "site"
    shutil.copytree(ROOT / "content", content)
    build_on(content, out, 0)
    first = explain(out, "proposals/2024/0078/")
    assert first.returncode == 0 and "made: new" in first.stdout  # a cold build made everything

    build_on(content, out, 1)  # the next day
    closed = explain(out, "proposals/2024/0078/")
    assert closed.returncode == 0, closed.stderr
    assert "reused" in closed.stdout and "date       settled" in closed.stdout
    assert all(f"  {part}" in closed.stdout for part in ("entry", "proposers", "code", "site.yaml"))
    pending = explain(out, "/proposals/2026/0203")
    assert "made: inputs changed: date" in pending.stdout and "2026-11-24" in pending.stdout

    path = content / "proposals/2024/0078.md"
    path.write_text(path.read_text(encoding="utf-8").replace("建议", "意见", 1), encoding="utf-8")
    build_on(content, out, 1)  # the same day, one proposal edited
    edited = explain(out, "proposals/2024/0078/index.html")
    assert "made: inputs changed: entry" in edited.stdout
    assert "reused" in explain(out, "proposals/2026/0203/").stdout

    assert "always made" in explain(out, "").stdout  # the home page reads the whole site
    missing = explain(out, "no/such/page/")
    assert missing.returncode == 1 and "no/such/page/index.html" in missing.stderr


def test_explain_names_the_templates_when_only_a_template_changed(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes/gongkai", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"THEME = {str(theme)!r}\n", encoding="utf-8")
    out = tmp_path / "site"
    args = ["build", "--content", str(ROOT / "content"), "--output", str(out), "--site-url", SITE_URL,
            "--settings", str(settings)]
    assert run_cli(*args).returncode == 0
    template = theme / "templates/proposal.html"
    template.write_text(template.read_text(encoding="utf-8").replace("办理过程", "办理全过程"), encoding="utf-8")
    assert run_cli(*args).returncode == 0
    page = explain(out, "proposals/2024/0078/")
    assert "made: inputs changed: templates" in page.stdout, page.stdout
    assert "made: inputs changed: templates" in explain(out, "proposals/").stdout  # a listing: only the theme

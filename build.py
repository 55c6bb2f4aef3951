#!/usr/bin/env python3
"""Gongkai command line: check content, build the site.

    python build.py check [--content DIR]
    python build.py build [--content DIR] [--output DIR] [--site-url URL]
    python build.py new proposal|response|announcement [options]   (plugins/staff/new_entry.py)
    python build.py serve [--port 8000]                              (plugins/staff/serve.py)
    python build.py import reply LETTER.docx|.pdf [options]          (plugins/staff/importing/)
    python build.py import register SHEET.xlsx|.csv [--apply]        (plugins/staff/importing/)

Thin on purpose: parses arguments, asks the core to check, asks Pelican to build.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "plugins"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Gongkai: 政协提案全周期公开")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查内容 / check the content")
    check.add_argument("--content", default=str(HERE / "content"))
    build = sub.add_parser("build", help="生成网站 / build the site")
    build.add_argument("--content", default=str(HERE / "content"))
    build.add_argument("--output", default=str(HERE / "output"))
    build.add_argument("--site-url", default=None, help="public address, e.g. https://zx.example.gov.cn")
    build.add_argument("--settings", default=str(HERE / "pelicanconf.py"))
    from staff import new_entry

    new_entry.add_arguments(sub.add_parser("new", help="新建条目 / write a new entry"), str(HERE / "content"))
    from staff.importing import command as importing

    importing.add_arguments(sub.add_parser("import", help="导入答复函、登记表 / import letters and registers"),
                            str(HERE / "content"))
    serve = sub.add_parser("serve", help="本地预览，保存即刷新 / live preview on localhost")
    serve.add_argument("--content", default=str(HERE / "content"))
    serve.add_argument("--output", default=str(HERE / "output"))
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--settings", default=str(HERE / "pelicanconf.py"))
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(Path(args.content))
    if args.command == "new":
        return new_entry.run(args)
    if args.command == "import":
        return importing.run(args)
    if args.command == "serve":
        from staff.serve import serve

        return serve(Path(args.content), Path(args.output), Path(args.settings), port=args.port)
    return run_build(Path(args.content), Path(args.output), args.site_url, Path(args.settings))


def run_check(content: Path) -> int:
    return check_content(content)[0]


def check_content(content: Path):
    """Load and check the content once; print the report; return (exit code, Site)."""
    from disclosure.site import load_site

    site = load_site(content)
    report = site.report
    if report.problems:
        print(report.format(), file=sys.stderr)
    if report.ok:
        print(f"内容检查通过：{len(site.proposals)} 件提案，{len(site.responses)} 份答复，"
              f"{len(site.announcements)} 条公告。 / Content OK.")
        return 0, site
    return 1, site


def _parsed_cache(output: Path) -> Path:
    from gongkai_build import cache_dir_for

    return cache_dir_for(output.resolve()) / "parsed.pickle"


def run_build(content: Path, output: Path, site_url: str | None, settings_file: Path) -> int:
    from collector import tuned_for_build

    with tuned_for_build():
        return _build(content, output, site_url, settings_file)


def _build(content: Path, output: Path, site_url: str | None, settings_file: Path) -> int:
    """Check, then build; while this process reads the content, other cores render its Markdown
    (a first build) and a thread makes the new output's folders (a rebuild): docs/performance.md."""
    from collector import keep_loaded
    from disclosure import source
    from gongkai_build import build_site, cache_dir_for, finish_renders, input_key, render_ahead, up_to_date
    from staff.progress import build_progress
    from staging import Staging

    renders = render_ahead(content, output)
    staging = None
    try:
        key = input_key(content, output, site_url, settings_file) if content.is_dir() else None
        if key and up_to_date(content, output, site_url, settings_file, key):
            print(f"内容和设置都没有变化，网站已是最新：{output} / Nothing changed; {output} is up to date.")
            return 0
        staging = Staging(output.resolve(), cache_dir_for(output.resolve()) / "manifest.json")
        source.use_parsed(_parsed_cache(output))  # front matter parsed by the last build into this output
        code, site = check_content(content)
        if code != 0:
            print("网站没有生成，原有的 output 保持不变。 / The site was not built; the previous output is unchanged.",
                  file=sys.stderr)
            return 1
        finish_renders(renders)
        keep_loaded()
        try:
            with build_progress():
                outcome = build_site(content, output, site_url, settings_file, site=site, key=key, staging=staging)
        except Exception as exc:  # an internal failure, not a content mistake: keep the old site
            print(f"生成失败，原有的 output 保持不变。 / Build failed; the previous output is unchanged.\n"
                  f"{type(exc).__name__}: {exc}", file=sys.stderr)
            if os.environ.get("GONGKAI_DEBUG"):
                raise
            return 2
        staging = None  # swapped in
    finally:
        if renders is not None:
            renders.cancel()
        if staging is not None:
            staging.remove()
    source.save_parsed(_parsed_cache(output))
    if outcome == "unchanged":
        print(f"内容和设置都没有变化，网站已是最新：{output} / Nothing changed; {output} is up to date.")
    else:
        print(f"网站已生成：{output} / Site built in {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

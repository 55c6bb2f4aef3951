#!/usr/bin/env python3
"""Gongkai command line: check content, build the site.

    python build.py check [--content DIR]
    python build.py build [--content DIR] [--output DIR] [--site-url URL]
    python build.py explain PATH [--output DIR]                      (plugins/gongkai_build/explain.py)
    python build.py new proposal|response|announcement [options]   (plugins/staff/new_entry.py)
    python build.py serve [--port 8000]                              (plugins/staff/serve.py)
    python build.py import reply LETTER.docx|.pdf|.ofd [options]     (plugins/staff/importing/)
    python build.py import register SHEET.xlsx|.csv [--apply]        (plugins/staff/importing/)

Thin on purpose: parses arguments, asks the core to check, asks Pelican to build.
"""
from __future__ import annotations

import argparse
import errno
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
    check.add_argument("--settings", default=None, help="Pelican settings naming the content kinds (DISCLOSURE_KINDS)")
    build = sub.add_parser("build", help="生成网站 / build the site")
    build.add_argument("--content", default=str(HERE / "content"))
    build.add_argument("--output", default=str(HERE / "output"))
    build.add_argument("--site-url", default=None, help="public address, e.g. https://zx.example.gov.cn")
    build.add_argument("--settings", default=str(HERE / "pelicanconf.py"))
    explain = sub.add_parser("explain", help="说明上次生成为何重做或沿用某个文件 / why an output was made or reused")
    explain.add_argument("path", help="path inside the output, e.g. proposals/2026/0001/")
    explain.add_argument("--output", default=str(HERE / "output"))
    argv = sys.argv[1:] if argv is None else argv
    new = sub.add_parser("new", help="新建条目 / write a new entry")
    if argv[:1] == ["new"]:  # the staff commands' modules only when asked for: a build need not import them
        from staff import new_entry

        new_entry.add_arguments(new, str(HERE / "content"))
    imports = sub.add_parser("import", help="导入答复函、登记表 / import letters and registers")
    if argv[:1] == ["import"]:
        from staff.importing import command as importing

        importing.add_arguments(imports, str(HERE / "content"))
    serve = sub.add_parser("serve", help="本地预览，保存即刷新 / live preview on localhost")
    serve.add_argument("--content", default=str(HERE / "content"))
    serve.add_argument("--output", default=str(HERE / "output"))
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--settings", default=str(HERE / "pelicanconf.py"))
    from gongkai_build import SettingsError

    try:
        refused = new_entry.refusal(argv[1:]) if argv[:1] == ["new"] else None
        if refused:  # a kind `new` does not write: say which kinds are registered and which it writes
            print(refused, file=sys.stderr)
            return 2
        return _run(parser.parse_args(argv))
    except SettingsError as exc:  # --settings names a file that cannot be read
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C in check, new or import: a line, not a traceback
        print("\n已停止。 / Stopped.", file=sys.stderr)
        return 130


def _run(args) -> int:
    if args.command == "check":
        return run_check(Path(args.content), Path(args.settings) if args.settings else None)
    if args.command == "explain":
        from gongkai_build import MANIFEST, cache_dir_for
        from gongkai_build.explain import explain as explain_output

        output = Path(args.output).resolve()
        code, text = explain_output(output, args.path, cache_dir_for(output) / MANIFEST)
        print(text, file=sys.stdout if code == 0 else sys.stderr)
        return code
    if args.command == "new":
        from staff import new_entry

        return new_entry.run(args)
    if args.command == "import":
        from staff.importing import command as importing

        return importing.run(args)
    if args.command == "serve":
        from staff.serve import serve

        return serve(Path(args.content), Path(args.output), Path(args.settings), port=args.port)
    from gongkai_build.stopping import STOPPED_MESSAGE, exit_code, stopping_on_sigterm

    try:
        with stopping_on_sigterm():
            return run_build(Path(args.content), Path(args.output), args.site_url, Path(args.settings))
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM (stopping.py): cleaned up on the way here
        print(STOPPED_MESSAGE, file=sys.stderr)
        return exit_code(stop)


def run_check(content: Path, settings_file: Path | None = None) -> int:
    from gongkai_build import content_kinds

    return check_content(content, content_kinds(settings_file) if settings_file else None)[0]


def check_content(content: Path, kinds=None, parsed=None, checked=None, digest_of=None):
    """Load and check the content once; print the report; return (exit code, Site).
    `kinds`: the content kinds (disclosure/kinds.py), the standard ones when None;
    `parsed`, `checked`: the build's ParsedStore and CheckedStore (gongkai_build/stores.py, checked_store.py),
    front matter and each file's checks kept between builds; `digest_of`: each content file's
    hash as the build's key read it (file_hashes.FileHashes.digest_of)."""
    from disclosure.site import load_site

    site = load_site(content, kinds=kinds, parsed=parsed, checked=checked, digest_of=digest_of)
    report = site.report
    if report.problems:
        print(report.format(), file=sys.stderr)
    if report.ok:
        print(f"内容检查通过：{len(site.proposals)} 件提案，{len(site.responses)} 份答复，"
              f"{len(site.announcements)} 条公告。 / Content OK.")
        return 0, site
    return 1, site


def _cache_file(output: Path, name: str) -> Path:
    from gongkai_build import cache_dir_for

    return cache_dir_for(output.resolve()) / name


def run_build(content: Path, output: Path, site_url: str | None, settings_file: Path) -> int:
    from gongkai_build.collector import tuned_for_build
    from gongkai_build.output_lock import held
    from gongkai_build.switch import recover

    try:
        lock = held(output.resolve())
        fd = lock.__enter__()
    except OSError as error:
        print(f"无法锁定输出文件夹，网站没有生成。 / Could not lock the output folder; the site was not built.\n"
              f"{error}", file=sys.stderr)
        return 2
    try:
        try:
            for line in recover(output.resolve()):
                print(line, file=sys.stderr)
        except OSError as error:  # the build goes on: it makes a whole new output either way
            print(f"清理中断的生成留下的文件夹失败 / Could not tidy what an interrupted build left: {error}",
                  file=sys.stderr)
        with tuned_for_build():
            return _build(content, output, site_url, settings_file, fd)
    finally:
        lock.__exit__(None, None, None)


def _failure(exc: BaseException) -> str:
    """Why a build failed, in words for the person who ran it (zh / en)."""
    from gongkai_build.verify import Damaged

    chain, seen = exc, []
    while chain is not None and chain not in seen:
        seen.append(chain)
        if isinstance(chain, OSError) and chain.errno == errno.ENOSPC:
            return "磁盘空间不足。 / The disk is full.\n"
        if isinstance(chain, Damaged):
            return "新生成的文件不完整（常见原因：磁盘已满）。 / The new files are incomplete (often: a full disk).\n"
        chain = chain.__cause__ or chain.__context__
    return ""


def _build(content: Path, output: Path, site_url: str | None, settings_file: Path, lock_fd: int | None = None) -> int:
    """Check, then build; while this process reads the content, other cores render its Markdown
    (a first build) and a thread makes the new output's folders (a rebuild): docs/performance.md.
    Whether anything changed at all is decided first, before Pelican is imported (unchanged.py)."""
    from gongkai_build import cache_dir_for, pending
    from gongkai_build.unchanged import Inputs

    pending.discard(cache_dir_for(output.resolve()))  # what a failed or killed build kept for its unpublished site
    inputs = Inputs(content, output, site_url, settings_file) if content.is_dir() else None
    if inputs is not None and inputs.unchanged():
        print(f"内容和设置都没有变化，网站已是最新：{output} / Nothing changed; {output} is up to date.")
        return 0
    from gongkai_build.collector import keep_loaded
    from gongkai_build.stores import ParsedStore, RenderStore
    from gongkai_build import (MANIFEST, RENDERS, AfterSwitch, build_site, cache_dir_for, content_kinds, finish_renders,
                               input_key,
                               render_ahead, up_to_date)
    from gongkai_build.incremental import Purge
    from staff.progress import build_progress
    from gongkai_build.staging import Staging

    renders = None
    staging = None
    try:
        kinds = content_kinds(settings_file)
        renders = render_ahead(content, output, kinds)
        key = input_key(content, output, site_url, settings_file, inputs) if inputs is not None else None
        if key and up_to_date(content, output, site_url, settings_file, key, inputs):
            print(f"内容和设置都没有变化，网站已是最新：{output} / Nothing changed; {output} is up to date.")
            return 0
        staging = Staging(output.resolve(), cache_dir_for(output.resolve()) / MANIFEST)
        parsed = ParsedStore(_cache_file(output, "parsed.pickle"))  # front matter parsed by the last build into this output
        from gongkai_build.checked_store import CheckedStore  # here: not on the nothing-changed path
        from gongkai_build.collector import loading

        with loading():  # no collection until keep_loaded: enabled earlier, the first one walked every loaded object
            checked = CheckedStore(_cache_file(output, "checked.pickle"), kinds,  # and each file's checks (objects)
                                   inputs.parts if inputs is not None else None)
            code, site = check_content(content, kinds, parsed, checked,
                                       inputs.hashes.digest_of if key and inputs is not None else None)
            if code != 0:
                print("网站没有生成，原有的 output 保持不变。 / The site was not built; the previous output is unchanged.",
                      file=sys.stderr)
                return 1
            render_store = RenderStore(cache_dir_for(output.resolve()) / RENDERS)  # bodies rendered by the last build
            finish_renders(renders, render_store)
            keep_loaded(len(site.digests) - 1 - checked.recalled)  # site.yaml and each file loaded, less those recalled
        purge = Purge(cache_dir_for(output.resolve()), site)  # an entry stopped being public: its text leaves the caches
        try:
            with build_progress():
                outcome = build_site(content, output, site_url, settings_file, site=site, key=key, staging=staging,
                                     purge=bool(purge), lock_fd=lock_fd, renders=render_store, inputs=inputs)
        except AfterSwitch as exc:
            staging = None
            print(f"新网站已经完整发布到 {output}，但之后保存缓存失败；下次生成将从头开始。\n"
                  f"The new site is live and complete in {output}, but saving the build cache afterwards failed; "
                  f"the next build starts from scratch.\n{_failure(exc)}{exc}", file=sys.stderr)
            return 3
        except Exception as exc:  # an internal failure or a full disk, not a content mistake: keep the old site
            kept = ("原有的 output 保持不变，仍在使用。 / Build failed; the previous output is unchanged and still live."
                    if output.is_dir() else "没有生成网站。 / Build failed; no site was written.")
            print(f"生成失败，{kept}\n{_failure(exc)}{type(exc).__name__}: {exc}", file=sys.stderr)
            if os.environ.get("GONGKAI_DEBUG"):
                raise
            return 2
        staging = None  # swapped in
    except OSError as exc:  # before the build started (the disk full while preparing): nothing was replaced
        print(f"生成失败，原有的 output 保持不变。 / Build failed; the previous output is unchanged.\n"
              f"{_failure(exc)}{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        if renders is not None:
            renders.cancel()
        if staging is not None:
            staging.remove()
    try:
        parsed.save(bool(purge))
        checked.save(bool(purge))
        purge.done()
    except OSError as exc:
        print(f"新网站已经完整发布到 {output}，但之后保存缓存失败。 / The new site is live and complete in {output}, "
              f"but saving the build cache afterwards failed.\n{_failure(exc)}{exc}", file=sys.stderr)
        return 3
    if outcome == "unchanged":
        print(f"内容和设置都没有变化，网站已是最新：{output} / Nothing changed; {output} is up to date.")
    else:
        print(f"网站已生成：{output} / Site built in {output}")
    return 0


def exit_now(code: int) -> None:
    """End the process as Python's own exit would, less freeing every object one by one.

    A build holds millions of objects (the Site, the kept stores, the manifest) to its end;
    letting the interpreter free them took 0.3–0.7 s after the site was already published.
    What an exit must still do is done first, in Python's own order: threads that are not
    daemons are waited for (threading._shutdown: the removal of a replaced site, pools'
    workers), then the atexit handlers (multiprocessing, logging, weakref finalizers), then
    the standard streams are flushed. Every file the build keeps is written and closed
    (`with`) before main returns."""
    import atexit
    import threading

    shutdown = getattr(threading, "_shutdown", None)
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if shutdown is None or run_exit_handlers is None or not isinstance(code, (int, type(None))):
        sys.exit(code)  # another Python, or a message to print: the ordinary exit
    code = code or 0
    shutdown()
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())

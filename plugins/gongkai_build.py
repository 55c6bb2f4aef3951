"""Run Pelican into a fresh folder beside the output, then swap it in.

A failed build never leaves a half-written site: the previous output stays
exactly as it was until the new one is complete.
"""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path


def pelican_settings(content: Path, output: Path, site_url: str | None, settings_file: Path, site=None) -> dict:
    from pelican.settings import read_settings

    override = {"PATH": str(content.resolve()), "OUTPUT_PATH": str(output.resolve())}
    if site is not None:
        override["DISCLOSURE_PRELOADED_SITE"] = site
    if site_url is not None:
        override["SITEURL"] = site_url.rstrip("/")
        override["DISCLOSURE_FEED_BASE"] = site_url.rstrip("/")
    return read_settings(str(settings_file), override=override)


RENDERS = "renders.pickle"  # rendered Markdown kept between builds, in cache_dir_for(output)


def cache_dir_for(output: Path) -> Path:
    """Where the incremental build keeps its manifest and rendered bodies: beside the output, never in it."""
    return output.parent / ".gongkai-cache" / output.name


def render_ahead(content: Path, output: Path):
    """On a first build, render every Markdown body on all cores while this process reads and
    checks the content (which takes one core for seconds); `finish_renders` collects them.

    Only when there are no renders kept from a previous build: a rebuild renders a few new
    bodies, and reading every file twice would cost it more than it saves. A file read here
    differently from the loader (say, one with a mistake) is simply rendered again later.
    """
    from disclosure.site import content_files
    from parallel import start_map

    if not content.is_dir() or (cache_dir_for(output.resolve()) / RENDERS).exists():
        return None
    return start_map(_render_file, [file for _, file in content_files(content)])


def _render_file(file: Path):
    """(store key, HTML) of one file's Markdown body, or None (runs in a worker process)."""
    from disclosure import files, render
    from disclosure.source import FRONT_MATTER, decode

    try:
        data = files.read_capped(file)  # a file over the cap is an error: not worth rendering
    except OSError:
        return None
    if data is None:
        return None
    text, problem = decode(str(file), data)
    match = None if problem else FRONT_MATTER.match(text)
    return render.rendered(text[match.end():]) if match else None


def finish_renders(started) -> None:
    """Hand the bodies render_ahead rendered to the renderer (nothing when it did not start)."""
    from disclosure import render

    if started is not None:
        render.add_rendered(started.results())


def build_key(content: Path, settings: dict, day: str) -> tuple[str, str]:
    """(salt, key): the fingerprint of code and settings, and of every input of the build."""
    from incremental import code_fingerprint, content_key

    salt = code_fingerprint(settings)
    return salt, content_key(content, salt, day)


def input_key(content: Path, output: Path, site_url: str | None, settings_file: Path) -> tuple[str, str]:
    """build_key for a build about to start, taken before the content is read: content edited
    while the build runs then makes the next build's key differ, so it is built again."""
    from disclosure.site import build_date

    return build_key(content, pelican_settings(content, output.resolve(), site_url, settings_file),
                     build_date().isoformat())


def up_to_date(content: Path, output: Path, site_url: str | None, settings_file: Path,
               key: tuple[str, str] | None = None) -> bool:
    """True when the last build into `output` had exactly these inputs (`key`, from input_key)."""
    import json

    output = output.resolve()
    manifest = cache_dir_for(output) / "manifest.json"
    if not output.is_dir() or not manifest.is_file():
        return False
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    salt, key = key or input_key(content, output, site_url, settings_file)
    return data.get("salt") == salt and data.get("key") == key


def build_site(content: Path, output: Path, site_url: str | None, settings_file: Path, site=None,
               incremental: bool = True, key: tuple[str, str] | None = None, staging=None,
               purge: bool = True) -> str:
    """Build into staging and swap in; `site` is the already checked Site, if the caller has one,
    `key` its input_key, taken before the site was read, and `staging` the Staging made for it
    (staging.py) before the content was loaded, if any. `purge` (incremental.Purge): the kept
    renders and data lines drop every value this build did not use (an entry stopped being public).

    Returns "unchanged" when every input is as the last build left it (nothing is written),
    else "built".
    """
    from pelican import Pelican

    import background
    from disclosure import render
    from disclosure.site import build_date
    from incremental import BuildCache, already_made
    from staging import Staging

    output = output.resolve()
    cache_dir = cache_dir_for(output) if incremental else None
    folder = staging or Staging(output, cache_dir / "manifest.json" if cache_dir else None)
    staging = folder.path
    try:
        settings = pelican_settings(content, staging, site_url, settings_file, site)
        settings["DELETE_OUTPUT_DIRECTORY"] = False  # staging is new; its folders were made on purpose
        day = (site.build_date if site is not None else build_date()).isoformat()
        salt, key = key or build_key(content, settings, day)
        cache = BuildCache(cache_dir, output, staging, salt)
        if incremental and cache.old_key == key and output.is_dir():
            folder.remove()
            return "unchanged"
        already_made(folder.made())
        settings["DISCLOSURE_BUILD_CACHE"] = cache
        settings["DISCLOSURE_SALT"] = salt
        if cache_dir:
            render.use_store(cache_dir / RENDERS)
            settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                             "bytecode_cache": template_cache(cache_dir / "templates")}
        from pelican.log import console

        quiet = logging.getLogger("pelican")
        level, was_quiet = quiet.level, console.quiet
        quiet.setLevel(logging.WARNING)
        console.quiet = True  # Pelican's "Processed 0 articles" summary means nothing here
        try:
            Pelican(settings).run()
        finally:
            quiet.setLevel(level)
            console.quiet = was_quiet
        folder.prune()  # folders made ahead that this build left empty (a deleted entry's)
        manifest = cache_dir / "manifest.json" if cache_dir else None
        if manifest and manifest.exists():
            manifest.unlink()  # never leave a manifest that describes another output
        swap_in(staging, output)
        if cache_dir:
            cache.save(key, purge)
            render.save_store(cache_dir / RENDERS, purge)
        return "built"
    except BaseException:
        background.stop_all()  # nothing may still be writing into staging
        folder.remove()
        raise


def template_cache(folder: Path):
    """Compiled templates, kept between builds and shared by the generators of one build.

    Pelican makes a Jinja environment per generator, so without it every template is
    compiled several times a build (0.7 s). Jinja keys each entry by the template's
    source and its own version, so a changed template is compiled again.
    """
    from jinja2 import FileSystemBytecodeCache

    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def swap_in(staging: Path, output: Path) -> None:
    """Replace output by staging with two renames; the old tree is removed after, without waiting."""
    old = None
    if output.exists():
        old = output.with_name(f"{OLD_PREFIX}{output.name}-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(output, old)
    os.replace(staging, output)
    os.chmod(output, 0o755)
    if old:
        remove_later(old)


OLD_PREFIX = ".old-"  # a replaced output being deleted: .old-<output name>-<pid>


def remove_later(path: Path) -> None:
    """Delete a replaced output tree in a detached process, so the build (whose new site is
    already in place) does not wait for ~40,000 unlinks. Where that cannot be done, now."""
    try:
        child = os.fork()
    except (AttributeError, OSError):
        shutil.rmtree(path, ignore_errors=True)
        return
    if child == 0:  # the child starts a grandchild that init adopts (no zombie), and leaves at once
        try:
            os.setsid()
            if os.fork() == 0:
                try:
                    os.execvp("rm", ["rm", "-rf", "--", str(path)])
                except OSError:
                    shutil.rmtree(path, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)

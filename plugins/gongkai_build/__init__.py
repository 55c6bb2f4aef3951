"""Run Pelican into a folder beside the output (the spare site, updated in place, or a new
one: staging.py), verify it, then switch it in.

A failed build never leaves a half-written site: the previous output stays
exactly as it was until the new one is complete and verified (verify.py), and
then replaces it in one step (switch.py). The caller holds the output's lock
(output_lock.py) throughout.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import faults
from . import verify
from .manifest import NAME as MANIFEST


class AfterSwitch(Exception):
    """The new site is live and complete; something after the switch (saving the caches) failed."""


def pelican_settings(content: Path, output: Path, site_url: str | None, settings_file: Path, site=None) -> dict:
    from pelican.settings import read_settings

    override = {"PATH": str(content.resolve()), "OUTPUT_PATH": str(output.resolve())}
    if site is not None:
        override["DISCLOSURE_PRELOADED_SITE"] = site
    if site_url is not None:
        override["SITEURL"] = site_url.rstrip("/")
        override["DISCLOSURE_FEED_BASE"] = site_url.rstrip("/")
    return read_settings(str(settings_file), override=override)


class SettingsError(Exception):
    """A settings file that cannot be read (missing, or failing when run): the message names it (zh / en)."""


def content_kinds(settings_file: Path):
    """The content kinds a settings file names (DISCLOSURE_KINDS, a disclosure.kinds.Kinds), or None
    for the standard ones: the check before the build reads what the build will."""
    from pelican.settings import get_settings_from_file

    try:
        return get_settings_from_file(str(settings_file)).get("DISCLOSURE_KINDS")
    except Exception as exc:  # a settings file is Python: anything may go wrong in it
        why = f"{type(exc).__name__}: {exc}"
        raise SettingsError(f"无法读取设置文件 {settings_file}（{why}）。请检查 --settings 给出的路径和文件内容。\n"
                            f"Cannot read the settings file {settings_file} ({why}). "
                            "Check the path given to --settings and the file's content.") from exc


RENDERS = "renders.pickle"  # rendered Markdown kept between builds, in cache_dir_for(output)


def cache_dir_for(output: Path) -> Path:
    """Where the incremental build keeps its manifest and rendered bodies: beside the output, never in it."""
    return output.parent / ".gongkai-cache" / output.name


def render_ahead(content: Path, output: Path, kinds=None):
    """On a first build, render every Markdown body on all cores while this process reads and
    checks the content (which takes one core for seconds); `finish_renders` collects them.

    Only when there are no renders kept from a previous build: a rebuild renders a few new
    bodies, and reading every file twice would cost it more than it saves. A file read here
    differently from the loader (say, one with a mistake) is simply rendered again later.
    `kinds`: the content kinds the build reads (content_kinds), every one's bodies; the standard ones when None.
    """
    from functools import partial

    from disclosure.site import content_files
    from .parallel import start_map
    from .stores import RenderStore

    if not content.is_dir() or (cache_dir_for(output.resolve()) / RENDERS).exists():
        return None
    return start_map(partial(_render_file, RenderStore()), [file for _, file in content_files(content, kinds)])


def _render_file(store, file: Path):
    """(store key, HTML) of one file's Markdown body, or None (runs in a worker process, with a
    RenderStore kept in memory only: its keys are the build's, the same code making both)."""
    from disclosure import files
    from disclosure.source import FRONT_MATTER, decode

    try:
        data = files.read_capped(file)  # a file over the cap is an error: not worth rendering
    except OSError:
        return None
    if data is None:
        return None
    text, problem = decode(str(file), data)
    match = None if problem else FRONT_MATTER.match(text)
    return store.rendered(text[match.end():]) if match else None


def finish_renders(started, renders) -> None:
    """Hand the bodies render_ahead rendered to the build's RenderStore (nothing when it did not start)."""
    if started is not None:
        renders.add(started.results())


def build_key(content: Path, settings: dict, day: str, hashes=None) -> tuple[str, str]:
    """(salt, key): the fingerprint of code and settings, and of every input of the build
    (`hashes`: a FileHashes, file_hashes.py, so that only files whose stat changed are read)."""
    from .fingerprint import code_fingerprint, content_key

    salt = code_fingerprint(settings, hashes=hashes)
    return salt, content_key(content, salt, day, hashes)


def input_key(content: Path, output: Path, site_url: str | None, settings_file: Path,
              inputs=None) -> tuple[str, str]:
    """build_key for a build about to start, taken before the content is read: content edited
    while the build runs then makes the next build's key differ, so it is built again.
    `inputs` (unchanged.Inputs, taken before): the key is noted in it, for the record of this build."""
    from disclosure.clock import build_date

    from .fingerprint import code_fingerprint, content_key

    settings = pelican_settings(content, output.resolve(), site_url, settings_file)
    if inputs is None:
        return build_key(content, settings, build_date().isoformat())
    salt = code_fingerprint(settings, hashes=inputs.hashes)
    key = inputs.known_key(salt) or content_key(content, salt, inputs.day, inputs.hashes)
    inputs.keyed(settings, salt, key)
    return salt, key


def up_to_date(content: Path, output: Path, site_url: str | None, settings_file: Path,
               key: tuple[str, str] | None = None, inputs=None) -> bool:
    """True when the last build into `output` had exactly these inputs (`key`, from input_key);
    then `inputs` (unchanged.Inputs, given to input_key) keeps the record for the next build."""
    from . import manifest as manifests

    output = output.resolve()
    manifest = cache_dir_for(output) / MANIFEST
    if not output.is_dir() or not manifest.is_file():
        return False
    if key is not None and inputs is not None and inputs.other_key(key):
        return False  # the record of the last build names another key: no need to parse its manifest
    data = manifests.read(manifest)
    if data is None:
        return False
    salt, key = key or input_key(content, output, site_url, settings_file, inputs)
    if data.get("salt") == salt and data.get("key") == key and intact(output, data.get("sums")):
        if inputs is not None:
            inputs.remember(data["sums"])
        return True
    return False


def intact(output: Path, sums) -> bool:
    """Whether every file of the output is still as the build that published it verified it
    (one stat each): a file cut short or edited since makes the next build rebuild it."""
    from .unchanged import intact as stat_each

    if not isinstance(sums, dict) or not sums:
        return False
    if not all(isinstance(known, list) and len(known) == 4 for known in sums.values()):
        return False
    return stat_each(output, ((rel, *known[:3]) for rel, known in sums.items()))


def build_site(content: Path, output: Path, site_url: str | None, settings_file: Path, site=None,
               incremental: bool = True, key: tuple[str, str] | None = None, staging=None,
               purge: bool = True, lock_fd: int | None = None, renders=None, inputs=None) -> str:
    """Build into staging, verify it and switch it in; `site` is the already checked Site, if the
    caller has one, `key` its input_key, taken before the site was read, `staging` the Staging
    made for it (staging.py) before the content was loaded, if any, and `lock_fd` the output's
    lock (output_lock.py), which the removal of the replaced site keeps until it is done, and
    `renders` the build's RenderStore (stores.py), if the caller made one (else it is made here),
    and `inputs` the unchanged.Inputs `key` was worked out from (it keeps the record for the next build).
    `purge` (incremental.Purge): the kept renders and data lines drop every value this build
    did not use (an entry stopped being public).

    Returns "unchanged" when every input is as the last build left it (nothing is written),
    else "built". Raises AfterSwitch when the new site is live but keeping the caches failed;
    any other exception means the previous site is still live, untouched.
    """
    from pelican import Pelican

    from . import background, pending
    from . import switch
    from disclosure.clock import build_date
    from .incremental import BuildCache
    from .staging import Staging
    from .stores import RenderStore
    from .writer import OutputWriter

    output = output.resolve()
    cache_dir = cache_dir_for(output) if incremental else None
    folder = staging or Staging(output, cache_dir / MANIFEST if cache_dir else None)
    staging = folder.path
    try:
        settings = pelican_settings(content, staging, site_url, settings_file, site)
        settings["DELETE_OUTPUT_DIRECTORY"] = False  # staging is new; its folders were made on purpose
        day = (site.build_date if site is not None else build_date()).isoformat()
        salt, key = key or build_key(content, settings, day)
        cache = BuildCache(cache_dir, output, staging, salt)
        cache.purging = purge
        if incremental and cache.old_key == key and output.is_dir() and intact(output, cache.sums):
            folder.remove()
            return "unchanged"
        staging = folder.begin(cache, settings)  # the spare, or (none to trust) a new folder
        settings["OUTPUT_PATH"], cache.staging = os.fspath(staging), staging
        settings["DISCLOSURE_BUILD_CACHE"] = cache
        settings["DISCLOSURE_OUTPUTS"] = outputs = OutputWriter(staging, cache)  # every file goes through it
        settings["DISCLOSURE_SALT"] = salt
        if renders is None:
            renders = RenderStore(cache_dir / RENDERS if cache_dir else None)
        settings["DISCLOSURE_RENDERS"] = renders
        if cache_dir:
            settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                             "bytecode_cache": template_cache(cache_dir / "templates")}
        import logging

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
        folder.finish(cache, outputs.owners, settings.get("THEME_STATIC_DIR", "theme"))  # what the new site lacks goes
        folders: dict[str, int] = {}  # each folder's mtime, for the record of the next spare (spare.py)
        sums = verify.record(staging, cache.sums, cache.linked, folders,  # size and hash of every file (reused: none)
                             folder.spare.folders if folder.spare is not None else None,  # the spare's, as checked
                             cache.hashed)
        account_static(outputs, sums, settings.get("THEME_STATIC_DIR", "theme"))
        verify.check(staging, sums, cache.new)  # every promised file there, the disk not left full
        faults.point("before-switch")
        manifest = cache_dir / MANIFEST if cache_dir else None
        if manifest and manifest.exists():
            manifest.unlink()  # never leave a manifest that describes another output
    except BaseException:
        background.stop_all()  # nothing may still be writing into staging
        folder.remove()
        pending.discard(cache_dir)  # nor a store kept for a site that was never published
        raise
    try:
        _how, kept = switch.publish(staging, output, lock_fd, folder.keeps_spare() and cache_dir is not None)
    except BaseException:
        folder.remove()  # not switched (publish raises only then): the previous site is still live
        pending.discard(cache_dir)
        raise
    try:
        if kept and purge:  # first: the replaced site, now the spare, loses what showed an entry no longer public
            kept = folder.scrub(cache.published, sums, lock_fd)
        faults.point("save-cache")
        if cache_dir:
            cache.save(key, sums, purge)
            renders.save(purge)
            if inputs is not None and inputs.key == (salt, key):
                inputs.remember(sums)
            folder.remember(manifest, folders, cache.published, sums, kept)  # last: the spare is vouched for
    except Exception as error:
        if manifest and manifest.exists():
            manifest.unlink()  # the next build starts cold rather than trust a half-written cache
        raise AfterSwitch(f"{type(error).__name__}: {error}") from error
    return "built"


def account_static(outputs, files, theme_static: str) -> None:
    """Pelican's StaticGenerator copies the theme's static files itself: the OutputWriter adopts
    them (claimed and counted like every other file). Any other file the writer did not see was
    written behind its back: a fault of the build, never published."""
    prefix = theme_static.strip("/") + "/"
    for rel in outputs.unclaimed(files):
        if rel.startswith(prefix):
            outputs.adopt(rel, f"主题静态文件 theme static file {rel}")
    outputs.check()  # two outputs on one path: named, all at once; the published site stays
    stray = outputs.unclaimed(files)
    if stray:
        raise RuntimeError(f"{len(stray)} file(s) written outside the build's OutputWriter, e.g. {', '.join(stray[:5])}")


def template_cache(folder: Path):
    """Compiled templates, kept between builds and shared by the generators of one build.

    Pelican makes a Jinja environment per generator, so without it every template is
    compiled several times a build (0.7 s). Jinja keys each entry by the template's
    source and its own version, so a changed template is compiled again.
    """
    from jinja2 import FileSystemBytecodeCache

    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))

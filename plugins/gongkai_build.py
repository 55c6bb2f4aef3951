"""Run Pelican into a fresh folder beside the output, then swap it in.

A failed build never leaves a half-written site: the previous output stays
exactly as it was until the new one is complete.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
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


def build_site(content: Path, output: Path, site_url: str | None, settings_file: Path, site=None) -> None:
    """Build into staging and swap in; `site` is the already checked Site, if the caller has one."""
    from pelican import Pelican

    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        settings = pelican_settings(content, staging, site_url, settings_file, site)
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
        swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, output: Path) -> None:
    """Replace output by staging with two renames; the old tree is removed last."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}-old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(output, old)
    os.replace(staging, output)
    os.chmod(output, 0o755)
    if old:
        shutil.rmtree(old, ignore_errors=True)

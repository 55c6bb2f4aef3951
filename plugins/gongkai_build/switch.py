"""Put a complete, verified new site in place of output/ in one step; tidy what killed builds left.

output/ stays a plain folder (nginx `root`, rsync `output/`, the tests, `cp -r` all see an
ordinary directory), so it cannot be switched by renaming a symlink. On Linux the new
folder and output/ are exchanged by one `renameat2(RENAME_EXCHANGE)` call: at every instant
output/ is either the whole previous site or the whole new one. Where the system cannot
(another kernel, a file system without it, glibc before 2.28), two renames are the
fallback: output/ → `.<name>-prev-<pid>`, then the new folder → output/. A build killed
between those two leaves no output/ for a moment; the next build (or `recover`) puts the
`-prev-` folder, a complete site, back first.

The new site is nearly always the spare, updated in place (spare.py, staging.py): after
the exchange the spare's name holds the replaced site, which is the next build's spare.

Names beside the output:
  .<name>-spare       the previous live site, which the next build brings up to date (spare.py);
                      safe to delete (the next build then makes a new folder instead)
  .<name>-new-XXXX    a build's new folder where no spare could be used (staging.py); a killed
                      build's is debris
  .<name>-prev-<pid>  the live site moved aside by the fallback, for an instant
  .old-<name>-<pid>   a replaced site not kept as the spare (or a spare no record vouches
                      for), being deleted in the background
The last three are removed (after a -prev- folder was put back if output/ is missing) by the
next build into the same output, which holds the lock (output_lock.py) while it does.
"""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from . import faults
from .spare import spare_path

OLD_PREFIX = ".old-"
RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def staging_prefix(output: Path) -> str:
    return f".{output.name}-new-"


def _prev(output: Path) -> Path:
    return output.with_name(f".{output.name}-prev-{os.getpid()}")


def _old(output: Path) -> Path:
    return output.with_name(f"{OLD_PREFIX}{output.name}-{os.getpid()}")


def _renameat2():
    import ctypes  # only when switching: a build with nothing to do never switches

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def exchange(a: Path, b: Path) -> bool:
    """Swap the two paths in one step; False where this system cannot (nothing was changed then)."""
    if faults.enabled("no-exchange"):
        return False
    fn = _renameat2()
    if fn is None:
        return False
    if fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def publish(staging: Path, output: Path, lock_fd: int | None = None, keep_spare: bool = False) -> tuple[str, bool]:
    """Make the complete folder `staging` the output: ("exchange", "fallback" or "first" (no output
    yet), whether the replaced site is now the spare).

    `keep_spare`: the replaced site becomes the spare (spare_path), in place of any other folder
    there; else it is deleted, with any spare, by a detached process (which keeps the lock while
    it works), so the build does not wait for tens of thousands of unlinks.
    """
    os.chmod(staging, 0o755)  # mkdtemp made it 0700: the web server must read it the moment it is live
    if not os.path.lexists(output):
        os.rename(staging, output)
        return "first", False
    if exchange(staging, output):
        faults.point("after-exchange")
        how, aside = "exchange", staging  # the staging path now holds the previous site
    else:
        prev = _prev(output)
        os.rename(output, prev)
        faults.point("between-renames")
        try:
            os.rename(staging, output)
        except BaseException:
            os.rename(prev, output)  # not switched: the previous site goes back
            raise
        how, aside = "fallback", prev
    # The new site is live. What follows only tidies: a failure leaves debris for the next build.
    faults.point("after-switch")
    spare = spare_path(output)
    try:
        if spare != aside:
            discard(spare, output, lock_fd)  # a spare this build did not use: nothing vouches for it
        if keep_spare:
            if spare != aside:
                os.rename(aside, spare)
            return how, True
        old = _old(output)
        os.rename(aside, old)
    except OSError:
        return how, False
    remove_later(old, lock_fd)
    return how, False


def discard(folder: Path, output: Path, lock_fd: int | None = None) -> None:
    """Delete a spare site (if there is one) in the background: renamed first, so a new one may take its name."""
    if os.path.lexists(folder):
        doubtful = _old(output).with_name(_old(output).name + "-spare")
        os.rename(folder, doubtful)
        remove_later(doubtful, lock_fd)


def debris(output: Path) -> tuple[list[Path], list[Path]]:
    """(-prev- folders, other leftovers: staging folders of killed builds, replaced sites) beside output."""
    parent, name = output.parent, output.name
    if not parent.is_dir():
        return [], []
    prev, other = [], []
    for entry in os.scandir(parent):
        if entry.name.startswith(f".{name}-prev-"):
            prev.append(Path(entry.path))
        elif entry.name.startswith(staging_prefix(output)) or entry.name.startswith(f"{OLD_PREFIX}{name}-"):
            other.append(Path(entry.path))
    return sorted(prev, key=lambda p: p.stat().st_mtime), other


def recover(output: Path) -> list[str]:
    """Under the lock, before a build: put back a site the fallback left aside, remove the rest.

    Returns what was done, one zh / en line each, for the build to say.
    """
    said = []
    prev, other = debris(output)
    if prev and not os.path.lexists(output):
        os.rename(prev.pop(), output)  # the last live site, complete: it was moved aside whole
        said.append(f"上次生成在替换网站时中断，已恢复原来的网站：{output} / "
                    f"A build was stopped while swapping; the previous site is back in {output}")
    for path in prev + other:
        shutil.rmtree(path, ignore_errors=True)
    if prev or other:
        said.append(f"已删除中断的生成留下的 {len(prev) + len(other)} 个文件夹 / "
                    f"Removed {len(prev) + len(other)} folder(s) left by interrupted builds")
    return said


def remove_later(path: Path, lock_fd: int | None = None) -> None:
    """Delete a replaced output tree in a detached process, so the build (whose new site is
    already in place) does not wait for ~40,000 unlinks. The process keeps the output's lock
    until it is done: the next build does not start while space is still being freed (that
    would hide a full disk from its checks). Where that cannot be done, now."""
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
                    if lock_fd is not None:
                        os.set_inheritable(lock_fd, True)
                    os.execvp("rm", ["rm", "-rf", "--", str(path)])
                except OSError:
                    shutil.rmtree(path, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)

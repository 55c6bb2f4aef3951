"""Fault-injection points for the publishing tests: the build stops, waits or takes the
fallback path exactly where a test asks, which timing alone could never hit reliably.

`GONGKAI_FAULT` is a comma-separated list, read only here and only by the build:
  kill@<point>    the build kills itself (SIGKILL: no clean-up runs) when it reaches <point>
  enospc@<point>  it fails there as on a full disk (OSError ENOSPC)
  pause@<point>   it writes <point>.reached in GONGKAI_FAULT_DIR and waits for <point>.go there
  no-exchange     the swap takes the two-rename fallback (as on a system without renameat2)
Unset (always, outside tests) every call here does nothing.
"""
from __future__ import annotations

import errno
import os
import signal
import time


def _parts() -> list[str]:
    return [p.strip() for p in os.environ.get("GONGKAI_FAULT", "").split(",") if p.strip()]


def enabled(name: str) -> bool:
    return name in _parts()


def point(name: str) -> None:
    """A named moment of the build; does what GONGKAI_FAULT asks there, if anything."""
    for part in _parts():
        action, _, where = part.partition("@")
        if where != name:
            continue
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif action == "enospc":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        elif action == "pause":
            folder = os.environ.get("GONGKAI_FAULT_DIR", ".")
            with open(os.path.join(folder, f"{name}.reached"), "w", encoding="utf-8") as fh:
                fh.write(str(os.getpid()))
            while not os.path.exists(os.path.join(folder, f"{name}.go")):
                time.sleep(0.05)

"""`make mutate`: mutation testing of the domain core with mutmut, against the fast unit tests.

mutmut names a mutant after its file's path (plugins/disclosure/urls.py → plugins.disclosure.urls),
but the code and the tests import `disclosure.urls`; only a `src/` prefix is dropped. So the run
happens in a staging folder, .mutate/, where src/ links to plugins/ (and tests/, content/, docs/,
themes/ to theirs); mutmut copies them into .mutate/mutants/ and mutates the copies, never the
sources. Each run tests every mutant of the modules it is given afresh (tests change more often
than the code), and maps tests to functions anew.

    python tools/mutate.py                 # every module below
    python tools/mutate.py urls lifecycle  # some of them (names as in MODULES)
    python tools/mutate.py --survivors urls  # only the mutants the last run did not kill (after new tests)

MUTATE_JOBS sets how many mutants run at once (default 1: the CPU is shared).
Prints, per module, the mutants, how many the tests killed, the score and the time taken,
then every surviving mutant (see them with `cd .mutate && mutmut show NAME`).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / os.environ.get("MUTATE_STAGE", ".mutate")  # another folder runs beside it
MUTMUT = Path(sys.executable).with_name("mutmut")

# The domain modules under test: name → mutmut's module name (the file under src/).
MODULES = {
    "lifecycle": "disclosure.lifecycle",
    "validate": "disclosure.validate",
    "urls": "disclosure.urls",
    "stats": "disclosure.stats",
    "news": "disclosure.news",
    "records": "disclosure.search_records",
    "render": "disclosure.render",
    "dates": "disclosure.dates",
    "formulas": "disclosure.formulas",
    "fields": "disclosure.fields",
    "fullwidth": "disclosure.fullwidth",
    "names": "disclosure.names",
    "export": "disclosure.export",
    "slugs": "disclosure.slugs",
    "letter_lines": "disclosure.letter_lines",
    "letter_parts": "disclosure.letter_parts",
    "letter_facts": "disclosure.letter_facts",
    "html_fixes": "disclosure.html_fixes",
    "body_check": "disclosure.body_check",
    "letter": "disclosure.letter",
    "display": "disclosure.display",
    "withdrawn": "disclosure.withdrawn",
    "changes": "disclosure.changes",
    "checked": "disclosure.checked",
    "summary": "disclosure.summary",
    "evidence": "disclosure.evidence",
    "history": "disclosure.history",
    "commitments": "disclosure.commitments",
    "attachments": "disclosure.attachments",
    "attachment_fields": "disclosure.attachment_fields",
    "meta": "disclosure.meta",
    "source": "disclosure.source",
    "follow_ups": "disclosure.follow_ups",
    "commitment_fields": "disclosure.commitment_fields",
    "event_fields": "disclosure.event_fields",
}
LINKED = ["tests", "content", "docs", "themes"]  # what the unit tests read besides the code
# A unit test that runs `build.py check` in a subprocess needs the program beside it: an unmutated
# copy (a subprocess does not load the mutants), so that test runs but can kill no mutant.
FOR_CLI = ["build.py", "plugins"]
# The fast tests each mutant runs against (no site builds, no browser): the unit tests, and the
# staff guide's error catalogue, which checks every documented message of `check` as printed.
TESTS = ["tests/unit/", "tests/site/test_staff_cli.py::test_staff_guide_shows_each_message_exactly_as_check_prints_it"]

SETUP_CFG = """\
# Written by tools/mutate.py: mutmut's settings for `make mutate` (docs/quality.md).
[mutmut]
source_paths = src/
only_mutate =
{only}
also_copy =
{copy}
pytest_add_cli_args_test_selection =
{tests}
pytest_add_cli_args =
    -p
    no:cacheprovider
# Each mutant forks from a process that has only collected the tests: forked from one that ran
# them, it would inherit what they left behind (a build's RenderStore) instead of running the
# mutated code.
process_isolation = forkserver
"""

PYTEST_INI = """\
# Written by tools/mutate.py: the unit tests' settings, with the code under src/.
[pytest]
pythonpath = . src
markers =
    browser: needs Debian's chromium
    slow: builds a large generated archive
"""

KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def stage() -> None:
    STAGE.mkdir(exist_ok=True)
    for name, target in [("src", "plugins"), *[(n, n) for n in LINKED + FOR_CLI]]:
        link = STAGE / name
        if not link.is_symlink():
            link.symlink_to(Path("..") / target)
    only = "\n".join(f"    src/{m.replace('.', '/')}.py" for m in MODULES.values())
    copied = [f"{n}/" for n in LINKED[1:]] + [f"{n}/" if (ROOT / n).is_dir() else n for n in FOR_CLI]
    copy = "\n".join(f"    {n}" for n in [*copied, "pytest.ini"])
    (STAGE / "setup.cfg").write_text(SETUP_CFG.format(
        only=only, copy=copy, tests="\n".join(f"    {t}" for t in TESTS)), encoding="utf-8")
    (STAGE / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")


def forget() -> None:
    """Drop mutmut's map of which tests run which function: the tests may have changed since.
    (A run given module patterns re-tests every mutant they match; earlier results do not stand.)"""
    (STAGE / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)


def mutmut(*args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([str(MUTMUT), *args], cwd=STAGE, text=True,
                          capture_output=capture, check=False)


def statuses() -> dict[str, str]:
    out = mutmut("results", "--all", "true", capture=True).stdout
    found = {}
    for line in out.splitlines():
        name, _, status = line.strip().partition(": ")
        if status:
            found[name] = status
    return found


def main(names: list[str]) -> int:
    survivors_only = "--survivors" in names
    names = [n for n in names if n != "--survivors"]
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"unknown module(s) {unknown}; choose from {list(MODULES)}", file=sys.stderr)
        return 2
    stage()
    earlier = statuses() if survivors_only else {}
    forget()
    jobs = os.environ.get("MUTATE_JOBS", "1")
    timings = {}
    for name in names or list(MODULES):
        wanted = [f"{MODULES[name]}.*"]
        if survivors_only:
            wanted = [k for k, v in earlier.items() if k.startswith(MODULES[name] + ".") and v not in KILLED]
            if not wanted:
                continue
        started = time.monotonic()
        run = mutmut("run", "--max-children", jobs, *wanted, capture=True)
        timings[name] = time.monotonic() - started
        if run.returncode != 0:
            print(run.stdout[-3000:], run.stderr[-3000:], sep="\n", file=sys.stderr)
            return run.returncode
    found = statuses()
    total_killed = total = 0
    print(f"{'module':<12} {'mutants':>7} {'killed':>7} {'score':>7} {'time':>8}")
    survivors = []
    for name in names or list(MODULES):
        mine = {k: v for k, v in found.items() if k.startswith(MODULES[name] + ".")}
        counts = Counter(mine.values())
        killed = sum(n for s, n in counts.items() if s in KILLED)
        total_killed, total = total_killed + killed, total + len(mine)
        score = f"{100 * killed / len(mine):.1f}%" if mine else "—"
        took = f"{timings[name]:.0f} s" if name in timings else ""
        print(f"{name:<12} {len(mine):>7} {killed:>7} {score:>7} {took:>8}")
        survivors += [f"  {k}: {v}" for k, v in sorted(mine.items()) if v not in KILLED]
    if total:
        print(f"{'all':<12} {total:>7} {total_killed:>7} {100 * total_killed / total:>6.1f}%")
    if survivors:
        print(f"\nnot killed ({len(survivors)}); see one with: cd .mutate && {MUTMUT} show NAME")
        print("\n".join(survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

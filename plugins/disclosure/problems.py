"""Problems found in content, reported to staff in Chinese and English.

A Problem names the file (relative to the content folder), the line when known,
the key, the value, what is allowed, and a "did you mean" for near misses.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    zh: str
    en: str
    key: str = ""
    value: str = ""
    line: int | None = None
    allowed: str = ""
    hint: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def top_key(self) -> str:
        """The front-matter key the problem is on: feedback[2].date and lead_units[1] are feedback's
        and lead_units' (one slip, one error: a rule that would repeat it asks here)."""
        return (self.key or "").split("[", 1)[0].split(".", 1)[0]

    def location(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
        return where

    def format(self) -> str:
        """Two lines for staff: Chinese first, then English."""
        tag_zh, tag_en = ("错误", "error") if self.is_error else ("警告", "warning")
        key = f" [{self.key}]" if self.key else ""
        value = f" 「{self.value}」" if self.value != "" else ""
        zh = f"{self.location()}{key}{value} {tag_zh}：{self.zh}"
        en = f"  {tag_en}: {self.en}"
        if self.allowed:
            zh += f" 可用的值：{self.allowed}"
            en += f" Allowed: {self.allowed}"
        if self.hint:
            zh += f" 您是不是要写「{self.hint}」？"
            en += f" Did you mean '{self.hint}'?"
        return f"{zh}\n{en}"

    def sort_key(self):
        return (self.path, self.line or 0, self.key, self.en)


@dataclass
class Report:
    """Collects problems from every check so one run reports them all."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)

    def format(self) -> str:
        lines = [p.format() for p in self.sorted()]
        n_err, n_warn = len(self.errors), len(self.warnings)
        lines.append(
            f"共 {n_err} 个错误，{n_warn} 个警告。 / {n_err} error(s), {n_warn} warning(s)."
        )
        return "\n".join(lines)


def closest(value: str, choices) -> str:
    """The nearest allowed value, for a "did you mean" hint."""
    value = str(value)
    choices = [str(c) for c in choices]
    for choice in choices:
        if value.lower() == choice.lower() or value.strip() == choice:
            return choice
    matches = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
    if matches:
        return matches[0]
    for choice in choices:  # a Chinese name written short or long
        if len(value) >= 2 and (value in choice or choice in value):
            return choice
    return ""

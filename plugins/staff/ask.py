"""Asking staff for one value at a time: from an option, or by a question on the terminal.

An Asker either prompts (stdin is a terminal and --yes was not given) or takes
the command-line options as they are. Either way every value passes the same
check, so a wrong value is asked again at the terminal, or reported (all of
them at once) when there is nobody to ask.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field


class Invalid(ValueError):
    """A value that cannot be used; its text says why, in Chinese (and English after “/”)."""


class Cancelled(Exception):
    """Staff closed the input (Ctrl-D) or pressed Ctrl-C."""


@dataclass
class Choice:
    value: object
    label: str  # what the list shows
    keys: tuple = ()  # other things staff may type for it (name, slug, code)


@dataclass
class Asker:
    interactive: bool
    out: object = None
    missing: list = field(default_factory=list)  # (option, question) never given, non-interactive
    errors: list = field(default_factory=list)  # (option, message) given but invalid, non-interactive

    def __post_init__(self):
        self.out = self.out or sys.stdout

    @property
    def ok(self) -> bool:
        return not self.missing and not self.errors

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def _input(self, prompt: str) -> str:
        try:
            return input(prompt).strip()
        except (EOFError, KeyboardInterrupt):
            print(file=self.out)
            raise Cancelled() from None

    def ask(self, question, given, option, *, required=True, default=None, convert=None, hint="", suffix=""):
        """One value. `convert(text)` returns the typed value or raises Invalid."""
        convert = convert or (lambda text: text)
        if given not in (None, "", []):
            try:
                return convert(given)
            except Invalid as exc:
                if not self.interactive:
                    self.errors.append((option, str(exc)))
                    return None
                self.say(f"  {option} {given}：{exc}")
        if not self.interactive:
            if default is not None:
                return default  # defaults are already typed values
            if required:
                self.missing.append((option, question))
            return None
        if hint:
            self.say(hint)
        shown = f" [{default}]" if default not in (None, "") else ("" if required else "（可不填，直接回车）")
        while True:
            text = self._input(f"{question}{suffix}{shown}：")
            if not text:
                if default not in (None, ""):
                    text = str(default)
                elif not required:
                    return None
                else:
                    self.say("  这一项必须填写。")
                    continue
            try:
                return convert(text)
            except Invalid as exc:
                self.say(f"  {exc}")

    def choose(self, question, choices: list[Choice], given, option, *, required=True, default=None):
        """One of `choices`: by its number in the list or by any of its names."""
        def convert(text):
            text = str(text).strip()
            if self.interactive and text.isdigit() and 1 <= int(text) <= len(choices) and \
                    not any(text in c.keys for c in choices):
                return choices[int(text) - 1].value
            for c in choices:
                if text == c.label or text in c.keys:
                    return c.value
            allowed = "、".join(f"{c.keys[0]}（{c.label}）" if c.keys and c.keys[0] != c.label else c.label
                               for c in choices)
            raise Invalid(f"「{text}」不是可选的值。可选：{allowed}")

        menu = "\n".join(f"  {i}) {c.label}" for i, c in enumerate(choices, 1))
        default_text = None
        if default is not None:
            for i, c in enumerate(choices, 1):
                if c.value == default:
                    default_text = str(i)
        return self.ask(question, given, option, required=required, suffix="（输入编号）",
                        default=default_text if self.interactive else default, convert=convert,
                        hint=f"{question}：\n{menu}")

    def confirm(self, question, default=False) -> bool:
        if not self.interactive:
            return default
        answer = self._input(f"{question} [{'Y/n' if default else 'y/N'}]：").lower()
        if not answer:
            return default
        return answer in ("y", "yes", "是", "好", "对")

    def report(self) -> str:
        """What was missing or wrong, for a run without a terminal."""
        lines = []
        for option, question in self.missing:
            lines.append(f"缺少 {option}（{question}）。 / Missing {option}.")
        for option, message in self.errors:
            lines.append(f"{option}：{message}")
        return "\n".join(lines)

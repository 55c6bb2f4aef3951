"""Horizontal bar charts as inline SVG, made at build time.

No JavaScript and no chart library: a chart is a few <rect> and <text> elements
with fixed fills (they print), an accessible name (<title>) and a text summary
(<desc>) referenced by aria-labelledby. Pages put the same numbers in a table
beside the chart, so nothing is only visible as a picture.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 360  # a phone (343 px of content at 375) shows it at ~95%: 15 px labels draw at 14 px, 12 px at 320
LABEL_WIDTH = 150  # room for about ten Chinese characters at 15px
BAR_X = LABEL_WIDTH + 8
VALUE_ROOM = 80  # room right of the longest bar for its value ("100.0%", "120 天")
ROW = 30
BAR_HEIGHT = 18
PAD = 8
FONT = 15
BAR_FILL = "#8c1c13"
AXIS = "currentColor"
TEXT = "currentColor"  # follows the page (print, high contrast)
MAX_LABEL_CHARS = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | int | None  # None: no data (drawn as "—", no bar)
    text: str = ""  # the value as shown; defaults to the number

    @property
    def shown(self) -> str:
        if self.text:
            return self.text
        return "—" if self.value is None else f"{self.value:g}"


def _e(text) -> str:
    return escape(str(text), quote=True)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(chart_id: str, title: str, summary: str, bars: list[Bar], max_value: float | None = None) -> str:
    """An <svg role="img"> whose accessible name is `title` and description `summary`."""
    known = [b.value for b in bars if b.value is not None]
    top = max_value if max_value is not None else max(known, default=0)
    span = WIDTH - BAR_X - VALUE_ROOM
    height = PAD * 2 + ROW * max(1, len(bars))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{_e(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{_e(chart_id)}-title {_e(chart_id)}-desc" '
        f'font-size="{FONT}" font-family="sans-serif">',
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>',
        f'<desc id="{_e(chart_id)}-desc">{_e(summary)}</desc>',
        f'<line x1="{BAR_X}" y1="{PAD}" x2="{BAR_X}" y2="{height - PAD}" stroke="{AXIS}" stroke-width="1"/>',
    ]
    if not bars:
        out.append(f'<text x="{BAR_X + 8}" y="{PAD + ROW // 2 + 5}" fill="{TEXT}">暂无数据</text>')
    for i, bar in enumerate(bars):
        y = PAD + i * ROW
        mid = y + ROW // 2 + 5  # text baseline near the row's middle
        label = _short(bar.label)
        title = f"<title>{_e(bar.label)}</title>" if label != bar.label else ""
        out.append(f'<text x="{LABEL_WIDTH}" y="{mid}" text-anchor="end" fill="{TEXT}">{title}{_e(label)}</text>')
        width = 0.0
        if bar.value is not None and top > 0:
            width = round(span * max(0.0, float(bar.value)) / top, 1)
        if width > 0:
            out.append(f'<rect x="{BAR_X}" y="{y + (ROW - BAR_HEIGHT) // 2}" width="{width:g}" '
                       f'height="{BAR_HEIGHT}" fill="{BAR_FILL}"/>')
        out.append(f'<text x="{BAR_X + width + 6:g}" y="{mid}" fill="{TEXT}">{_e(bar.shown)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def extremes(bars: list[Bar], higher_is: str = "最高", lower_is: str = "最低") -> str:
    """"最高：区发改委（100.0%）；最低：区民政局（50.0%）。" over bars that have a value."""
    known = [b for b in bars if b.value is not None]
    if not known:
        return "暂无数据。"
    hi = max(known, key=lambda b: b.value)
    lo = min(known, key=lambda b: b.value)
    if hi.value == lo.value:
        return f"共 {len(known)} 项，均为 {hi.shown}。"
    tied_hi = "、".join(b.label for b in known if b.value == hi.value)
    tied_lo = "、".join(b.label for b in known if b.value == lo.value)
    return f"共 {len(known)} 项；{higher_is}：{tied_hi}（{hi.shown}）；{lower_is}：{tied_lo}（{lo.shown}）。"

"""The charts of the statistics pages: which numbers, in which order, said how.

Each Chart carries its SVG (disclosure.svg) and the same numbers as table rows,
so templates show both; the summary is the SVG's <desc> for screen readers.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from disclosure import labels as L
from disclosure.svg import Bar, bar_chart, extremes


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    svg: Markup
    columns: tuple[str, str]  # the data table's headers: what, value
    rows: list[tuple[str, str]]


def make(chart_id, title, bars, columns, summary=None, max_value=None, rows=None) -> Chart:
    summary = summary or extremes(bars)
    svg = Markup(bar_chart(chart_id, title, summary, bars, max_value))
    return Chart(chart_id, title, summary, svg, columns, rows or [(b.label, b.shown) for b in bars])


def _count(n) -> str:
    return f"{n} 件"


def rate_bar(label, rate) -> Bar:
    pct = rate.percent
    return Bar(label, None if pct is None else float(pct), rate.text)


def rate_rows(labels, rates):
    """Table rows with the counts behind each rate: 80.0%（8/10）."""
    return [(label, f"{r.text}（{r.num}/{r.den}）" if r.den else r.text) for label, r in zip(labels, rates)]


def review(f, chart_id="chart-review") -> Chart:
    counts = [(L.REVIEW.label(k), f.reviews[k]) for k in ("filed", "merged", "not_filed", "converted")]
    counts.append(("待审查", f.unreviewed))
    bars = [Bar(label, n, _count(n)) for label, n in counts]
    summary = (f"共 {f.total} 件提案：" + "，".join(f"{label} {n} 件" for label, n in counts)
               + f"。立案率 {f.filing_rate.text}。")
    return make(chart_id, "审查结果（件）", bars, ("审查结果", "件数"), summary)


def progress(f, chart_id="chart-progress", title="已交办提案的答复进度（件）") -> Chart:
    counts = [("按期答复", f.on_time), ("逾期后答复", f.replied_late), ("办理中（未到期）", f.in_progress),
              ("逾期未答复", len(f.overdue))]
    if f.due_unknown:  # deadline 未知: neither on time nor late, neither in progress nor overdue
        counts += [("已答复（期限不详）", f.due_unknown - f.due_unknown_pending), ("未答复（期限不详）", f.due_unknown_pending)]
    bars = [Bar(label, n, _count(n)) for label, n in counts]
    summary = (f"已交办 {f.assigned} 件：" + "，".join(f"{label} {n} 件" for label, n in counts)
               + f"。办复率 {f.reply_rate.text}，按期办复率 {f.on_time_rate.text}"
               + (f"（{f.on_time_rate.left_out_text}）" if f.on_time_rate.left_out else "") + "。")
    return make(chart_id, title, bars, ("答复进度", "件数"), summary)


def satisfaction(f, chart_id="chart-satisfaction") -> Chart:
    s = f.satisfaction
    counts = [(L.SATISFACTION.label(k), getattr(s, k)) for k in ("satisfied", "basically_satisfied", "dissatisfied")]
    bars = [Bar(label, n, _count(n)) for label, n in counts]
    summary = (f"有委员反馈的提案 {s.total} 件：" + "，".join(f"{label} {n} 件" for label, n in counts)
               + f"。满意率 {s.satisfied_rate.text}，基本满意率 {s.basic_rate.text}。")
    return make(chart_id, "委员反馈（件）", bars, ("满意程度", "件数"), summary)


def results(f, vocab, chart_id="chart-results") -> Chart:
    codes = vocab.result_codes
    bars = [Bar(f"{c.code}类", f.results.get(c.code, 0), f"{f.results.get(c.code, 0)} 份") for c in codes]
    rows = [(f"{c.code}类：{c.label}{'（解决采纳）' if c.adopted else ''}", b.shown) for c, b in zip(codes, bars)]
    summary = (f"现行主办（分办）答复 {f.with_result} 份：" + "，".join(f"{b.label} {b.shown}" for b in bars)
               + f"。解决采纳率 {f.adoption_rate.text}"
               + (f"（{f.adoption_rate.left_out_text}）" if f.adoption_rate.left_out else "") + "。")
    return make(chart_id, "答复类别（份）", bars, ("答复类别", "份数"), summary, rows=rows)


def group_rate(groups, attr, title, chart_id, what) -> Chart:
    """One bar per group (year, category …) for a rate of its figures."""
    rates = [getattr(g.figures, attr) for g in groups]
    bars = [rate_bar(g.label, r) for g, r in zip(groups, rates)]
    return make(chart_id, title, bars, (what, "比率"), max_value=100,
                rows=rate_rows([g.label for g in groups], rates))


def unit_rate(units, attr, title, chart_id) -> Chart:
    rates = [getattr(u, attr) for u in units]
    bars = [rate_bar(u.unit.label, r) for u, r in zip(units, rates)]
    return make(chart_id, title, bars, ("承办单位", "比率"), max_value=100,
                rows=rate_rows([u.unit.label for u in units], rates))


def unit_days(units, chart_id="chart-unit-days") -> Chart:
    bars = [Bar(u.unit.label, u.days.median,
                "—" if u.days.median is None else f"{u.days.median_text} 天") for u in units]
    summary = extremes(bars, higher_is="用时最长", lower_is="用时最短")
    return make(chart_id, "各承办单位答复用时中位数（天）", bars, ("承办单位", "中位数"), summary)

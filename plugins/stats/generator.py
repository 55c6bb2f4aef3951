"""Writes /stats/ and the pre-sorted tables of all units under /stats/units/."""
from __future__ import annotations

from disclosure import stats, urls
from disclosure_site.generator import SiteGenerator
from disclosure_site.pages import crumbs

from . import charts
from .unit_table import COLUMNS, sort_units


def stats_page_vars(site) -> dict:
    whole = stats.overall(site)
    years = stats.by_year(site)
    categories = stats.by_category(site)
    units = stats.all_unit_figures(site)
    active = [u for u in units if u.assigned]
    return {
        "overall": whole,
        "years": years,
        "sessions": stats.by_session(site),
        "categories": categories,
        "units": units,
        "definitions": stats.DEFINITIONS,
        "commitment_years": [(g.label, None, g.figures) for g in years],
        "commitment_units": [(u.unit.label, u.unit, u) for u in units if u.commitments],
        "charts": {
            "review": charts.review(whole),
            "progress": charts.progress(whole),
            "satisfaction": charts.satisfaction(whole),
            "results": charts.results(whole, site.vocab),
            "year_reply": charts.group_rate(years, "reply_rate", "各年度办复率", "chart-year-reply", "年度"),
            "year_on_time": charts.group_rate(years, "on_time_rate", "各年度按期办复率", "chart-year-on-time", "年度"),
            "category_reply": charts.group_rate(categories, "reply_rate", "各类别办复率", "chart-category-reply", "类别"),
            "unit_on_time": charts.unit_rate(active, "on_time_rate", "各承办单位按期办复率", "chart-unit-on-time"),
            "unit_days": charts.unit_days(active),
        },
        "year_charts": {g.key: charts.progress(g.figures, f"chart-year-{g.key}-progress",
                                               f"{g.label}已交办提案的答复进度（件）") for g in years},
    }


class StatsGenerator(SiteGenerator):

    def generate_output(self, writer):
        site = self.site
        writer.write_file(urls.output_file(urls.stats()), self.get_template("stats"), self.context,
                          page_url=urls.stats(), page_title="统计", breadcrumbs=crumbs(("统计", None)),
                          json_url=urls.data_file("stats.json"), **stats_page_vars(site))
        units = stats.all_unit_figures(site)
        for column in COLUMNS:
            url = urls.stats_units(column.key)
            writer.write_file(urls.output_file(url), self.get_template("stats_units"), self.context,
                              page_url=url, page_title="承办单位办理情况对比",
                              breadcrumbs=crumbs(("统计", urls.stats()), ("承办单位对比", None)),
                              json_url=urls.data_file("units.json"), units=sort_units(units, column),
                              columns=COLUMNS, current=column, stats_units_url=urls.stats_units)

"""What the page and the report show of a performance report: rows, charts and statements."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from scrutiny.performance import charts
from scrutiny.performance.selectors import TOTAL, Comparison, IndicatorValue, PartnerRow, PerformanceReport
from scrutiny.performance.statements import comparison_phrase, statements
from scrutiny.performance.templatetags.performance_tags import num, pct, rate, signed

COMPARISON_NAMES = {"previous": "Previous period", "last-year": "Same period last year"}


@dataclass
class Row:
    """An indicator as a table row: its label, then the cells under `Presented.headers`."""

    value: IndicatorValue
    cells: list[str]


def change_text(comparison: Comparison | None) -> str:
    """'−3 (−9.1%)': the change in number and per cent; '–' when there is no comparison."""
    if comparison is None:
        return "–"
    return f"{signed(comparison.change)} ({pct(comparison.change_percent)})"


def headers(report: PerformanceReport) -> list[str]:
    """Both comparisons side by side, the leading one first."""
    cells = [report.period.short]
    for kind, earlier in report.comparisons:
        cells += [f"{COMPARISON_NAMES[kind]} ({earlier.short})", "Change"]
    cells += ["Per 1,000", "Rank"]
    if report.county:
        cells.append(f"{report.county.name} per 1,000")
    return cells


def row(value: IndicatorValue, report: PerformanceReport) -> Row:
    cells = [num(value.count)]
    for kind, _earlier in report.comparisons:
        comparison = value.comparison(kind)
        cells += [num(None if comparison is None else comparison.before), change_text(comparison)]
    cells += [rate(value.rate), f"{value.rank} of {value.rank_of}" if value.rank else "–"]
    if report.county:
        cells.append(rate(value.county_rate))
    return Row(value=value, cells=cells)


@dataclass
class Presented:
    report: PerformanceReport
    statements: list[str]
    comparison: str
    comparison_text: str
    trend_svg: SafeString
    ranked_svg: SafeString | None
    change_svg: SafeString
    headline: list[IndicatorValue]
    by_type: list[IndicatorValue]
    partner_rows: list[PartnerRow]
    headers: list[str]
    headline_rows: list[Row]
    type_rows: list[Row]


def present(report: PerformanceReport) -> Presented:
    total = report.indicator(TOTAL)
    series = report.series[TOTAL]
    trend = charts.trend_chart(
        title=f"Total recorded crime by month, {report.area.name}",
        months=[p.month for p in series],
        current=[p.count for p in series],
        previous=[p.year_before for p in series],
        current_label="Twelve months to " + f"{series[-1].month:%B %Y}",
        previous_label="The year before",
        description="Monthly counts; the dashed line is the same month a year earlier.",
    )
    ranked = None
    if total.group and report.group is not None:
        ranked = charts.ranked_bar_chart(
            title=f"Total recorded crime per 1,000 population, {report.period.label}",
            bars=[charts.Bar(label=g.area.name, value=g.rate, highlight=g.is_home) for g in total.group],
            reference=(
                charts.Reference(label=f"{report.county.name} average", value=total.county_rate)
                if report.county and total.county_rate is not None
                else None
            ),
            description=f"{report.group.name} of {report.area.name}.",
        )
    by_type = [v for v in report.indicators if v.definition.kind == "type"]
    headline = [v for v in report.indicators if v.definition.kind in ("total", "asb", "priority")]
    change = charts.change_chart(
        title=f"Change by crime type, {report.period.label} against {comparison_phrase(report)}",
        rows=[charts.Change(label=v.definition.label, percent=v.change_percent, difference=v.change) for v in by_type],
    )
    return Presented(
        report=report,
        statements=statements(report),
        comparison=comparison_phrase(report),
        # "the previous period" already names its months; "the previous quarter" does not.
        comparison_text=" and ".join(
            comparison_phrase(report, kind) + ("" if report.period.noun() == "period" else f" ({earlier.label})")
            for kind, earlier in report.comparisons
        ),
        trend_svg=mark_safe(trend),  # noqa: S308 (built by charts, every text escaped there)
        ranked_svg=mark_safe(ranked) if ranked else None,  # noqa: S308
        change_svg=mark_safe(change),  # noqa: S308
        headline=headline,
        by_type=by_type,
        partner_rows=report.partner_rows,
        headers=headers(report),
        headline_rows=[row(v, report) for v in headline],
        type_rows=[row(v, report) for v in by_type],
    )

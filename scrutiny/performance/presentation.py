"""What the page and the report show of a performance report: rows, charts and statements."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from scrutiny.performance import charts
from scrutiny.performance.selectors import TOTAL, PerformanceReport
from scrutiny.performance.statements import comparison_phrase, statements


@dataclass
class Presented:
    report: PerformanceReport
    statements: list[str]
    comparison: str
    trend_svg: SafeString
    ranked_svg: SafeString | None
    change_svg: SafeString
    headline: list
    by_type: list
    partner_rows: list


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
    if total.group:
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
    change = charts.change_chart(
        title=f"Change by crime type, {report.period.label} against {comparison_phrase(report)}",
        rows=[charts.Change(label=v.definition.label, percent=v.change_percent, difference=v.change) for v in by_type],
    )
    return Presented(
        report=report,
        statements=statements(report),
        comparison=comparison_phrase(report),
        trend_svg=mark_safe(trend),  # noqa: S308 (built by charts, every text escaped there)
        ranked_svg=mark_safe(ranked) if ranked else None,  # noqa: S308
        change_svg=mark_safe(change),  # noqa: S308
        headline=[v for v in report.indicators if v.definition.kind in ("total", "asb", "priority")],
        by_type=by_type,
        partner_rows=report.partner_rows,
    )

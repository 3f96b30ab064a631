"""Short statements of fact written from the figures, as an officer would write them.

Plain English, no judgement ("fell", not "improved"), numbers as the tables show them.
"""

from __future__ import annotations

from scrutiny.performance.selectors import IndicatorValue, PerformanceReport


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def comparison_phrase(report: PerformanceReport) -> str:
    noun = report.period.noun()
    if report.compare == "last-year":
        return f"the same {noun} last year" if noun != "period" else f"the same period last year ({report.compared_with.label})"
    return f"the previous {noun}" if noun != "period" else f"the previous period ({report.compared_with.label})"


def change_sentence(value: IndicatorValue, report: PerformanceReport) -> str | None:
    label = value.definition.label.split(" (")[0]
    if value.before is None:
        return None
    against = comparison_phrase(report)
    if value.change == 0:
        return f"{label} was unchanged compared with {against} ({value.count:,})."
    verb = "rose" if value.change > 0 else "fell"
    if value.change_percent is None:
        return f"{label} {verb} from none to {value.count:,} compared with {against}."
    return (
        f"{label} {verb} {abs(value.change_percent):.1f}% compared with {against} "
        f"({value.before:,} to {value.count:,})."
    )


def rate_sentence(value: IndicatorValue, report: PerformanceReport) -> str | None:
    if value.rate is None:
        return None
    text = f"{report.area.name} recorded {value.rate:.1f} per 1,000 population"
    if value.county_rate is not None and report.county is not None:
        relation = "above" if value.rate > value.county_rate else "below" if value.rate < value.county_rate else "equal to"
        text += f", {relation} the {report.county.name} average of {value.county_rate:.1f}"
    if value.rank is not None:
        text += f", and ranked {ordinal(value.rank)} highest of {value.rank_of} in the {report.group.name}"
    return text + "."


def statements(report: PerformanceReport, *, limit_types: int = 3) -> list[str]:
    """The headline statements: total crime, ASB, priorities, then the biggest movers by type."""
    lines: list[str] = []
    headline = [v for v in report.indicators if v.definition.kind in ("total", "asb", "priority")]
    for value in headline:
        sentence = change_sentence(value, report)
        if sentence:
            lines.append(sentence)
    total = report.indicator("total-recorded-crime")
    rate = rate_sentence(total, report)
    if rate:
        lines.append(rate.replace(" recorded ", " recorded total crime of ", 1))
    movers = sorted(
        (v for v in report.indicators if v.definition.kind == "type" and v.change and v.before),
        key=lambda v: -abs(v.change),
    )[:limit_types]
    for value in movers:
        sentence = change_sentence(value, report)
        if sentence:
            lines.append(sentence)
    return lines

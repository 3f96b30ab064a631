"""Short statements of fact written from the figures, as an officer would write them.

Plain English, no judgement ("fell", not "improved"), numbers as the tables show them. A
headline indicator's sentence gives both comparisons, the leading one (the report's
`compare`, by default the same period last year) first: "Total recorded crime fell 3.1%
compared with the same quarter last year (640 to 620), and rose 2.0% compared with the
previous quarter (608 to 620)."
"""

from __future__ import annotations

from scrutiny.performance.selectors import Comparison, IndicatorValue, PerformanceReport


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def comparison_phrase(report: PerformanceReport, kind: str | None = None) -> str:
    """'the same quarter last year', 'the previous month'...: the leading comparison unless `kind`."""
    kind = kind or report.compare
    noun = report.period.noun()
    earlier = report.period.compared(kind)
    if kind == "last-year":
        return f"the same {noun} last year" if noun != "period" else f"the same period last year ({earlier.label})"
    return f"the previous {noun}" if noun != "period" else f"the previous period ({earlier.label})"


def _clause(comparison: Comparison, count: int, against: str) -> str:
    if comparison.change == 0:
        return f"was unchanged compared with {against} ({count:,})"
    verb = "rose" if comparison.change > 0 else "fell"
    if comparison.change_percent is None:
        return f"{verb} from none to {count:,} compared with {against}"
    return f"{verb} {abs(comparison.change_percent):.1f}% compared with {against} ({comparison.before:,} to {count:,})"


def change_sentence(value: IndicatorValue, report: PerformanceReport, *, kinds: tuple[str, ...] | None = None) -> str | None:
    """The indicator's change against each comparison that can be made, the leading one first."""
    label = value.definition.label.split(" (")[0]
    kinds = kinds or tuple(kind for kind, _ in report.comparisons)
    clauses = [
        _clause(c, value.count, comparison_phrase(report, kind))
        for kind in kinds
        if (c := value.comparison(kind)) is not None
    ]
    if not clauses:
        return None
    return f"{label} {', and '.join(clauses)}."


def rate_sentence(value: IndicatorValue, report: PerformanceReport) -> str | None:
    if value.rate is None:
        return None
    text = f"{report.area.name} recorded {value.rate:.1f} per 1,000 population"
    if value.county_rate is not None and report.county is not None:
        relation = "above" if value.rate > value.county_rate else "below" if value.rate < value.county_rate else "equal to"
        text += f", {relation} the {report.county.name} average of {value.county_rate:.1f}"
    if value.rank is not None and report.group is not None:
        text += f", and ranked {ordinal(value.rank)} highest of {value.rank_of} in the {report.group.name}"
    return text + "."


def statements(report: PerformanceReport, *, limit_types: int = 3) -> list[str]:
    """The headline statements: total crime, ASB, priorities, then the biggest movers by type
    (against the leading comparison)."""
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
        key=lambda v: -abs(v.change or 0),
    )[:limit_types]
    for value in movers:
        sentence = change_sentence(value, report, kinds=(report.compare,))
        if sentence:
            lines.append(sentence)
    return lines

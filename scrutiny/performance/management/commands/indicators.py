import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.core.csv_cells import dict_writer
from scrutiny.performance.models import Area
from scrutiny.performance.periods import Period, PeriodError
from scrutiny.performance.selectors import (
    Comparison,
    IndicatorValue,
    PartnerRow,
    PerformanceReport,
    performance_report,
)
from scrutiny.performance.statements import statements

#: --compare previous|last-year: one comparison, in these columns.
FIELDS = ("indicator", "count", "compared", "change", "change_percent", "rate_per_1000", "rank", "rank_of", "county_rate",
          "source")
#: --compare both: the previous period and the same period last year side by side.
FIELDS_BOTH = ("indicator", "count", "previous", "previous_change", "previous_change_percent", "last_year",
               "last_year_change", "last_year_change_percent", "rate_per_1000", "rank", "rank_of", "county_rate",
               "source")

#: A line of output by column (FIELDS or FIELDS_BOTH; partners' lines have a few more), as the
#: csv and json writers take it.
Row = dict[str, object]


def _round(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _comparison_fields(comparison: Comparison | None, prefix: str) -> Row:
    if comparison is None:
        return {prefix: None, f"{prefix}_change": None, f"{prefix}_change_percent": None}
    return {
        prefix: comparison.before,
        f"{prefix}_change": comparison.change,
        f"{prefix}_change_percent": _round(comparison.change_percent),
    }


def _row(v: IndicatorValue, *, both: bool) -> Row:
    row: Row = {"indicator": v.definition.label, "count": v.count}
    if both:
        row |= _comparison_fields(v.previous, "previous") | _comparison_fields(v.last_year, "last_year")
    else:
        row |= {"compared": v.before, "change": v.change, "change_percent": _round(v.change_percent)}
    return row | {
        "rate_per_1000": _round(v.rate, 2),
        "rank": v.rank,
        "rank_of": v.rank_of,
        "county_rate": _round(v.county_rate, 2),
        "source": "police.uk",
    }


def _partner_row(p: PartnerRow, *, both: bool, compare: str) -> Row:
    """A partner's figure in the same columns: its figures in the period made one (the latest, their
    total or their average, as the indicator says), against the year before.

    Partners' figures are compared only with the year before (their periods vary), so with
    `--compare previous` the comparison columns stay empty rather than mean something else.
    """
    value, before = _number(p.value), _number(p.year_before)
    change = None if p.value is None or p.year_before is None else _number(p.value - p.year_before)
    row: Row = {"indicator": p.indicator.name, "count": value}
    if both:
        row |= {"previous": None, "previous_change": None, "previous_change_percent": None,
                "last_year": before, "last_year_change": change, "last_year_change_percent": _round(p.change_percent)}
    elif compare == "last-year":
        row |= {"compared": before, "change": change, "change_percent": _round(p.change_percent)}
    else:
        row |= {"compared": None, "change": None, "change_percent": None}
    return row | {
        "rate_per_1000": None,
        "rank": None,
        "rank_of": None,
        "county_rate": None,
        "source": p.indicator.organisation.short_name or p.indicator.organisation.name,
        "unit": p.indicator.unit,
        "frequency": p.indicator.frequency,
        "period": None if p.span is None else {"from": f"{p.span[0]}", "to": f"{p.span[1]}"},
        "combined": p.how or None,
        "year_before": before,
    }


def _cell(value: object, fmt: str = ",") -> str:
    return "" if value is None else format(value, fmt)


class Command(BaseCommand):
    help = "Print the indicators of an area for a period: counts, changes, rates per 1,000, ranks (open data only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help="The area's code, e.g. E07000107 for Dartford.")
        parser.add_argument("--from", dest="first", required=True, help="First month, YYYY-MM.")
        parser.add_argument("--to", dest="last", required=True, help="Last month, YYYY-MM.")
        parser.add_argument("--compare", choices=["previous", "last-year", "both"], default="last-year",
                            help="The comparison to print; 'both' gives the previous period and the same period "
                                 "last year side by side.")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["first"], options["last"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        area = Area.objects.filter(code=options["area"].strip().upper()).first()
        if area is None:
            raise CommandError(f"No area with the code {options['area']!r}: load the ONS lookups with import-areas.")
        both = options["compare"] == "both"
        # The command line is not a place for figures given in confidence: open data only, and
        # the partners' open figures (include_confidential stays False whoever runs it).
        report = performance_report(area=area, period=period, compare="last-year" if both else options["compare"],
                                    include_confidential=False)
        rows = [_row(v, both=both) for v in report.indicators]
        partner_rows = [_partner_row(p, both=both, compare=options["compare"]) for p in report.partner_rows
                        if not p.indicator.is_exempt]
        {"table": self._table, "csv": self._csv, "json": self._json}[options["format"]](report, rows, partner_rows,
                                                                                       both)

    def _csv(self, report: PerformanceReport, rows: list[Row], partner_rows: list[Row], both: bool) -> None:
        writer = dict_writer(self.stdout, FIELDS_BOTH if both else FIELDS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows + partner_rows)

    def _json(self, report: PerformanceReport, rows: list[Row], partner_rows: list[Row], both: bool) -> None:
        def span(p: Period) -> dict[str, str]:
            return {"from": f"{p.first:%Y-%m}", "to": f"{p.last:%Y-%m}"}

        data: dict[str, object] = {
            "area": {"code": report.area.code, "name": report.area.name},
            "period": span(report.period),
        }
        if both:
            data["previous_period"] = span(report.previous_period)
            data["last_year_period"] = span(report.last_year_period)
        else:
            data["compared_with"] = span(report.compared_with)
        data |= {
            "population": None if report.population is None else
            {"year": report.population.year, "population": report.population.population},
            "indicators": rows,
            "partner_indicators": partner_rows,
            "notes": report.notes,
        }
        self.stdout.write(json.dumps(data, indent=2))

    def _table(self, report: PerformanceReport, rows: list[Row], partner_rows: list[Row], both: bool) -> None:
        out = self.stdout
        against = (f"{report.previous_period.label} and {report.last_year_period.label}" if both
                   else report.compared_with.label)
        out.write(f"{report.area.name} ({report.area.code}), {report.period.label}, compared with {against}")
        if report.population:
            out.write(f"Population: {report.population.population:,} (ONS mid-{report.population.year})")
        comparisons = (("previous", "Previous"), ("last_year", "Last year")) if both else (("compared", "Before"),)
        headers = ["Indicator", "Count"]
        for _key, title in comparisons:
            headers += [title, "Change", "%"]
        headers += ["Per 1,000", "Rank", "County"]
        table = [headers]
        for r in rows:
            line = [str(r["indicator"])[:44], _cell(r["count"])]
            for key, _title in comparisons:
                change_key = "change" if key == "compared" else f"{key}_change"
                line += [_cell(r[key]), _cell(r[change_key], "+,"), _cell(r[f"{change_key}_percent"], "+.1f")]
            line += [_cell(r["rate_per_1000"], ".2f"), "" if r["rank"] is None else f"{r['rank']}/{r['rank_of']}",
                     _cell(r["county_rate"], ".2f")]
            table.append(line)
        widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
        for row in table:
            out.write("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if partner_rows:
            out.write("Partner agencies' figures (open; the latest in the period, against a year before):")
            for r in partner_rows:
                span = r["period"]
                period = f"{span['from']} to {span['to']}" if isinstance(span, dict) else "no figure in the period"
                figures = "" if r["count"] is None else f": {r['count']:,}"
                if r["year_before"] is not None:
                    percent = r["last_year_change_percent"] if both else r["change_percent"]
                    figures += f" (a year before {r['year_before']:,}"
                    figures += ")" if percent is None else f", {percent:+.1f}%)"
                out.write(f"  {r['indicator']} ({r['source']}), {period}{figures}")
        for sentence in statements(report) + report.notes:
            out.write(f"- {sentence}")

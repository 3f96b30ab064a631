import csv
import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from scrutiny.performance.models import Area
from scrutiny.performance.periods import Period, PeriodError
from scrutiny.performance.selectors import performance_report
from scrutiny.performance.statements import statements

FIELDS = ("indicator", "count", "compared", "change", "change_percent", "rate_per_1000", "rank", "rank_of", "county_rate",
          "source")


def _round(value, places=1):
    return None if value is None else round(value, places)


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _partner_row(p) -> dict:
    """A partner's figure in the same columns: its latest figure in the period, against the year before."""
    value, before = _number(p.value), _number(p.year_before)
    latest = p.figures[-1] if p.figures else None
    return {
        "indicator": p.indicator.name,
        "count": value,
        "compared": before,
        "change": None if value is None or before is None else _number(p.value - p.year_before),
        "change_percent": _round(p.change_percent),
        "rate_per_1000": None,
        "rank": None,
        "rank_of": None,
        "county_rate": None,
        "source": p.indicator.organisation.short_name or p.indicator.organisation.name,
        "unit": p.indicator.unit,
        "frequency": p.indicator.frequency,
        "period": None if latest is None else {"from": f"{latest.period_start}", "to": f"{latest.period_end}"},
    }


class Command(BaseCommand):
    help = "Print the indicators of an area for a period: counts, changes, rates per 1,000, ranks (open data only)."

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="The area's code, e.g. E07000107 for Dartford.")
        parser.add_argument("--from", dest="first", required=True, help="First month, YYYY-MM.")
        parser.add_argument("--to", dest="last", required=True, help="Last month, YYYY-MM.")
        parser.add_argument("--compare", choices=["previous", "last-year"], default="last-year")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args, **options):
        try:
            period = Period.parse(options["first"], options["last"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        area = Area.objects.filter(code=options["area"].strip().upper()).first()
        if area is None:
            raise CommandError(f"No area with the code {options['area']!r}: load the ONS lookups with import-areas.")
        # The command line is not a place for figures given in confidence: open data only, and
        # the partners' open figures (include_confidential stays False whoever runs it).
        report = performance_report(area=area, period=period, compare=options["compare"], include_confidential=False)
        rows = [self._row(v) for v in report.indicators]
        partner_rows = [_partner_row(p) for p in report.partner_rows if not p.indicator.is_exempt]
        {"table": self._table, "csv": self._csv, "json": self._json}[options["format"]](report, rows, partner_rows)

    @staticmethod
    def _row(v) -> dict:
        return {
            "indicator": v.definition.label,
            "count": v.count,
            "compared": v.before,
            "change": v.change,
            "change_percent": _round(v.change_percent),
            "rate_per_1000": _round(v.rate, 2),
            "rank": v.rank,
            "rank_of": v.rank_of,
            "county_rate": _round(v.county_rate, 2),
            "source": "police.uk",
        }

    def _csv(self, report, rows, partner_rows):
        writer = csv.DictWriter(self.stdout, fieldnames=FIELDS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows + partner_rows)

    def _json(self, report, rows, partner_rows):
        self.stdout.write(
            json.dumps(
                {
                    "area": {"code": report.area.code, "name": report.area.name},
                    "period": {"from": f"{report.period.first:%Y-%m}", "to": f"{report.period.last:%Y-%m}"},
                    "compared_with": {"from": f"{report.compared_with.first:%Y-%m}", "to": f"{report.compared_with.last:%Y-%m}"},
                    "population": None if report.population is None else
                    {"year": report.population.year, "population": report.population.population},
                    "indicators": rows,
                    "partner_indicators": partner_rows,
                    "notes": report.notes,
                },
                indent=2,
            )
        )

    def _table(self, report, rows, partner_rows):
        out = self.stdout
        out.write(f"{report.area.name} ({report.area.code}), {report.period.label}, compared with {report.compared_with.label}")
        if report.population:
            out.write(f"Population: {report.population.population:,} (ONS mid-{report.population.year})")
        headers = ("Indicator", "Count", "Before", "Change", "%", "Per 1,000", "Rank", "County")
        table = [headers] + [
            (
                r["indicator"][:44],
                f"{r['count']:,}",
                "" if r["compared"] is None else f"{r['compared']:,}",
                "" if r["change"] is None else f"{r['change']:+,}",
                "" if r["change_percent"] is None else f"{r['change_percent']:+.1f}",
                "" if r["rate_per_1000"] is None else f"{r['rate_per_1000']:.2f}",
                "" if r["rank"] is None else f"{r['rank']}/{r['rank_of']}",
                "" if r["county_rate"] is None else f"{r['county_rate']:.2f}",
            )
            for r in rows
        ]
        widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
        for row in table:
            out.write("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if partner_rows:
            out.write("Partner agencies' figures (open; the latest in the period, against a year before):")
            for r in partner_rows:
                period = "no figure in the period" if r["period"] is None else f"{r['period']['from']} to {r['period']['to']}"
                figures = "" if r["count"] is None else f": {r['count']:,}"
                if r["compared"] is not None:
                    figures += f" (a year before {r['compared']:,}"
                    figures += ")" if r["change_percent"] is None else f", {r['change_percent']:+.1f}%)"
                out.write(f"  {r['indicator']} ({r['source']}), {period}{figures}")
        for line in statements(report) + report.notes:
            out.write(f"- {line}")

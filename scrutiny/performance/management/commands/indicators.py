import csv
import json

from django.core.management.base import BaseCommand, CommandError

from scrutiny.performance.models import Area
from scrutiny.performance.periods import Period, PeriodError
from scrutiny.performance.selectors import performance_report
from scrutiny.performance.statements import statements

FIELDS = ("indicator", "count", "compared", "change", "change_percent", "rate_per_1000", "rank", "rank_of", "county_rate")


def _round(value, places=1):
    return None if value is None else round(value, places)


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
        # The command line is not a place for figures given in confidence: open data only.
        report = performance_report(area=area, period=period, compare=options["compare"])
        rows = [self._row(v) for v in report.indicators]
        {"table": self._table, "csv": self._csv, "json": self._json}[options["format"]](report, rows)

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
        }

    def _csv(self, report, rows):
        writer = csv.DictWriter(self.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    def _json(self, report, rows):
        self.stdout.write(
            json.dumps(
                {
                    "area": {"code": report.area.code, "name": report.area.name},
                    "period": {"from": f"{report.period.first:%Y-%m}", "to": f"{report.period.last:%Y-%m}"},
                    "compared_with": {"from": f"{report.compared_with.first:%Y-%m}", "to": f"{report.compared_with.last:%Y-%m}"},
                    "population": None if report.population is None else
                    {"year": report.population.year, "population": report.population.population},
                    "indicators": rows,
                    "notes": report.notes,
                },
                indent=2,
            )
        )

    def _table(self, report, rows):
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
        for line in statements(report) + report.notes:
            out.write(f"- {line}")

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.performance.areas import AreaRefused, areas_import


class Command(BaseCommand):
    help = (
        "Load an ONS area lookup: LSOA to ward to district (e.g. LSOA11_WD17_LAD17_EW_lookup.csv) or "
        "district to CSP to police force area (e.g. LAD19_CSP19_PFA19_EW_lookup.csv). CSV or Excel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; store nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            run = areas_import(source=path, name=path.name, dry_run=options["dry_run"])
        except AreaRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{path.name}: {run.message}.")
        for label, count in run.report.get("issues", {}).items():
            self.stdout.write(f"- {label}: {count}")
            for example in run.report["examples"].get(label, []):
                self.stdout.write(f"    {example}")

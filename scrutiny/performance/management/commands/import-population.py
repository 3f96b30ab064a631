from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.performance.areas import AreaRefused, population_import


class Command(BaseCommand):
    help = "Load ONS mid-year population estimates (CSV, .xls or .xlsx, as the ONS publishes them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--year", type=int, help="The mid-year, when the file name and title do not say it.")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; store nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            run = population_import(source=path, name=path.name, year=options["year"], dry_run=options["dry_run"])
        except AreaRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{path.name}: {run.message}.")
        for label, count in run.report.get("issues", {}).items():
            self.stdout.write(f"- {label}: {count}")
            for example in run.report["examples"].get(label, []):
                self.stdout.write(f"    {example}")

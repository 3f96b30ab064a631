from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from scrutiny.performance.models import ImportStatus, PoliceFile
from scrutiny.performance.periods import PeriodError, month_parse
from scrutiny.performance.progress import ProgressBar
from scrutiny.performance.services import police_import, police_month_clear


def _kinds(counts: dict[str, int]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in sorted(counts.items()))


def _describe(f: PoliceFile) -> str:
    line = f"{f.name}: {f.rows_read:,} rows read, {f.rows_loaded:,} counted; rejected: {_kinds(f.rejects) or 'none'}"
    if f.warnings:
        line += f"; warnings: {_kinds(f.warnings)}"
    if f.replaced_rows:
        line += f"; replaces {f.replaced_rows:,} rows held before"
    if f.error:
        line += f"; REFUSED: {f.error}"
    return line


class Command(BaseCommand):
    help = (
        "Import police.uk street-level crime files (a folder, a zip archive as downloaded, or single "
        "YYYY-MM-<force>-street.csv files). Each force's month replaces what was held for it; a file "
        "with nothing to count is refused. `--clear-month FORCE YYYY-MM --reason TEXT` empties a month instead."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", help="Folders, zip archives or street-level CSV files.")
        parser.add_argument("--clear-month", nargs=2, metavar=("FORCE", "YYYY-MM"),
                            help="Remove every count held for the force's month (recorded in the import history).")
        parser.add_argument("--reason", default="", help="Why the month is cleared (with --clear-month).")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; store nothing.")
        parser.add_argument("--quiet-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["clear_month"]:
            if options["paths"]:
                raise CommandError("Give either files to import or --clear-month, not both.")
            self._clear(*options["clear_month"], reason=options["reason"])
            return
        if not options["paths"]:
            raise CommandError("Give the folders, zip archives or street-level files to import (or --clear-month).")
        # The bar writes to the stream itself (the one given to call_command, else the process's):
        # self.stderr, Django's wrapper of it, would end and colour each redraw.
        bar = None if options["quiet_progress"] else ProgressBar(options.get("stderr") or sys.stderr)
        run = police_import(sources=options["paths"], dry_run=options["dry_run"], progress=bar)
        for f in run.police_files.all():
            self.stdout.write(_describe(f))
        for skipped in run.report.get("skipped", []):
            self.stdout.write(f"skipped {skipped['name']}: {skipped['reason']}")
        self.stdout.write(
            f"Import {run.pk}: {run.get_status_display()}. {run.rows_read:,} rows read, "
            f"{run.rows_loaded:,} counted, {run.rows_rejected:,} not counted. {run.message}"
        )
        if run.status == ImportStatus.FAILED:
            raise CommandError(run.message or "The import failed.")

    def _clear(self, force: str, month_text: str, *, reason: str) -> None:
        try:
            month = month_parse(month_text)
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        if not reason.strip():
            raise CommandError(f"Say why {force} {month_text} is to be cleared: --reason TEXT (kept in the import history).")
        try:
            run = police_month_clear(force=force, month=month, by=None, reason=reason)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Import {run.pk}: {run.message}")

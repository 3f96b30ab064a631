"""scrutiny annual-report COMMITTEE YEAR --format docx|pdf|html --out FILE [--members]

The committee's annual report for a municipal year ("2016-17"), as the screens print it: the
public version (as published, once it is), or with --members the version holding the business
considered in private, marked NOT FOR PUBLICATION."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.annual_report import selectors
from scrutiny.annual_report.models import ReportStatus
from scrutiny.annual_report.printing import FORMATS, report_file
from scrutiny.governance.models import Committee


def start_year(text: str) -> int:
    """'2016-17' (or '2016/17', '2016') to 2016; a CommandError for anything else."""
    match = re.fullmatch(r"(\d{4})(?:[-/](\d{2}|\d{4}))?", text.strip())
    if match is None:
        raise CommandError(f"{text!r} is not a municipal year: write it as 2016-17.")
    first = int(match.group(1))
    if match.group(2) and int(match.group(2)[-2:]) != (first + 1) % 100:
        raise CommandError(f"{text!r} is not a municipal year: its second year follows its first, as in 2016-17.")
    return first


class Command(BaseCommand):
    help = "Write the committee's annual report for a municipal year as Word, PDF or HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("committee", help="The committee's slug.")
        parser.add_argument("year", help="The municipal year, e.g. 2016-17.")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--out", required=True, help="The file to write.")
        parser.add_argument("--members", action="store_true",
                            help="The members' version, with the business considered in private.")

    def handle(self, *args: Any, **options: Any) -> None:
        committee = Committee.objects.select_related("council").filter(slug=options["committee"]).first()
        if committee is None:
            raise CommandError(f"No committee has the slug {options['committee']!r}.")
        year = start_year(options["year"])
        if year not in selectors.report_years(committee=committee):
            raise CommandError(f"{committee.name} held no meeting in {options['year']}: there is nothing to report.")
        report = selectors.for_year(committee=committee, start_year=year)
        if options["members"]:
            composed = selectors.compose(report=report, may_see=selectors.everything)
        elif report.status == ReportStatus.PUBLISHED and report.published_content is not None:
            composed = report.published_content
        else:
            composed = selectors.compose(report=report, may_see=selectors.public)
        out = Path(options["out"])
        try:
            out.write_bytes(report_file(composed, options["format"]))
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}.") from error
        version = "members' version, NOT FOR PUBLICATION" if composed["mark"] else "public version"
        self.stdout.write(f"{composed['title']} ({version}, {composed['status'].lower()}) written to {out}.")

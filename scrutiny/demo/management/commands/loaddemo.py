from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.demo.accounts import demo_accounts_ensure
from scrutiny.demo.loader import DemoDataError, DirectorySource, load_demo, publish_demo_agendas
from scrutiny.demo.performance import performance_demo_load


class Command(BaseCommand):
    help = "Load the Dartford demo (committee, people, meetings, minutes, work programme). Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the data and report; change nothing."
        )
        parser.add_argument(
            "--source", help="Folder of demo YAML files (default: the packaged Dartford demo)."
        )
        parser.add_argument(
            "--no-accounts", action="store_true", help="Do not create the demo sign-in accounts."
        )
        parser.add_argument(
            "--performance-months",
            type=int,
            default=36,
            help="Months of generated police.uk counts for the performance pages (default 36; 0: none).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = DirectorySource(Path(options["source"])) if options["source"] else DirectorySource()
        try:
            report = load_demo(source=source, dry_run=options["dry_run"])
        except DemoDataError as exc:
            raise CommandError(f"The demo data has a problem, nothing was loaded: {exc}") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if options["dry_run"]:
            self.stdout.write(
                self.style.WARNING(f"Dry run: {report.changed} record(s) would change; nothing was saved.")
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"Dartford demo loaded: {report.changed} record(s) created or updated.")
        )
        for line in publish_demo_agendas():
            self.stdout.write(f"  {line}")
        if options["performance_months"] > 0:
            for line in performance_demo_load(months=options["performance_months"]):
                self.stdout.write(f"  {line}")
        if not options["no_accounts"]:
            for account, created in demo_accounts_ensure():
                state = "created" if created else "already exists; password unchanged"
                self.stdout.write(
                    f"  Sign in as '{account.username}' / '{account.password}' ({state}): {account.who}"
                )

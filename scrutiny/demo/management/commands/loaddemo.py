from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.demo.accounts import demo_accounts_ensure, secret_of
from scrutiny.demo.loader import EXAMPLE_DIR, DemoDataError, DirectorySource, load_demo, publish_demo_agendas
from scrutiny.demo.performance import performance_demo_load


class Command(BaseCommand):
    help = (
        "Load the Dartford demo (committee, people, meetings, minutes, work programme) and, beside it, the "
        "invented Example District Council. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the data and report; change nothing."
        )
        parser.add_argument(
            "--source",
            help="Folder of demo YAML files (default: the packaged Dartford demo, then the invented example council).",
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
        if options["source"]:
            sources = [("The demo", DirectorySource(Path(options["source"])))]
        else:
            sources = [("Dartford demo", DirectorySource()), ("Example District Council (invented)", DirectorySource(EXAMPLE_DIR))]
        for name, source in sources:
            try:
                report = load_demo(source=source, dry_run=options["dry_run"])
            except DemoDataError as exc:
                raise CommandError(f"{name}: the data has a problem, nothing of it was loaded: {exc}") from None
            for line in report.lines():
                self.stdout.write(f"  {line}")
            if options["dry_run"]:
                self.stdout.write(
                    self.style.WARNING(f"Dry run, {name}: {report.changed} record(s) would change; nothing was saved.")
                )
            else:
                self.stdout.write(self.style.SUCCESS(f"{name} loaded: {report.changed} record(s) created or updated."))
        if options["dry_run"]:
            return
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
                if account.totp_key:
                    self.stdout.write(
                        f"    then a code (DEMO ONLY): authenticator app key {secret_of(account)}, or a recovery "
                        f"code: {', '.join(account.recovery_codes)} (each works once; restored by loaddemo)"
                    )

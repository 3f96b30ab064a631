from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.governance.models import Committee
from scrutiny.programme.services import recurring_items_propose


class Command(BaseCommand):
    help = "Propose each recurring work-programme item for the future meetings it applies to (run daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--committee", help="Slug of one committee (default: all).")

    def handle(self, *args: Any, **options: Any) -> None:
        committees = Committee.objects.all()
        if options["committee"]:
            committees = committees.filter(slug=options["committee"])
            if not committees.exists():
                raise CommandError(f"No committee with the slug {options['committee']!r}.")
        for committee in committees:
            created = recurring_items_propose(committee=committee)
            self.stdout.write(f"{committee.name}: {len(created)} item(s) proposed for an officer to accept.")

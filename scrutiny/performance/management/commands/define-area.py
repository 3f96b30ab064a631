from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.performance.areas import AreaRefused, area_define
from scrutiny.performance.models import AreaLevel


class Command(BaseCommand):
    help = "Define an area as a set of other areas: the town centre as LSOAs, a county as its districts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="A code of your own, e.g. DART-TC.")
        parser.add_argument("name")
        parser.add_argument("parts", nargs="+", help="Codes of the LSOAs (or districts) it is made of.")
        parser.add_argument("--level", default=AreaLevel.CUSTOM, choices=[v for v in AreaLevel.values if v != AreaLevel.LSOA])

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            area = area_define(code=options["code"], name=options["name"], parts=options["parts"], level=options["level"])
        except AreaRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{area}: {area.lsoas.count():,} LSOAs.")

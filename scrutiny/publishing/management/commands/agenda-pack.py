from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.publishing.pack import PackError, build_packs
from scrutiny.rules.exempt_information import not_for_publication_mark


class Command(BaseCommand):
    help = "Write a meeting's agenda pack (as it stands now) to a PDF: the public pack or the members' Part 2 pack."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "meeting",
            help="The meeting: its number, or its date (YYYY-MM-DD) with --committee if several meet that day.",
        )
        part = parser.add_mutually_exclusive_group(required=True)
        part.add_argument("--public", action="store_true", help="The public pack (no exempt content).")
        part.add_argument(
            "--part2", action="store_true", help=f"The Part 2 pack: exempt, {not_for_publication_mark()}."
        )
        parser.add_argument("--out", required=True, help="Where to write the PDF.")
        parser.add_argument("--committee", help="Slug of the committee, with a date.")

    def handle(self, *args: Any, **options: Any) -> None:
        meeting = self._meeting(options["meeting"], options["committee"])
        try:
            public, part2 = build_packs(meeting)
        except PackError as exc:
            raise CommandError(str(exc)) from None
        pack = public if options["public"] else part2
        if pack is None:
            raise CommandError(
                f"The meeting of {meeting.date_display} has no exempt business: there is no Part 2 pack."
            )
        out = Path(options["out"])
        out.write_bytes(pack.pdf)
        self.stdout.write(f"{out}: {pack.page_count} pages ({pack.front_pages} of front sheet and agenda).")
        for item in AgendaItem.internal.filter(meeting=meeting).order_by("position"):
            if item.pk in pack.ranges:
                title = item.title if options["part2"] or not item.is_exempt else item.public_title or item.title
                self.stdout.write(f"  {item.number or '-':>2}  {pack.range_text(item.pk):<16} {title}")

    def _meeting(self, raw: str, committee: str | None) -> Meeting:
        meetings = Meeting.objects.all()
        if raw.isdigit():
            meetings = meetings.filter(pk=int(raw))
        else:
            try:
                meetings = meetings.filter(date=dt.date.fromisoformat(raw))
            except ValueError:
                raise CommandError(f"{raw!r} is neither a meeting number nor a date (YYYY-MM-DD).") from None
        if committee:
            meetings = meetings.filter(committee__slug=committee)
        found = list(meetings[:2])
        if not found:
            raise CommandError(f"No meeting matches {raw!r}.")
        if len(found) > 1:
            raise CommandError(f"Several meetings match {raw!r}: give --committee.")
        return found[0]

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.governance.models import Committee, NoticeCounting
from scrutiny.rules import deadlines
from scrutiny.rules.deadlines import Convention


class Command(BaseCommand):
    help = "Print the deadlines for a meeting on DATE (YYYY-MM-DD) with the reasoning: which days were not clear."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("date", help="Date of the meeting, YYYY-MM-DD")
        parser.add_argument("--committee", help="Slug of the committee whose protocol settings apply.")
        parser.add_argument(
            "--convention", choices=Convention.values, help="Count clear days as working or calendar days."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            meeting = dt.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(
                f"{options['date']!r} is not a date: write it as YYYY-MM-DD, e.g. 2018-02-21."
            ) from None
        committee = None
        if options["committee"]:
            committee = Committee.objects.filter(slug=options["committee"]).first()
            if committee is None:
                raise CommandError(f"No committee with the slug {options['committee']!r}.")
        convention = options["convention"] or (
            committee.clear_days_convention if committee else Convention.WORKING
        )
        other = Convention.CALENDAR if convention == Convention.WORKING else Convention.WORKING
        publish = deadlines.agenda_publication_deadline(meeting, convention=convention)
        alternative = deadlines.agenda_publication_deadline(meeting, convention=other)
        out = self.stdout.write
        out(f"Meeting: {meeting:%A} {meeting.day} {meeting:%B %Y}")
        out("")
        out(
            self.style.SUCCESS(
                f"Publish the agenda and reports by: {publish.date:%A} {publish.date.day} {publish.date:%B %Y}"
            )
        )
        for line in publish.reasoning():
            out(f"  {line}")
        if alternative.date != publish.date:
            out(
                f"  ({Convention(other).label.split(' (')[0]} would give {alternative.date:%A} {alternative.date.day} {alternative.date:%B %Y}: "
                f"{'a later, riskier' if alternative.date > publish.date else 'an earlier'} date.)"
            )
        days = committee.partner_notice_days if committee else 28
        counting = committee.partner_notice_counting if committee else NoticeCounting.CLEAR
        partner = deadlines.partner_request_deadline(meeting, days=days, counting=counting)
        out("")
        out(
            f"Ask a partner to attend or to provide information by: {partner:%A} {partner.day} {partner:%B %Y}"
        )
        out(f"  {days} days' notice ({counting} days) ({deadlines.PARTNER_NOTICE_CITATION}).")
        keep = deadlines.open_to_inspection_until(meeting)
        out("")
        out(
            f"Keep the agenda, public reports and minutes open to inspection until: {keep.date.day} {keep.date:%B %Y}"
        )
        out(f"  {keep.rule} ({keep.citation}).")

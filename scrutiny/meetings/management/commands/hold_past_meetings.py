from typing import Any

from django.core.management.base import BaseCommand

from scrutiny.meetings.services import meetings_hold_past


class Command(BaseCommand):
    help = (
        "Record as held every meeting whose agenda was published and whose day has passed. Run it daily "
        "(cron or a systemd timer). A meeting that passed without a published agenda is left for an officer: "
        "the dashboard lists it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        held = meetings_hold_past()
        for meeting in held:
            self.stdout.write(f"  {meeting.committee.name}: the meeting of {meeting.date_display} is recorded as held.")
        self.stdout.write(self.style.SUCCESS(f"{len(held)} meeting(s) recorded as held."))

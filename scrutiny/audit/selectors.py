"""Reads of the openings record, for the committee's officers: per meeting, per person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, QuerySet

from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting

from .models import ExemptOpening


def _openings() -> QuerySet[ExemptOpening]:
    return ExemptOpening.objects.select_related("meeting", "document")


def openings_of_meeting(*, meeting: Meeting) -> QuerySet[ExemptOpening]:
    return _openings().filter(meeting=meeting)


def openings_by_account(*, committee: Committee, user_id: int) -> QuerySet[ExemptOpening]:
    """What one account opened of the committee's business (its meetings', and the rest)."""
    return _openings().filter(committee=committee, user_id=user_id)


@dataclass(frozen=True)
class Opener:
    user_id: int | None
    who: str
    username: str
    openings: int
    first: dt.datetime
    last: dt.datetime


def openers(*, committee: Committee) -> list[Opener]:
    """Everyone who opened the committee's exempt business, most recent first."""
    rows = (
        ExemptOpening.objects.filter(committee=committee)
        .values("user_id", "who", "username")
        .annotate(openings=Count("pk"), first=Min("opened_at"), last=Max("opened_at"))
        .order_by("-last")
    )
    return [Opener(**row) for row in rows]


@dataclass(frozen=True)
class MeetingOpenings:
    meeting: Meeting
    openings: int
    last: dt.datetime


def meetings_opened(*, committee: Committee) -> list[MeetingOpenings]:
    rows = (
        ExemptOpening.objects.filter(committee=committee, meeting__isnull=False)
        .values("meeting_id")
        .annotate(openings=Count("pk"), last=Max("opened_at"))
    )
    counts = {row["meeting_id"]: row for row in rows}
    meetings = Meeting.objects.filter(pk__in=counts).order_by("-date")
    return [MeetingOpenings(m, counts[m.pk]["openings"], counts[m.pk]["last"]) for m in meetings]


def openings_without_meeting(*, committee: Committee) -> QuerySet[ExemptOpening]:
    """Openings of the committee's business at large (partners' confidential figures)."""
    return _openings().filter(committee=committee, meeting__isnull=True)

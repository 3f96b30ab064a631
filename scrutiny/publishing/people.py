"""Councillors' pages and the register of decisions: public records only. A councillor's
attendance and declarations are read from published minutes (they are part of them); a
declaration on an exempt item names the item only by its public title."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from scrutiny.governance.models import MEMBER_ROLES, Committee, Person
from scrutiny.governance.selectors import (
    annual_meetings,
    membership_period,
    municipal_year_of,
    person_is_committee_member,
)
from scrutiny.meetings.models import Meeting, MeetingStatus
from scrutiny.minutes.models import (
    PUBLIC_MINUTES_STATUSES,
    Attendance,
    AttendanceKind,
    Declaration,
    Resolution,
)
from scrutiny.rules import municipal_year as municipal_year_rule

REGISTER_PAGE = 50


@dataclass(frozen=True)
class SeatLine:
    body: str
    role: str
    capacity: str
    party: str
    when: str


@dataclass
class AttendanceYear:
    year: str
    committee: str
    expected: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def present(self) -> int:
        return self.counts[AttendanceKind.PRESENT]

    @property
    def apologies(self) -> int:
        return self.counts[AttendanceKind.APOLOGIES]

    @property
    def absent(self) -> int:
        return self.counts[AttendanceKind.ABSENT]

    @property
    def substitute(self) -> int:
        return self.counts[AttendanceKind.SUBSTITUTE]


def councillors() -> QuerySet[Person]:
    return Person.objects.filter(is_councillor=True).order_by("family_name", "initials", "given_name")


def _when(start: dt.date | None, end: dt.date | None) -> str:
    def day(d: dt.date | None) -> str:
        return f"{d.day} {d:%B %Y}" if d else ""

    if start and end:
        return f"{day(start)} to {day(end)}"
    return f"from {day(start)}" if start else (f"until {day(end)}" if end else "")


def seats(person: Person) -> list[SeatLine]:
    out = []
    for m in person.memberships.select_related("organisation", "municipal_year").order_by("-starts_on", "-pk"):
        council = getattr(m.organisation, "committee", None)
        meetings_of_council = annual_meetings(council.council if council else m.organisation)
        start, end = membership_period(m, meetings_of_council)
        when = municipal_year_rule.label(m.municipal_year.start_year) if m.municipal_year else _when(start, end)
        out.append(SeatLine(m.organisation.name, m.get_role_display(), m.capacity, m.party_group, when))
    return sorted(out, key=lambda s: s.when, reverse=True)


def _public_meetings(committee: Committee) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee=committee, status=MeetingStatus.HELD,
                                  minutes_record__status__in=PUBLIC_MINUTES_STATUSES).order_by("date")


def attendance(person: Person) -> list[AttendanceYear]:
    """Per committee and municipal year, from published minutes: the meetings the person was
    expected at (a member's seat on the day), and how the minutes record them."""
    committees = {m.organisation_id for m in person.memberships.filter(role__in=MEMBER_ROLES)}
    committees |= set(Attendance.objects.filter(person=person).values_list("meeting__committee_id", flat=True))
    rows: dict[tuple[int, int], AttendanceYear] = {}
    for committee in Committee.objects.filter(pk__in=committees).select_related("council").order_by("name"):
        recorded = {a.meeting_id: a.kind for a in Attendance.objects.filter(person=person, meeting__committee=committee)}
        for meeting in _public_meetings(committee):
            expected = person_is_committee_member(person=person, committee=committee, on=[meeting.date])
            if not expected and meeting.pk not in recorded:
                continue
            year = municipal_year_of(council=committee.council, day=meeting.date)
            row = rows.setdefault((committee.pk, year), AttendanceYear(municipal_year_rule.label(year), committee.name))
            row.expected += int(expected)
            if meeting.pk in recorded:
                row.counts[recorded[meeting.pk]] += 1
    return sorted(rows.values(), key=lambda r: (r.year, r.committee), reverse=True)


def declarations(person: Person) -> list[Declaration]:
    return list(Declaration.objects.filter(person=person, meeting__minutes_record__status__in=PUBLIC_MINUTES_STATUSES)
                .select_related("meeting__committee", "agenda_item").order_by("-meeting__date", "pk"))


def register(*, committee: Committee | None, start_year: int | None, words: str) -> QuerySet[Resolution]:
    """The decisions the public may read, newest first, filtered."""
    found = Resolution.public.select_related("minute__meeting__committee__council").order_by(
        "-minute__meeting__date", "minute__position", "number")
    if committee is not None:
        found = found.filter(minute__meeting__committee=committee)
    if start_year is not None:
        first, last = municipal_year_rule.bounds(start_year, annual_meetings(committee.council) if committee else {})
        found = found.filter(minute__meeting__date__range=(first, last))
    for word in words.split()[:5]:
        found = found.filter(Q(text__icontains=word) | Q(minute__title__icontains=word))
    return found

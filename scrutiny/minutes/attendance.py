"""Writes for who attended a meeting and what they declared.

Attendance and declarations are part of the minutes: once the minutes are confirmed they
are kept as they were confirmed (a correction is an amendment at a later meeting).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from scrutiny.core.history import HISTORY_USER_ATTRIBUTE, save_with_history
from scrutiny.governance.models import Organisation, Person
from scrutiny.governance.selectors import members_on
from scrutiny.meetings.models import AgendaItem, Meeting

from .models import LOCKED_MINUTES_STATUSES, Attendance, AttendanceKind, Declaration, MinutesRecord


def _ensure_unlocked(meeting: Meeting) -> None:
    record = MinutesRecord.objects.filter(meeting=meeting).first()
    if record is not None and record.status in LOCKED_MINUTES_STATUSES:
        raise ValidationError(
            f"The minutes of {meeting.date_display} are {record.get_status_display().lower()}: who attended and "
            "what was declared are kept as confirmed. Record a correction as an amendment at a later meeting."
        )


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    kind: str,
    person: Person | None = None,
    name: str = "",
    capacity: str = "",
    substitute_for: Person | None = None,
    organisation: Organisation | None = None,
    by: User | None = None,
) -> Attendance:
    """Record one person's attendance (or apologies, absence, substitution)."""
    _ensure_unlocked(meeting)
    if person is None and not name.strip():
        raise ValidationError("Choose the person, or give the name as the minutes print it.")
    if person is not None and Attendance.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError(f"{person.formal_name} is already recorded for this meeting: remove that entry first.")
    if kind == AttendanceKind.SUBSTITUTE and substitute_for is None:
        raise ValidationError("A substitute names the member they substitute for.")
    position = (Attendance.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0) + 1
    entry = Attendance(
        meeting=meeting, position=position, kind=kind, person=person, name=name.strip(), capacity=capacity.strip(),
        substitute_for=substitute_for if kind == AttendanceKind.SUBSTITUTE else None, organisation=organisation,
    )
    save_with_history(entry, by=by)
    return entry


@transaction.atomic
def attendance_record_members(*, meeting: Meeting, by: User | None = None) -> list[Attendance]:
    """Record as present every member seated on the committee on the meeting's day who is not
    recorded yet: the officer then marks apologies and absences."""
    _ensure_unlocked(meeting)
    recorded = set(Attendance.objects.filter(meeting=meeting, person__isnull=False).values_list("person_id", flat=True))
    added = []
    for membership in members_on(committee=meeting.committee, day=meeting.date):
        person = membership.person
        if person is None or person.pk in recorded:
            continue
        capacity = f"({membership.get_role_display()})" if membership.role in ("chairman", "vice_chairman") else ""
        added.append(attendance_record(meeting=meeting, kind=AttendanceKind.PRESENT, person=person,
                                       capacity=capacity, by=by))
        recorded.add(person.pk)
    return added


@transaction.atomic
def attendance_remove(*, attendance: Attendance, by: User | None = None) -> None:
    _ensure_unlocked(attendance.meeting)
    setattr(attendance, HISTORY_USER_ATTRIBUTE, by)
    attendance.delete()


@transaction.atomic
def declaration_record(
    *,
    meeting: Meeting,
    agenda_item: AgendaItem,
    person: Person,
    kind: str,
    description: str,
    dispensation: str = "",
    by: User | None = None,
) -> Declaration:
    """Record an interest declared on an item, with any dispensation granted."""
    _ensure_unlocked(meeting)
    declaration = Declaration(meeting=meeting, agenda_item=agenda_item, person=person, kind=kind,
                              description=description.strip(), dispensation=dispensation.strip())
    save_with_history(declaration, by=by)
    return declaration


@transaction.atomic
def declaration_remove(*, declaration: Declaration, by: User | None = None) -> None:
    _ensure_unlocked(declaration.meeting)
    setattr(declaration, HISTORY_USER_ATTRIBUTE, by)
    declaration.delete()

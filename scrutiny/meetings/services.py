"""Writes to meetings and agendas: creating a meeting with its standard items, adding,
moving and removing items, and keeping the agenda arranged and numbered; recording a
meeting as held or cancelled (MEETING_WORKFLOW).

The agenda's order is: the open items (standard opening items, business, next meeting) in
the officer's order; then, if any item is exempt, the resolution to exclude the press and
public; then the exempt (Part 2) items, lettered A, B, ... Numbers follow the order.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.core.history import save_with_history
from scrutiny.core.models import BusinessKind
from scrutiny.governance.models import Committee
from scrutiny.rules.exempt_information import ExemptionGround, exclusion_resolution

from .models import (
    MEETING_WORKFLOW,
    OPEN_MEETING_STATUSES,
    AgendaItem,
    DatePrecision,
    ItemRole,
    Meeting,
    MeetingStatus,
    MeetingStep,
)
from .selectors import agenda_is_late, next_meeting, previous_held_meeting

# The committee's standard opening items, as Dartford prints them (seed 003).
STANDARD_ITEMS = [
    (ItemRole.APOLOGIES, "Apologies for Absence", "To note any apologies for absence."),
    (
        ItemRole.DECLARATIONS,
        "Declarations of Interest",
        "To receive any declarations of interest from Members, including the terms(s) of any Grant(s) of Dispensation.",
    ),
    (
        ItemRole.MINUTES,
        "Confirmation of the Minutes of the meeting held on {previous}",
        "To confirm the Minutes of the meeting held on {previous} as an accurate record.",
    ),
    (
        ItemRole.URGENT,
        "Urgent Items",
        "The Chairman will announce his decision as to whether there are any urgent items and their position on the agenda.",
    ),
    (ItemRole.REFERENCES, "To consider references from other Committees (if any)", ""),
    (
        ItemRole.REGULATION_9,
        "Regulation 9 Notice",
        "To note the contents of the Regulation 9 Notice of forthcoming key decisions.",
    ),
]


def _label(meeting: Meeting) -> str:
    """'26 July 2017', as the agenda names an earlier meeting ('July 2019' if the day is not known)."""
    if meeting.date_precision == DatePrecision.MONTH:
        return f"{meeting.date:%B %Y}"
    return f"{meeting.date.day} {meeting.date:%B %Y}"


@transaction.atomic
def meeting_create(
    *,
    committee: Committee,
    date: dt.date,
    start_time: dt.time | None = None,
    venue: str = "",
    by: User | None = None,
) -> Meeting:
    """Schedule a meeting. Its agenda is built once the work programme has placed items on
    it (agenda_build)."""
    if (
        Meeting.objects.filter(committee=committee, date=date)
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError(f"{committee.name} already has a meeting on {date.day} {date:%B %Y}.")
    meeting = Meeting(
        committee=committee, date=date, start_time=start_time, venue=venue, status=MeetingStatus.SCHEDULED
    )
    save_with_history(meeting, by=by)
    return meeting


def _refused(step: str) -> Callable[[Meeting], str]:
    def refusal(meeting: Meeting) -> str:
        return f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: it cannot be {step}."

    return refusal


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by: User | None = None) -> Meeting:
    """Record that the meeting took place (its minutes are being drafted)."""
    return MEETING_WORKFLOW.step(meeting, MeetingStep.HOLD, by=by, refused=_refused("recorded as held")).record


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User | None = None) -> Meeting:
    """Cancel a meeting that has not taken place. Its record stays: a published agenda
    remains as it was published, and the calendar shows the meeting as cancelled."""
    return MEETING_WORKFLOW.step(meeting, MeetingStep.CANCEL, by=by, refused=_refused("cancelled")).record


@transaction.atomic
def agenda_build(*, meeting: Meeting, by: User | None = None) -> list[AgendaItem]:
    """The draft agenda: the standard opening items, the work-programme items planned for
    the meeting, and 'Next meeting', arranged and numbered."""
    from scrutiny.documents.models import Document, DocumentKind
    from scrutiny.programme.selectors import scheduled_items

    if AgendaItem.internal.filter(meeting=meeting).exists():
        raise ValidationError(
            f"The agenda for {meeting.date_display} already has items: add to it or change them instead."
        )
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(
            f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: its agenda cannot be rebuilt."
        )
    previous = previous_held_meeting(meeting=meeting)
    position = 0
    for role, title, purpose in STANDARD_ITEMS:
        if role == ItemRole.MINUTES and previous is None:
            continue
        position += 1
        fill = {"previous": _label(previous) if previous else ""}
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=title.format(**fill),
            purpose=purpose.format(**fill),
            kind=BusinessKind.PROCEDURAL if role != ItemRole.REGULATION_9 else BusinessKind.STANDARD,
            role=role,
            expects_report=role in (ItemRole.MINUTES, ItemRole.REGULATION_9),
        )
        save_with_history(item, by=by)
        if role == ItemRole.MINUTES and previous is not None:
            paper = Document(
                agenda_item=item,
                position=1,
                title=f"Minutes of the meeting held on {_label(previous)}",
                kind=DocumentKind.OTHER,
                minutes_of=previous,
            )
            save_with_history(paper, by=by)
    for planned in scheduled_items(meeting=meeting):
        if planned.title.strip().lower() == "regulation 9 notice":
            continue  # already a standard item
        position += 1
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=planned.title,
            purpose=planned.description,
            kind=planned.kind,
            role=ItemRole.BUSINESS,
            expects_report=planned.kind != BusinessKind.DISCRETIONARY,
        )
        save_with_history(item, by=by)
        planned.considered_at = item
        save_with_history(planned, by=by)
        if planned.expected_exempt:
            # The cautious default: the papers go in Part 2 as supplied in confidence, with
            # an open covering item; the officer may change the ground.
            position += 1
            exempt = AgendaItem(
                meeting=meeting,
                position=position,
                title=planned.title,
                kind=planned.kind,
                role=ItemRole.BUSINESS,
                expects_report=True,
                is_exempt=True,
                exemption_ground=ExemptionGround.CONFIDENCE,
                exemption_note="Expected to be exempt in the work programme; check the ground.",
            )
            save_with_history(exempt, by=by)
    following = next_meeting(meeting=meeting)
    position += 1
    next_purpose = (
        f"The next meeting of the Committee will take place on {following.date_display}."
        if following
        else "To note the date of the next meeting."
    )
    save_with_history(
        AgendaItem(
            meeting=meeting,
            position=position,
            title="Next Meeting",
            purpose=next_purpose,
            kind=BusinessKind.PROCEDURAL,
            role=ItemRole.NEXT_MEETING,
        ),
        by=by,
    )
    return agenda_arrange(meeting=meeting, by=by)


@transaction.atomic
def agenda_arrange(*, meeting: Meeting, by: User | None = None) -> list[AgendaItem]:
    """Put the agenda in its lawful order and number it: open items 1..n, then (if needed)
    the exclusion resolution, then the exempt items A, B, ... Idempotent."""
    items = list(AgendaItem.internal.select_for_update().filter(meeting=meeting).order_by("position"))
    exempt = [i for i in items if i.is_exempt]
    exclusion = [i for i in items if i.role == ItemRole.EXCLUSION]
    open_items = [i for i in items if not i.is_exempt and i.role != ItemRole.EXCLUSION]
    # 'Next meeting' closes the open part.
    open_items.sort(key=lambda i: (i.role == ItemRole.NEXT_MEETING, i.position))
    if exempt and not exclusion:
        exclusion = [
            AgendaItem(
                meeting=meeting,
                position=0,
                title="Exclusion of the Press and Public",
                kind=BusinessKind.PROCEDURAL,
                role=ItemRole.EXCLUSION,
            )
        ]
    if not exempt and exclusion:
        for item in exclusion:
            item.delete()
        exclusion = []
    if exclusion:
        exclusion[0].purpose = exclusion_resolution(sorted({i.exemption_ground for i in exempt}))
        for extra in exclusion[1:]:
            extra.delete()
        exclusion = exclusion[:1]
    ordered = open_items + exclusion + exempt
    # Two passes so that the unique (meeting, position) and (meeting, number) constraints
    # hold at every step.
    top = (
        (AgendaItem.internal.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0)
        + len(ordered)
        + 1
    )
    for offset, item in enumerate(ordered):
        if item.pk:
            AgendaItem.internal.filter(pk=item.pk).update(position=top + offset, number="")
    letters = iter(string.ascii_uppercase)
    number = 0
    for position, item in enumerate(ordered, start=1):
        item.position = position
        if item.role == ItemRole.EXCLUSION:
            item.number = ""
        elif item.is_exempt:
            item.number = next(letters)
        else:
            number += 1
            item.number = str(number)
        save_with_history(item, by=by)
    return ordered


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    purpose: str = "",
    kind: str = BusinessKind.STANDARD,
    is_exempt: bool = False,
    exemption_ground: str = "",
    public_title: str = "",
    expects_report: bool = True,
    urgency_reason: str = "",
    by: User | None = None,
    today: dt.date | None = None,
) -> AgendaItem:
    """Add an item. After publication, or too late for five clear days, it is a supplementary
    item and needs the reason for urgency (LGA 1972 s100B(4))."""
    today = today or timezone.localdate()
    if meeting.status not in OPEN_MEETING_STATUSES:
        raise ValidationError(
            f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: its agenda is closed."
        )
    if is_exempt and not exemption_ground:
        raise ValidationError(
            f"“{title}” cannot be exempt without its reason: choose the paragraph of Schedule 12A or the obligation of confidence."
        )
    late = agenda_is_late(meeting=meeting, today=today)
    if late and not urgency_reason.strip():
        raise ValidationError(
            f"“{title}” is late for the meeting of {meeting.date_display}: record the special circumstances for which the "
            "Chairman decided it is urgent (LGA 1972 s100B(4)(b))."
        )
    position = (AgendaItem.internal.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        position=position,
        title=title.strip(),
        purpose=purpose,
        kind=kind,
        role=ItemRole.BUSINESS,
        is_exempt=is_exempt,
        exemption_ground=exemption_ground if is_exempt else "",
        public_title=public_title if is_exempt else "",
        expects_report=expects_report,
        is_supplementary=late,
        urgency_reason=urgency_reason.strip() if late else "",
    )
    save_with_history(item, by=by)
    agenda_arrange(meeting=meeting, by=by)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool, by: User | None = None) -> None:
    """Move an item one place up or down within its part of the agenda."""
    if item.role == ItemRole.EXCLUSION:
        raise ValidationError(
            "The resolution to exclude the press and public always stands before the Part 2 items."
        )
    siblings = list(
        AgendaItem.internal.filter(meeting=item.meeting, is_exempt=item.is_exempt)
        .exclude(role=ItemRole.EXCLUSION)
        .order_by("position")
    )
    index = [s.pk for s in siblings].index(item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    a, b = siblings[index], siblings[other]
    a_pos, b_pos = a.position, b.position
    AgendaItem.internal.filter(pk=a.pk).update(position=10_000)
    AgendaItem.internal.filter(pk=b.pk).update(position=a_pos)
    AgendaItem.internal.filter(pk=a.pk).update(position=b_pos)
    agenda_arrange(meeting=item.meeting, by=by)


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: User | None = None) -> None:
    if item.documents.exists():
        raise ValidationError(f"“{item.title}” has papers: remove them before removing the item.")
    if item.minutes.exists():
        raise ValidationError(f"“{item.title}” has a minute: it is part of the record and cannot be removed.")
    if item.role == ItemRole.EXCLUSION:
        raise ValidationError("The exclusion resolution follows the exempt items: it goes when they go.")
    meeting = item.meeting
    item.delete()
    agenda_arrange(meeting=meeting, by=by)

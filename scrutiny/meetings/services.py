"""Writes to meetings and agendas: creating a meeting, adding,
moving and removing items, and keeping the agenda arranged and numbered; recording a
meeting as held or cancelled (MEETING_WORKFLOW).

The agenda's order is: the open items (standard opening items, business, next meeting) in
the officer's order; then, if any item is exempt, the resolution to exclude the press and
public; then the exempt (Part 2) items, lettered A, B, ... Numbers follow the order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.core.history import HISTORY_USER_ATTRIBUTE, save_with_history
from scrutiny.core.models import BusinessKind
from scrutiny.governance.models import Committee
from scrutiny.governance.selectors import co_opted_on
from scrutiny.rules.agenda_numbering import Slot, item_numbers
from scrutiny.rules.co_option import MatterVote
from scrutiny.rules.exempt_information import exclusion_resolution

from .models import (
    MEETING_WORKFLOW,
    OPEN_MEETING_STATUSES,
    AgendaItem,
    CoOptedVote,
    DatePrecision,
    ItemRole,
    Meeting,
    MeetingStatus,
    MeetingStep,
    PaperExpected,
)
from .selectors import agenda_is_late


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
    it (scrutiny.publishing.services.agenda_build)."""
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


RECORDED_AFTER_THE_EVENT = "Recorded after the event"


@transaction.atomic
def meeting_record_past(
    *,
    committee: Committee,
    date: dt.date,
    date_precision: str = DatePrecision.DAY,
    start_time: dt.time | None = None,
    venue: str = "",
    by: User | None = None,
    today: dt.date | None = None,
) -> Meeting:
    """Record a meeting already held (recording mode), to enter its agenda, papers and minutes
    as the council published them, on their real dates. The meeting says when and by whom it
    was recorded; its history says it was recorded after the event."""
    today = today or timezone.localdate()
    if date >= today:
        raise ValidationError(
            f"{date.day} {date:%B %Y} has not passed: schedule a meeting to come; record only one already held."
        )
    if date_precision == DatePrecision.MONTH:
        date = date.replace(day=1)
    if Meeting.objects.filter(committee=committee, date=date).exclude(status=MeetingStatus.CANCELLED).exists():
        raise ValidationError(f"{committee.name} already has a meeting on {date.day} {date:%B %Y}.")
    meeting = Meeting(committee=committee, date=date, date_precision=date_precision, start_time=start_time,
                      venue=venue.strip(), status=MeetingStatus.SCHEDULED, recorded_at=timezone.now(), recorded_by=by)
    meeting._change_reason = RECORDED_AFTER_THE_EVENT  # type: ignore[attr-defined]  # django-simple-history reads it
    save_with_history(meeting, by=by)
    return meeting


def _ensure_open(meeting: Meeting, what: str) -> None:
    if meeting.status not in OPEN_MEETING_STATUSES:
        raise ValidationError(
            f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: {what}."
        )


def _ensure_free(committee: Committee, date: dt.date, *, besides: Meeting) -> None:
    clash = Meeting.objects.filter(committee=committee, date=date).exclude(status=MeetingStatus.CANCELLED)
    if clash.exclude(pk=besides.pk).exists():
        raise ValidationError(f"{committee.name} already has a meeting on {date.day} {date:%B %Y}.")


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    date: dt.date,
    date_precision: str = DatePrecision.DAY,
    start_time: dt.time | None = None,
    venue: str = "",
    by: User | None = None,
) -> Meeting:
    """Set a meeting's date, time and venue before it is held. Once its agenda is published
    the date is moved only by postponing it (`meeting_postpone`), which says so publicly."""
    _ensure_open(meeting, "its date, time and venue are kept as they were")
    if date != meeting.date and meeting.status == MeetingStatus.AGENDA_PUBLISHED:
        raise ValidationError(
            f"The agenda of the meeting of {meeting.date_display} is published: postpone the meeting to change its date."
        )
    _ensure_free(meeting.committee, date, besides=meeting)
    meeting.date, meeting.date_precision = date, date_precision
    meeting.start_time, meeting.venue = start_time, venue.strip()
    save_with_history(meeting, by=by)
    return meeting


@transaction.atomic
def meeting_postpone(*, meeting: Meeting, date: dt.date, reason: str, by: User | None = None) -> Meeting:
    """Move a meeting to come to a later date, saying so on its public record. A published
    agenda stays as published: publish it again for the new date."""
    _ensure_open(meeting, "it cannot be postponed")
    if date <= meeting.date:
        raise ValidationError(f"A postponed meeting is moved to a date after {meeting.date_display}.")
    if not reason.strip():
        raise ValidationError("Give the reason the meeting is postponed: it is shown with the meeting.")
    _ensure_free(meeting.committee, date, besides=meeting)
    statement = f"Postponed from {meeting.date_display}: {reason.strip()}"
    meeting.note = f"{meeting.note}\n\n{statement}".strip()
    meeting.date, meeting.date_precision = date, DatePrecision.DAY
    save_with_history(meeting, by=by)
    return meeting


@transaction.atomic
def meetings_hold_past(*, today: dt.date | None = None, by: User | None = None) -> list[Meeting]:
    """Record as held every meeting whose agenda was published and whose day has passed. A
    meeting whose day passed without a published agenda is left for an officer to record as
    held or cancelled: holding it would make its draft agenda public."""
    today = today or timezone.localdate()
    held = []
    for meeting in Meeting.objects.filter(status=MeetingStatus.AGENDA_PUBLISHED, date__lt=today).select_related(
        "committee"
    ):
        held.append(meeting_mark_held(meeting=meeting, by=by))
    return held


def _refused(step: str) -> Callable[[Meeting], str]:
    def refusal(meeting: Meeting) -> str:
        return f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: it cannot be {step}."

    return refusal


@transaction.atomic
def meeting_mark_agenda_published(*, meeting: Meeting, by: User | None = None) -> Meeting:
    """Record that the meeting's agenda is published (scrutiny.publishing.services publishes it)."""
    return MEETING_WORKFLOW.step(
        meeting, MeetingStep.PUBLISH_AGENDA, by=by, refused=_refused("given a published agenda")
    ).record


@transaction.atomic
def meeting_agenda_public_set(*, meeting: Meeting, public: bool, by: User | None = None) -> Meeting:
    """Open the agenda and its papers to the public, or close them again: only publishing and
    withdrawing call this (scrutiny.publishing.services), never a status change."""
    if meeting.agenda_public != public:
        meeting.agenda_public = public
        save_with_history(meeting, by=by)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by: User | None = None) -> Meeting:
    """Record that the meeting took place (its minutes are being drafted)."""
    return MEETING_WORKFLOW.step(meeting, MeetingStep.HOLD, by=by, refused=_refused("recorded as held")).record


@transaction.atomic
def meeting_record_held(*, meeting: Meeting, by: User | None = None, today: dt.date | None = None) -> Meeting:
    """An officer records that the meeting took place: not before its day."""
    today = today or timezone.localdate()
    if meeting.date > today:
        raise ValidationError(f"The meeting of {meeting.date_display} is still to come: it cannot be recorded as held yet.")
    return meeting_mark_held(meeting=meeting, by=by)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User | None = None) -> Meeting:
    """Cancel a meeting that has not taken place. Its record stays: a published agenda
    remains as it was published, and the calendar shows the meeting as cancelled."""
    return MEETING_WORKFLOW.step(meeting, MeetingStep.CANCEL, by=by, refused=_refused("cancelled")).record


@transaction.atomic
def agenda_arrange(*, meeting: Meeting, by: User | None = None) -> list[AgendaItem]:
    """Put the agenda in its lawful order and number it: open items, then (if needed) the
    exclusion resolution, then the exempt items, numbered in the committee's style
    (`rules.agenda_numbering`: 1..n and A, B, ..., or 1..n through both). Idempotent."""
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
    slots = [
        Slot.EXCLUSION if item.role == ItemRole.EXCLUSION else Slot.EXEMPT if item.is_exempt else Slot.OPEN
        for item in ordered
    ]
    for position, (item, number) in enumerate(
        zip(ordered, item_numbers(meeting.committee.agenda_numbering, slots), strict=True), start=1
    ):
        item.position = position
        item.number = number
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
    paper: str = PaperExpected.REPORT,
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
        paper=paper,
        is_supplementary=late,
        urgency_reason=urgency_reason.strip() if late else "",
    )
    save_with_history(item, by=by)
    agenda_arrange(meeting=meeting, by=by)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    purpose: str = "",
    kind: str = BusinessKind.STANDARD,
    paper: str = PaperExpected.REPORT,
    is_exempt: bool = False,
    exemption_ground: str = "",
    public_title: str = "",
    by: User | None = None,
) -> AgendaItem:
    """Change an item of a meeting to come: its title, the title the public sees, its
    purpose, kind and the paper expected. Making it exempt, or open, moves it between the
    parts of the agenda and renumbers them."""
    _ensure_open(item.meeting, "its agenda is closed")
    if item.role == ItemRole.EXCLUSION and is_exempt:
        raise ValidationError("The resolution to exclude the press and public is itself public business.")
    if is_exempt and not exemption_ground:
        raise ValidationError(
            f"“{title}” cannot be exempt without its reason: choose the paragraph of Schedule 12A or the obligation of confidence."
        )
    moved = item.is_exempt != is_exempt
    item.title, item.purpose, item.kind, item.paper = title.strip(), purpose, kind, paper
    item.is_exempt = is_exempt
    item.exemption_ground = exemption_ground if is_exempt else ""
    item.public_title = public_title.strip() if is_exempt else ""
    save_with_history(item, by=by)
    if moved:
        agenda_arrange(meeting=item.meeting, by=by)
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


@transaction.atomic
def agenda_item_decide_co_opted_votes(
    *, item: AgendaItem, decisions: Mapping[int, str], by: User | None = None
) -> AgendaItem:
    """Record whether each co-opted member (by seat) votes on the item, as the committee
    decided (`rules.co_option`): "as appointed" removes a decision made for the item."""
    meeting = item.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("The meeting was cancelled: nobody voted at it.")
    if item.role == ItemRole.EXCLUSION:
        raise ValidationError("The resolution to exclude the press and public is decided by the members alone here.")
    seats = {seat.pk: seat for seat in co_opted_on(committee=meeting.committee, day=meeting.date)}
    if set(decisions) - set(seats):
        raise ValidationError("Only the committee's co-opted members on the day of the meeting have a vote to decide.")
    for pk, decision in decisions.items():
        if decision not in MatterVote.values:
            raise ValidationError(f"Choose whether {seats[pk].holder_label} may vote on this item.")
        existing = CoOptedVote.objects.filter(agenda_item=item, membership_id=pk).first()
        if decision == MatterVote.AS_APPOINTED:
            if existing is not None:
                setattr(existing, HISTORY_USER_ATTRIBUTE, by)
                existing.delete()
            continue
        vote = existing or CoOptedVote(agenda_item=item, membership=seats[pk])
        vote.may_vote = decision == MatterVote.MAY_VOTE
        save_with_history(vote, by=by)
    return item

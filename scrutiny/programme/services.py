"""Writes to the work programme. Every change to an item goes through here and leaves a
WorkProgrammeChange behind; nothing is overwritten without a record. Items, versions and
draw-down requests move through the steps of their tables (ITEM_WORKFLOW,
VERSION_WORKFLOW, DRAW_DOWN_WORKFLOW), each step through `Workflow.step`.

Each service is keyword-only and atomic; a refusal raises ValidationError with a message
for the officer, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.core.history import save_with_history
from scrutiny.core.models import BusinessKind
from scrutiny.governance.models import Committee, Organisation, Person
from scrutiny.governance.selectors import municipal_year_of
from scrutiny.meetings.models import Meeting, MeetingStatus
from scrutiny.minutes.models import Minute, Resolution

from . import selectors
from .models import (
    DRAW_DOWN_WORKFLOW,
    ITEM_WORKFLOW,
    VERSION_WORKFLOW,
    ChangeKind,
    DecidedBy,
    DrawDownRequest,
    DrawDownStatus,
    DrawDownStep,
    DrawDownStepKind,
    ItemStatus,
    RecurringRule,
    VersionStatus,
    VersionStep,
    WorkPlanVersion,
    WorkProgrammeChange,
    WorkProgrammeItem,
)
from .selectors import check_target, rule_applies, rule_title, unused_item_key

# -- helpers ------------------------------------------------------------------------------


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _change(
    *,
    item: WorkProgrammeItem | None = None,
    rule: RecurringRule | None = None,
    kind: ChangeKind,
    decided_by: str,
    decided_on: dt.date | None,
    by: User | None,
    decided_by_note: str = "",
    decided_at: Meeting | None = None,
    from_meeting: Meeting | None = None,
    to_meeting: Meeting | None = None,
    reason: str = "",
    wording: str = "",
    resolution: Resolution | None = None,
) -> WorkProgrammeChange:
    """The next change record of an item or a rule, unsaved. A change made by the
    committee's resolution links to it."""
    owner = item or rule
    if owner is None:
        raise ValueError("A work-programme change is of an item or of a recurring rule.")
    if resolution is not None and resolution.minute.meeting.committee_id != owner.committee_id:
        raise ValidationError("The resolution is from another committee's minutes.")
    changes = WorkProgrammeChange.objects.filter(item=item) if item else WorkProgrammeChange.objects.filter(rule=rule)
    last: int = changes.aggregate(n=Max("sequence"))["n"] or 0
    return WorkProgrammeChange(
        item=item,
        rule=rule,
        sequence=last + 1,
        kind=kind,
        decided_by=decided_by,
        decided_by_note=decided_by_note,
        decided_on=decided_on,
        decided_at=decided_at,
        from_meeting=from_meeting,
        to_meeting=to_meeting,
        reason=reason,
        wording=wording,
        resolution=resolution,
        recorded_by=by,
    )


def _where(meeting: Meeting | None) -> str:
    return selectors.month_label(meeting) if meeting else "a date to be agreed"


# -- items --------------------------------------------------------------------------------


@transaction.atomic
def item_add(
    *,
    committee: Committee,
    title: str,
    kind: str,
    decided_by: str,
    decided_on: dt.date,
    target_meeting: Meeting | None = None,
    description: str = "",
    brought_by: Organisation | None = None,
    brought_by_note: str = "",
    expected_exempt: bool = False,
    statutory_subject: str = "",
    needs_attendance: bool = False,
    decided_at: Meeting | None = None,
    reason: str = "",
    resolution: Resolution | None = None,
    by: User | None = None,
    today: dt.date | None = None,
) -> WorkProgrammeItem:
    check_target(committee=committee, meeting=target_meeting, today=_today(today))
    item = WorkProgrammeItem(
        committee=committee,
        key=unused_item_key(committee, title),
        title=title.strip(),
        kind=kind,
        target_meeting=target_meeting,
        description=description,
        brought_by=brought_by,
        brought_by_note=brought_by_note,
        expected_exempt=expected_exempt,
        statutory_subject=statutory_subject,
        needs_attendance=needs_attendance,
        status=ItemStatus.PLANNED,
    )
    save_with_history(item, by=by)
    added = _change(
        item=item,
        kind=ChangeKind.ADDED,
        decided_by=decided_by,
        decided_on=decided_on,
        decided_at=decided_at,
        to_meeting=target_meeting,
        reason=reason,
        resolution=resolution,
        by=by,
        wording=f"{item.title} added to the Work Plan for {_where(target_meeting)}.",
    )
    save_with_history(added, by=by)
    return item


def _move_wording(item: WorkProgrammeItem, before: Meeting | None, to_meeting: Meeting | None) -> str:
    """The move as the papers word it: brought forward, postponed, placed, or to be agreed."""
    if to_meeting is None:
        return f"{item.title}: date to be agreed."
    if before is not None and to_meeting.date < before.date:
        return f"{item.title} b/f to {selectors.month_label(to_meeting)}."
    if before is not None:
        return f"{item.title} postponed until {selectors.month_label(to_meeting)}."
    return f"{item.title} to be considered in {selectors.month_label(to_meeting)}."


@transaction.atomic
def item_move(
    *,
    item: WorkProgrammeItem,
    to_meeting: Meeting | None,
    decided_by: str,
    decided_on: dt.date,
    reason: str,
    decided_by_note: str = "",
    decided_at: Meeting | None = None,
    resolution: Resolution | None = None,
    by: User | None = None,
    today: dt.date | None = None,
) -> WorkProgrammeChange:
    before: Meeting | None = None  # the target the move starts from, as locked

    def move(item: WorkProgrammeItem) -> None:
        nonlocal before
        if to_meeting is not None and to_meeting.pk == item.target_meeting_id:
            raise ValidationError(f"“{item.title}” is already planned for {to_meeting.date_display}.")
        if not reason.strip():
            raise ValidationError("Give the reason for the move, as it should appear in the record.")
        check_target(committee=item.committee, meeting=to_meeting, today=_today(today))
        before, item.target_meeting = item.target_meeting, to_meeting

    return ITEM_WORKFLOW.step(
        item,
        ChangeKind.MOVED,
        by=by,
        refused=lambda item: f"“{item.title}” is {item.get_status_display().lower()}: it cannot be moved.",
        apply=move,
        event=lambda item: _change(
            item=item,
            kind=ChangeKind.MOVED,
            decided_by=decided_by,
            decided_by_note=decided_by_note,
            decided_on=decided_on,
            decided_at=decided_at,
            from_meeting=before,
            to_meeting=to_meeting,
            reason=reason.strip(),
            wording=_move_wording(item, before, to_meeting),
            resolution=resolution,
            by=by,
        ),
    ).event


@transaction.atomic
def item_cancel(
    *,
    item: WorkProgrammeItem,
    decided_by: str,
    decided_on: dt.date,
    reason: str,
    decided_by_note: str = "",
    decided_at: Meeting | None = None,
    by: User | None = None,
) -> WorkProgrammeChange:
    def cancel(item: WorkProgrammeItem) -> None:
        if not reason.strip():
            raise ValidationError("Give the reason for the cancellation, as it should appear in the record.")

    who = f" by {decided_by_note}" if decided_by_note else ""
    return ITEM_WORKFLOW.step(
        item,
        ChangeKind.CANCELLED,
        by=by,
        refused=lambda item: f"“{item.title}” is already {item.get_status_display().lower()}.",
        apply=cancel,
        event=lambda item: _change(
            item=item,
            kind=ChangeKind.CANCELLED,
            decided_by=decided_by,
            decided_by_note=decided_by_note,
            decided_on=decided_on,
            decided_at=decided_at,
            from_meeting=item.target_meeting,
            reason=reason.strip(),
            wording=f"{item.title} cancelled{who}: {reason.strip()}",
            by=by,
        ),
    ).event


@transaction.atomic
def item_accept(
    *, item: WorkProgrammeItem, by: User | None = None, today: dt.date | None = None
) -> WorkProgrammeChange:
    today = _today(today)

    def accept(item: WorkProgrammeItem) -> None:
        check_target(committee=item.committee, meeting=item.target_meeting, today=today)

    return ITEM_WORKFLOW.step(
        item,
        ChangeKind.ACCEPTED,
        by=by,
        refused=lambda item: f"“{item.title}” is not a proposal awaiting acceptance.",
        apply=accept,
        event=lambda item: _change(
            item=item,
            kind=ChangeKind.ACCEPTED,
            decided_by=DecidedBy.OFFICER,
            decided_on=today,
            to_meeting=item.target_meeting,
            by=by,
        ),
    ).event


@transaction.atomic
def item_record_attendance_request(
    *, item: WorkProgrammeItem, requested_on: dt.date, by: User | None = None
) -> WorkProgrammeItem:
    if not item.needs_attendance:
        raise ValidationError(f"“{item.title}” does not need a partner to attend.")
    item.attendance_requested_on = requested_on
    save_with_history(item, by=by)
    return item


# -- recurring items ------------------------------------------------------------------------


@transaction.atomic
def recurring_items_propose(
    *, committee: Committee, by: User | None = None, today: dt.date | None = None
) -> list[WorkProgrammeItem]:
    """Propose each active rule's item for every future meeting it applies to, once: an item
    the officer has moved or declined is not proposed again."""
    today = _today(today)
    created: list[WorkProgrammeItem] = []
    meetings = list(selectors.plannable_meetings(committee=committee, today=today))
    for rule in RecurringRule.objects.filter(committee=committee, active=True).order_by("key"):
        for meeting in meetings:
            if (
                not rule_applies(rule, meeting)
                or WorkProgrammeItem.objects.filter(rule=rule, proposed_for=meeting).exists()
            ):
                continue
            title = rule_title(rule, meeting)
            item = WorkProgrammeItem(
                committee=committee,
                key=unused_item_key(committee, f"{title}-{meeting.date:%Y-%m}"),
                title=title,
                description=rule.description,
                kind=rule.kind,
                brought_by=rule.brought_by,
                brought_by_note=rule.brought_by_note,
                expected_exempt=rule.expected_exempt,
                statutory_subject=rule.statutory_subject,
                needs_attendance=rule.needs_attendance,
                target_meeting=meeting,
                status=ItemStatus.PROPOSED,
                rule=rule,
                proposed_for=meeting,
            )
            save_with_history(item, by=by)
            proposed = _change(
                item=item,
                kind=ChangeKind.ADDED,
                decided_by=DecidedBy.STANDING_RULE,
                decided_on=today,
                to_meeting=meeting,
                by=by,
                reason=f"Proposed from the recurring item “{rule}”.",
            )
            save_with_history(proposed, by=by)
            created.append(item)
    return created


@transaction.atomic
def rule_change_recurrence(
    *,
    rule: RecurringRule,
    recurrence: str,
    decided_by: str,
    decided_on: dt.date,
    reason: str,
    decided_at: Meeting | None = None,
    by: User | None = None,
) -> WorkProgrammeChange:
    if recurrence == rule.recurrence:
        raise ValidationError(
            f"“{rule.title_template}” already recurs {rule.get_recurrence_display().lower()}."
        )
    old = rule.get_recurrence_display().lower()
    rule.recurrence = recurrence
    save_with_history(rule, by=by)
    wording = f"{rule.title_template}: {old} becomes {rule.get_recurrence_display().lower()}."
    change = _change(
        rule=rule,
        kind=ChangeKind.FREQUENCY_CHANGED,
        decided_by=decided_by,
        decided_on=decided_on,
        decided_at=decided_at,
        reason=reason,
        wording=wording,
        by=by,
    )
    save_with_history(change, by=by)
    return change


# -- versions -------------------------------------------------------------------------------


@transaction.atomic
def version_propose(
    *, committee: Committee, title: str, prepared_on: dt.date, by: User | None = None, today: dt.date | None = None
) -> WorkPlanVersion:
    today = _today(today)
    # The version belongs to the municipal year it is prepared in: that year's rows and the
    # ones after. One prepared on a day past is the plan as it stood that day (recording).
    rows = selectors.plan_rows(committee=committee, today=today, from_year=municipal_year_of(
        council=committee.council, day=prepared_on), as_at=prepared_on if prepared_on < today else None)
    version = WorkPlanVersion(
        committee=committee,
        title=title,
        status=VersionStatus.PROPOSED,
        prepared_on=prepared_on,
        snapshot=selectors.snapshot(rows),
        created_by=by,
    )
    save_with_history(version, by=by)
    return version


@transaction.atomic
def version_approve(
    *,
    committee: Committee,
    meeting: Meeting,
    resolution_text: str,
    proposed: WorkPlanVersion | None = None,
    title: str = "",
    by: User | None = None,
    today: dt.date | None = None,
) -> WorkPlanVersion:
    """Freeze the plan as the committee approves it at `meeting` (with any changes made
    there already recorded on the items). One approval per meeting and per proposal: the
    proposed version itself stays as it was proposed (VERSION_WORKFLOW)."""
    today = _today(today)
    if meeting.committee_id != committee.pk:
        raise ValidationError(f"The meeting of {meeting.date_display} is not a meeting of {committee.name}.")
    if meeting.date > today:
        raise ValidationError(
            f"The meeting of {meeting.date_display} has not taken place yet: a plan is approved at the meeting."
        )
    existing = WorkPlanVersion.objects.filter(committee=committee, approved_at=meeting).first()
    if existing is not None:
        raise ValidationError(
            f"A work plan was already approved at the meeting of {meeting.date_display} (“{existing.title}”)."
        )
    if proposed is not None:
        if proposed.committee_id != committee.pk:
            raise ValidationError(f"“{proposed.title}” is not a work plan of {committee.name}.")
        VERSION_WORKFLOW.require(
            proposed,
            VersionStep.APPROVE,
            refused=lambda v: f"“{v.title}” is {v.get_status_display().lower()}: only a proposed work plan can be approved.",
        )
        approval = proposed.approvals.select_related("approved_at").first()
        if approval is not None:
            at = f" at the meeting of {approval.approved_at.date_display}" if approval.approved_at else ""
            raise ValidationError(f"“{proposed.title}” was already approved{at}.")
    if not resolution_text.strip():
        raise ValidationError("Give the resolution that approved the plan.")
    rows = selectors.plan_rows(
        committee=committee, today=meeting.date,
        from_year=municipal_year_of(council=committee.council, day=meeting.date),
        as_at=meeting.date if meeting.is_recorded_after_event else None,
    )
    version = WorkPlanVersion(
        committee=committee,
        title=title or (proposed.title if proposed else f"Work Plan approved {meeting.date_display}"),
        status=VersionStatus.APPROVED,
        prepared_on=proposed.prepared_on if proposed else meeting.date,
        approved_at=meeting,
        approved_on=meeting.date,
        resolution_text=resolution_text.strip(),
        based_on=proposed,
        snapshot=selectors.snapshot(rows),
        created_by=by,
    )
    save_with_history(version, by=by)
    return version


# -- draw-down requests ------------------------------------------------------------------------


def _draw_down_step(
    request: DrawDownRequest,
    kind: DrawDownStepKind,
    *,
    by: User | None,
    decided_by: Person | None = None,
    decided_by_note: str = "",
    decided_on: dt.date | None = None,
    note: str = "",
) -> DrawDownStep:
    """The request's next step, unsaved."""
    last: int = request.steps.aggregate(n=Max("sequence"))["n"] or 0
    return DrawDownStep(
        request=request,
        sequence=last + 1,
        kind=kind,
        decided_by=decided_by,
        decided_by_note=decided_by_note,
        decided_on=decided_on,
        note=note,
        recorded_by=by,
    )


@transaction.atomic
def draw_down_request(
    *,
    committee: Committee,
    topic: str,
    requested_by: Person | None = None,
    requested_by_note: str = "",
    requested_on: dt.date,
    description: str = "",
    by: User | None = None,
) -> DrawDownRequest:
    request = DrawDownRequest(
        committee=committee,
        topic=topic.strip(),
        description=description,
        requested_by=requested_by,
        requested_by_note=requested_by_note,
        requested_on=requested_on,
        status=DrawDownStatus.REQUESTED,
    )
    save_with_history(request, by=by)
    requested = _draw_down_step(
        request,
        DrawDownStepKind.REQUESTED,
        by=by,
        decided_by=requested_by,
        decided_by_note=requested_by_note,
        decided_on=requested_on,
    )
    save_with_history(requested, by=by)
    return request


def _draw_down_refused(action: str) -> Callable[[DrawDownRequest], str]:
    return lambda request: f"“{request.topic}” is {request.get_status_display().lower()}: it cannot be {action}."


@transaction.atomic
def draw_down_chairman_decide(
    *,
    request: DrawDownRequest,
    agreed: bool,
    chairman: Person | None = None,
    decided_on: dt.date,
    note: str = "",
    by: User | None = None,
) -> DrawDownRequest:
    kind = DrawDownStepKind.CHAIRMAN_AGREED if agreed else DrawDownStepKind.CHAIRMAN_DECLINED
    return DRAW_DOWN_WORKFLOW.step(
        request,
        kind,
        by=by,
        refused=_draw_down_refused("put to the Chairman now"),
        event=lambda request: _draw_down_step(
            request,
            kind,
            by=by,
            decided_by=chairman,
            decided_by_note="" if chairman else "The Chairman",
            decided_on=decided_on,
            note=note,
        ),
    ).record


@transaction.atomic
def draw_down_director_decide(
    *,
    request: DrawDownRequest,
    approved: bool,
    director: Person | None = None,
    director_note: str = "",
    decided_on: dt.date,
    note: str = "",
    target_meeting: Meeting | None = None,
    by: User | None = None,
    today: dt.date | None = None,
) -> DrawDownRequest:
    """The responsible Director's decision. Approval makes the topic a draw-down item of the
    work programme, for `target_meeting` or to be agreed."""

    def approve(request: DrawDownRequest) -> None:
        check_target(committee=request.committee, meeting=target_meeting, today=_today(today))
        request.item = item_add(
            committee=request.committee,
            title=request.topic,
            kind=BusinessKind.DRAW_DOWN,
            description=request.description,
            target_meeting=target_meeting,
            decided_by=DecidedBy.DIRECTOR,
            decided_on=decided_on,
            reason="Draw-down request approved by the Director.",
            by=by,
            today=today,
        )

    kind = DrawDownStepKind.DIRECTOR_APPROVED if approved else DrawDownStepKind.DIRECTOR_REFUSED
    return DRAW_DOWN_WORKFLOW.step(
        request,
        kind,
        by=by,
        refused=_draw_down_refused("put to the Director now"),
        apply=approve if approved else None,
        event=lambda request: _draw_down_step(
            request,
            kind,
            by=by,
            decided_by=director,
            decided_by_note=director_note or ("" if director else "The Director"),
            decided_on=decided_on,
            note=note,
        ),
    ).record


@transaction.atomic
def draw_down_withdraw(
    *, request: DrawDownRequest, decided_on: dt.date, note: str = "", by: User | None = None
) -> DrawDownRequest:
    return DRAW_DOWN_WORKFLOW.step(
        request,
        DrawDownStepKind.WITHDRAWN,
        by=by,
        refused=_draw_down_refused("withdrawn"),
        event=lambda request: _draw_down_step(
            request, DrawDownStepKind.WITHDRAWN, by=by, decided_on=decided_on, note=note
        ),
    ).record


# -- what a held meeting did with an item, as its minute records it ---------------------------


def _minute_reference(minute: Minute) -> str:
    return f" [Min. No. {minute.number} refers]" if minute.number else ""


def _minute_of_held_meeting(item: WorkProgrammeItem, minute: Minute) -> Meeting:
    meeting = minute.meeting
    if meeting.committee_id != item.committee_id:
        raise ValidationError(f"That minute is of another committee's meeting, not of {item.committee.name}'s.")
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: only "
                              "the minutes of a meeting held record what it did with the plan.")
    return meeting


def _outcome(
    item: WorkProgrammeItem, minute: Minute, kind: ChangeKind, *, by: User | None, wording: str,
    apply: Callable[[WorkProgrammeItem, Meeting], None] | None = None, to_meeting: Meeting | None = None,
    reason: str = "",
) -> WorkProgrammeChange:
    meeting = _minute_of_held_meeting(item, minute)
    before: Meeting | None = None  # where the item stood, as locked

    def change(record: WorkProgrammeItem) -> None:
        nonlocal before
        before = record.target_meeting
        if apply is not None:
            apply(record, meeting)

    return ITEM_WORKFLOW.step(
        item, kind, by=by,
        refused=lambda i: f"“{i.title}” is {i.get_status_display().lower()}: the minutes cannot record that again.",
        apply=change,
        event=lambda i: _change(item=i, kind=kind, decided_by=DecidedBy.COMMITTEE, decided_on=meeting.date,
                                decided_at=meeting, from_meeting=before, to_meeting=to_meeting, reason=reason,
                                wording=wording + _minute_reference(minute), by=by),
    ).event


@transaction.atomic
def item_consider(*, item: WorkProgrammeItem, minute: Minute, by: User | None = None) -> WorkProgrammeChange:
    """The minute of a held meeting records that the committee considered the item."""

    def considered(record: WorkProgrammeItem, meeting: Meeting) -> None:
        record.target_meeting = meeting
        record.considered_at = minute.agenda_item

    return _outcome(item, minute, ChangeKind.CONSIDERED, by=by, apply=considered,
                    wording=f"{item.title} considered at the meeting {minute.meeting.held_on}")


@transaction.atomic
def item_carry_forward(
    *, item: WorkProgrammeItem, minute: Minute, to_meeting: Meeting, reason: str = "", by: User | None = None
) -> WorkProgrammeChange:
    """The minute records that the item was carried forward to a later meeting of the committee."""

    def carried(record: WorkProgrammeItem, meeting: Meeting) -> None:
        if to_meeting.committee_id != record.committee_id or to_meeting.date <= meeting.date:
            raise ValidationError(f"An item is carried forward to a later meeting of {record.committee.name} than "
                                  f"{meeting.date_display}.")
        record.target_meeting = to_meeting

    return _outcome(item, minute, ChangeKind.CARRIED_FORWARD, by=by, apply=carried, to_meeting=to_meeting,
                    reason=reason.strip(),
                    wording=f"{item.title} carried forward to {selectors.month_label(to_meeting)}")


@transaction.atomic
def item_defer(*, item: WorkProgrammeItem, minute: Minute, reason: str, by: User | None = None) -> WorkProgrammeChange:
    """The minute records that the item was deferred, to a date to be agreed."""

    def deferred(record: WorkProgrammeItem, meeting: Meeting) -> None:
        if not reason.strip():
            raise ValidationError("Give the reason the minute records for deferring it.")
        record.target_meeting = None

    return _outcome(item, minute, ChangeKind.DEFERRED, by=by, apply=deferred, reason=reason.strip(),
                    wording=f"{item.title} deferred to a date to be agreed: {reason.strip()}")


@transaction.atomic
def item_outcome_record(
    *, item: WorkProgrammeItem, minute: Minute, outcome: str, to_meeting: Meeting | None = None, reason: str = "",
    by: User | None = None,
) -> WorkProgrammeChange:
    """One of the three outcomes a minute records, as the officers' screen offers them."""
    if outcome == ChangeKind.CONSIDERED:
        return item_consider(item=item, minute=minute, by=by)
    if outcome == ChangeKind.CARRIED_FORWARD:
        if to_meeting is None:
            raise ValidationError("Choose the later meeting the item was carried forward to.")
        return item_carry_forward(item=item, minute=minute, to_meeting=to_meeting, reason=reason, by=by)
    if outcome == ChangeKind.DEFERRED:
        return item_defer(item=item, minute=minute, reason=reason, by=by)
    raise ValidationError(f"{outcome!r} is not something a minute records of a work-programme item.")

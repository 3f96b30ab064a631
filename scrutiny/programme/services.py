"""Writes to the work programme. Every change to an item goes through here and leaves a
WorkProgrammeChange behind; nothing is overwritten without a record.

Each service is keyword-only and atomic; a refusal raises ValidationError with a message
for the officer, and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from scrutiny.core.models import BusinessKind
from scrutiny.governance.models import Committee, Organisation, Person
from scrutiny.governance.selectors import annual_meetings
from scrutiny.meetings.models import Meeting, MeetingStatus
from scrutiny.rules import municipal_year as municipal_year_rule

from . import selectors
from .models import (
    ChangeKind,
    DecidedBy,
    DrawDownRequest,
    DrawDownStatus,
    DrawDownStep,
    DrawDownStepKind,
    ItemStatus,
    Recurrence,
    RecurringRule,
    VersionStatus,
    WorkPlanVersion,
    WorkProgrammeChange,
    WorkProgrammeItem,
)

# -- helpers ------------------------------------------------------------------------------


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def check_target(*, committee: Committee, meeting: Meeting | None, today: dt.date) -> None:
    """Refuse a meeting an item cannot be scheduled to, saying why."""
    if meeting is None:
        return
    when = meeting.date_display
    if meeting.committee_id != committee.pk:
        raise ValidationError(
            f"The meeting of {when} is a meeting of {meeting.committee.name}, not of {committee.name}."
        )
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(f"The meeting of {when} has already been held: choose a future meeting.")
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(f"The meeting of {when} is cancelled: choose another meeting.")
    if meeting.date < today:
        raise ValidationError(f"The meeting of {when} is in the past: choose a future meeting.")


def _record(
    *,
    item=None,
    rule=None,
    kind,
    decided_by,
    decided_on,
    by,
    decided_by_note="",
    decided_at=None,
    from_meeting=None,
    to_meeting=None,
    reason="",
    wording="",
    resolution=None,
) -> WorkProgrammeChange:
    """Write one change record. A change made by the committee's resolution links to it."""
    if resolution is not None and resolution.minute.meeting.committee_id != (item or rule).committee_id:
        raise ValidationError("The resolution is from another committee's minutes.")
    owner = {"item": item} if item is not None else {"rule": rule}
    last = WorkProgrammeChange.objects.filter(**owner).aggregate(n=Max("sequence"))["n"] or 0
    change = WorkProgrammeChange(
        **owner,
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
    change.full_clean()
    change.save()
    return change


def _unique_key(committee: Committee, title: str) -> str:
    base = slugify(title)[:60] or "item"
    key, n = base, 1
    while WorkProgrammeItem.objects.filter(committee=committee, key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


def _where(meeting: Meeting | None) -> str:
    return selectors.month_label(meeting) if meeting else "a date to be agreed"


def _save(obj, by) -> None:
    obj.full_clean()
    obj._history_user = by
    obj.save()


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
    resolution=None,
    by=None,
    today: dt.date | None = None,
) -> WorkProgrammeItem:
    check_target(committee=committee, meeting=target_meeting, today=_today(today))
    item = WorkProgrammeItem(
        committee=committee,
        key=_unique_key(committee, title),
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
    _save(item, by)
    _record(
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
    return item


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
    resolution=None,
    by=None,
    today: dt.date | None = None,
) -> WorkProgrammeChange:
    item = WorkProgrammeItem.objects.select_for_update().get(pk=item.pk)
    if item.status in (ItemStatus.CANCELLED, ItemStatus.CONSIDERED):
        raise ValidationError(f"“{item.title}” is {item.get_status_display().lower()}: it cannot be moved.")
    if to_meeting is not None and to_meeting.pk == item.target_meeting_id:
        raise ValidationError(f"“{item.title}” is already planned for {to_meeting.date_display}.")
    if not reason.strip():
        raise ValidationError("Give the reason for the move, as it should appear in the record.")
    check_target(committee=item.committee, meeting=to_meeting, today=_today(today))
    before = item.target_meeting
    if to_meeting is None:
        wording = f"{item.title}: date to be agreed."
    elif before is not None and to_meeting.date < before.date:
        wording = f"{item.title} b/f to {selectors.month_label(to_meeting)}."
    elif before is not None:
        wording = f"{item.title} postponed until {selectors.month_label(to_meeting)}."
    else:
        wording = f"{item.title} to be considered in {selectors.month_label(to_meeting)}."
    item.target_meeting = to_meeting
    _save(item, by)
    return _record(
        item=item,
        kind=ChangeKind.MOVED,
        decided_by=decided_by,
        decided_by_note=decided_by_note,
        decided_on=decided_on,
        decided_at=decided_at,
        from_meeting=before,
        to_meeting=to_meeting,
        reason=reason.strip(),
        wording=wording,
        resolution=resolution,
        by=by,
    )


@transaction.atomic
def item_cancel(
    *,
    item: WorkProgrammeItem,
    decided_by: str,
    decided_on: dt.date,
    reason: str,
    decided_by_note: str = "",
    decided_at: Meeting | None = None,
    by=None,
) -> WorkProgrammeChange:
    item = WorkProgrammeItem.objects.select_for_update().get(pk=item.pk)
    if item.status in (ItemStatus.CANCELLED, ItemStatus.CONSIDERED):
        raise ValidationError(f"“{item.title}” is already {item.get_status_display().lower()}.")
    if not reason.strip():
        raise ValidationError("Give the reason for the cancellation, as it should appear in the record.")
    item.status = ItemStatus.CANCELLED
    _save(item, by)
    who = f" by {decided_by_note}" if decided_by_note else ""
    return _record(
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
    )


@transaction.atomic
def item_accept(*, item: WorkProgrammeItem, by=None, today: dt.date | None = None) -> WorkProgrammeChange:
    item = WorkProgrammeItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ItemStatus.PROPOSED:
        raise ValidationError(f"“{item.title}” is not a proposal awaiting acceptance.")
    today = _today(today)
    check_target(committee=item.committee, meeting=item.target_meeting, today=today)
    item.status = ItemStatus.PLANNED
    _save(item, by)
    return _record(
        item=item,
        kind=ChangeKind.ACCEPTED,
        decided_by=DecidedBy.OFFICER,
        decided_on=today,
        to_meeting=item.target_meeting,
        by=by,
    )


@transaction.atomic
def item_record_attendance_request(
    *, item: WorkProgrammeItem, requested_on: dt.date, by=None
) -> WorkProgrammeItem:
    if not item.needs_attendance:
        raise ValidationError(f"“{item.title}” does not need a partner to attend.")
    item.attendance_requested_on = requested_on
    _save(item, by)
    return item


# -- recurring items ------------------------------------------------------------------------


def _matches(rule: RecurringRule, meeting: Meeting) -> bool:
    summer = 4 <= meeting.date.month <= 9
    return rule.recurrence == Recurrence.EVERY_MEETING or (rule.recurrence == Recurrence.SUMMER) == summer


def rule_title(rule: RecurringRule, meeting: Meeting) -> str:
    year = municipal_year_rule.start_year_for(meeting.date, annual_meetings(rule.committee.council))
    return rule.title_template.format(
        year=meeting.date.year,
        previous_year=meeting.date.year - 1,
        municipal_year=municipal_year_rule.label(year),
        previous_municipal_year=municipal_year_rule.label(year - 1),
    )


@transaction.atomic
def recurring_items_propose(
    *, committee: Committee, by=None, today: dt.date | None = None
) -> list[WorkProgrammeItem]:
    """Propose each active rule's item for every future meeting it applies to, once: an item
    the officer has moved or declined is not proposed again."""
    today = _today(today)
    created = []
    meetings = list(selectors.plannable_meetings(committee=committee, today=today))
    for rule in RecurringRule.objects.filter(committee=committee, active=True).order_by("key"):
        for meeting in meetings:
            if (
                not _matches(rule, meeting)
                or WorkProgrammeItem.objects.filter(rule=rule, proposed_for=meeting).exists()
            ):
                continue
            title = rule_title(rule, meeting)
            item = WorkProgrammeItem(
                committee=committee,
                key=_unique_key(committee, f"{title}-{meeting.date:%Y-%m}"),
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
            _save(item, by)
            _record(
                item=item,
                kind=ChangeKind.ADDED,
                decided_by=DecidedBy.STANDING_RULE,
                decided_on=today,
                to_meeting=meeting,
                by=by,
                reason=f"Proposed from the recurring item “{rule}”.",
            )
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
    by=None,
) -> WorkProgrammeChange:
    if recurrence == rule.recurrence:
        raise ValidationError(
            f"“{rule.title_template}” already recurs {rule.get_recurrence_display().lower()}."
        )
    old = rule.get_recurrence_display().lower()
    rule.recurrence = recurrence
    _save(rule, by)
    wording = f"{rule.title_template}: {old} becomes {rule.get_recurrence_display().lower()}."
    return _record(
        rule=rule,
        kind=ChangeKind.FREQUENCY_CHANGED,
        decided_by=decided_by,
        decided_on=decided_on,
        decided_at=decided_at,
        reason=reason,
        wording=wording,
        by=by,
    )


# -- versions -------------------------------------------------------------------------------


@transaction.atomic
def version_propose(
    *, committee: Committee, title: str, prepared_on: dt.date, by=None, today: dt.date | None = None
) -> WorkPlanVersion:
    rows = selectors.plan_rows(committee=committee, today=_today(today))
    version = WorkPlanVersion(
        committee=committee,
        title=title,
        status=VersionStatus.PROPOSED,
        prepared_on=prepared_on,
        snapshot=selectors.snapshot(rows),
        created_by=by,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def version_approve(
    *,
    committee: Committee,
    meeting: Meeting,
    resolution_text: str,
    proposed: WorkPlanVersion | None = None,
    title: str = "",
    by=None,
    today: dt.date | None = None,
) -> WorkPlanVersion:
    """Freeze the plan as the committee approves it at `meeting` (with any changes made
    there already recorded on the items). One approval per meeting and per proposal."""
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
        if proposed.committee_id != committee.pk or proposed.status != VersionStatus.PROPOSED:
            raise ValidationError("Only a proposed work plan of this committee can be approved.")
        approval = proposed.approvals.first()
        if approval is not None:
            raise ValidationError(
                f"“{proposed.title}” was already approved at the meeting of {approval.approved_at.date_display}."
            )
    if not resolution_text.strip():
        raise ValidationError("Give the resolution that approved the plan.")
    rows = selectors.plan_rows(committee=committee, today=meeting.date)
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
    version.full_clean()
    version.save()
    return version


# -- draw-down requests ------------------------------------------------------------------------


def _step(
    request: DrawDownRequest,
    kind: str,
    *,
    by,
    decided_by: Person | None = None,
    decided_by_note: str = "",
    decided_on: dt.date | None = None,
    note: str = "",
) -> DrawDownStep:
    last = request.steps.aggregate(n=Max("sequence"))["n"] or 0
    step = DrawDownStep(
        request=request,
        sequence=last + 1,
        kind=kind,
        decided_by=decided_by,
        decided_by_note=decided_by_note,
        decided_on=decided_on,
        note=note,
        recorded_by=by,
    )
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def draw_down_request(
    *,
    committee: Committee,
    topic: str,
    requested_by: Person | None = None,
    requested_by_note: str = "",
    requested_on: dt.date,
    description: str = "",
    by=None,
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
    _save(request, by)
    _step(
        request,
        DrawDownStepKind.REQUESTED,
        by=by,
        decided_by=requested_by,
        decided_by_note=requested_by_note,
        decided_on=requested_on,
    )
    return request


def _locked(request: DrawDownRequest, expected: str, action: str) -> DrawDownRequest:
    request = DrawDownRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != expected:
        raise ValidationError(
            f"“{request.topic}” is {request.get_status_display().lower()}: it cannot be {action} now."
        )
    return request


@transaction.atomic
def draw_down_chairman_decide(
    *,
    request: DrawDownRequest,
    agreed: bool,
    chairman: Person | None = None,
    decided_on: dt.date,
    note: str = "",
    by=None,
) -> DrawDownRequest:
    request = _locked(request, DrawDownStatus.REQUESTED, "put to the Chairman")
    request.status = DrawDownStatus.CHAIRMAN_AGREED if agreed else DrawDownStatus.CHAIRMAN_DECLINED
    _save(request, by)
    kind = DrawDownStepKind.CHAIRMAN_AGREED if agreed else DrawDownStepKind.CHAIRMAN_DECLINED
    _step(
        request,
        kind,
        by=by,
        decided_by=chairman,
        decided_by_note="" if chairman else "The Chairman",
        decided_on=decided_on,
        note=note,
    )
    return request


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
    by=None,
    today: dt.date | None = None,
) -> DrawDownRequest:
    """The responsible Director's decision. Approval makes the topic a draw-down item of the
    work programme, for `target_meeting` or to be agreed."""
    request = _locked(request, DrawDownStatus.CHAIRMAN_AGREED, "put to the Director")
    if approved:
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
    request.status = DrawDownStatus.APPROVED if approved else DrawDownStatus.REFUSED
    _save(request, by)
    kind = DrawDownStepKind.DIRECTOR_APPROVED if approved else DrawDownStepKind.DIRECTOR_REFUSED
    _step(
        request,
        kind,
        by=by,
        decided_by=director,
        decided_by_note=director_note or ("" if director else "The Director"),
        decided_on=decided_on,
        note=note,
    )
    return request


@transaction.atomic
def draw_down_withdraw(
    *, request: DrawDownRequest, decided_on: dt.date, note: str = "", by=None
) -> DrawDownRequest:
    request = DrawDownRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in (DrawDownStatus.REQUESTED, DrawDownStatus.CHAIRMAN_AGREED):
        raise ValidationError(
            f"“{request.topic}” is {request.get_status_display().lower()}: it cannot be withdrawn."
        )
    request.status = DrawDownStatus.WITHDRAWN
    _save(request, by)
    _step(request, DrawDownStepKind.WITHDRAWN, by=by, decided_on=decided_on, note=note)
    return request

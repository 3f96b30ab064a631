"""Writes to minutes and their follow-up. Each service is keyword-only and atomic; a refusal
is a ValidationError that says why, and nothing is stored.

- Numbering runs through the committee's municipal year: the July meeting starts at 1, the
  February meeting continues (seed 003: minutes 1-16 on 26 July 2017).
- Life (MINUTES_WORKFLOW): draft -> published (unconfirmed) -> confirmed at a later meeting
  -> signed. From confirmation the text is locked; a correction is a recorded amendment.
- Two officers editing the same minute: each edit carries the revision it started from; an
  edit made on an older revision is refused and both texts are kept (never a silent loss).
- Actions (ACTION_WORKFLOW) and recommendations (RECOMMENDATION_WORKFLOW) move through the
  steps of their tables, each step through `Workflow.step`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.core.history import HISTORY_USER_ATTRIBUTE, save_with_history
from scrutiny.governance.models import Committee, Organisation, OrganisationKind, Person
from scrutiny.meetings.models import AgendaItem, DatePrecision, Meeting, MeetingStatus
from scrutiny.meetings.selectors import next_meeting
from scrutiny.meetings.services import meeting_mark_held

from .models import (
    ACTION_WORKFLOW,
    MINUTES_WORKFLOW,
    RECOMMENDATION_WORKFLOW,
    REFERENCE_WORKFLOW,
    UNMADE_RECOMMENDATION_STATUSES,
    Action,
    ActionReport,
    ActionStep,
    AmendedPart,
    HeardHow,
    Minute,
    MinuteAmendment,
    MinutesEvent,
    MinutesEventKind,
    MinutesRecord,
    MinutesStatus,
    OutsideMeetingNoted,
    Recommendation,
    RecommendationStep,
    Reference,
    ReferenceStatus,
    Resolution,
)
from .selectors import (
    check_number_free,
    confirming_resolution,
    minutes_publication_doubts,
    next_minute_number,
    resolution_links,
    standard_minute,
)

# -- drafting -------------------------------------------------------------------------------


@transaction.atomic
def minutes_draft(*, meeting: Meeting, by: User | None = None, today: dt.date | None = None) -> MinutesRecord:
    """Start the minutes of a meeting that has taken place: one minute per agenda item,
    numbered on from the year's earlier meetings, with the standard items' usual words."""
    today = today or timezone.localdate()
    if meeting.date > today:
        raise ValidationError(
            f"The meeting of {meeting.date_display} has not taken place yet: its minutes cannot be drafted."
        )
    if MinutesRecord.objects.filter(meeting=meeting).exists():
        raise ValidationError(f"The minutes of {meeting.date_display} are already started.")
    if meeting.status != MeetingStatus.HELD:
        meeting_mark_held(meeting=meeting, by=by)
        meeting.refresh_from_db(fields=["status"])
    number = next_minute_number(meeting)
    items = list(
        AgendaItem.internal.filter(meeting=meeting).order_by("position").prefetch_related("documents")
    )
    # A later meeting of the year drafted first has taken these numbers: refuse rather than
    # number two minutes alike.
    for n in range(number, number + len(items)):
        try:
            check_number_free(meeting=meeting, number=n)
        except ValidationError as exc:
            raise ValidationError(
                f"The minutes of {meeting.date_display} cannot be numbered from {number}: "
                + " ".join(exc.messages)
                + " Numbers run on through the municipal year in date order."
            ) from None
    record = MinutesRecord(meeting=meeting, status=MinutesStatus.DRAFT)
    save_with_history(record, by=by)
    for position, item in enumerate(items, start=1):
        narrative, resolutions = standard_minute(item, meeting)
        minute = Minute(
            meeting=meeting,
            agenda_item=item,
            position=position,
            number=number,
            title=item.title.upper(),
            narrative=narrative,
        )
        save_with_history(minute, by=by)
        for n, text in enumerate(resolutions, start=1):
            save_with_history(Resolution(minute=minute, number=n, text=text), by=by)
        number += 1
    # Minutes confirmed here before these minutes existed get their confirming resolution now.
    for earlier in MinutesRecord.objects.select_for_update(of=("self",)).filter(
        confirmed_at=meeting, confirmed_by_resolution__isnull=True
    ).select_related("meeting"):
        earlier.confirmed_by_resolution = confirming_resolution(meeting=earlier.meeting, at_meeting=meeting)
        if earlier.confirmed_by_resolution is not None:
            save_with_history(earlier, by=by)
    save_with_history(MinutesEvent(record=record, kind=MinutesEventKind.DRAFTED, on=today, by=by), by=by)
    return record


# -- editing ------------------------------------------------------------------------------


def _unlocked(minute: Minute) -> None:
    """Refuse an edit of minutes that are confirmed (locking their record meanwhile, so that
    they are not confirmed while the edit is saved)."""
    record = MinutesRecord.objects.select_for_update().filter(meeting=minute.meeting).first()
    if record is not None and record.is_locked:
        raise ValidationError(
            f"The minutes of {minute.meeting.date_display} are confirmed: their text cannot be edited. Record an amendment instead."
        )


class StaleEdit(ValidationError):
    """Someone else saved the minute after the editor opened it. `current` is the minute as
    saved now, so that the editor can compare and merge."""

    def __init__(self, message: str, *, current: Minute) -> None:
        super().__init__(message)
        self.current = current


def _check_revision(current: Minute, expected_revision: int | None) -> None:
    if expected_revision is not None and current.revision != expected_revision:
        raise StaleEdit(
            f"Minute {current.number or ''} was changed by someone else while you were editing it "
            f"(now revision {current.revision}, you started from {expected_revision}). Your text has not been saved and is "
            "still in the form: compare it with the current text, then save again.",
            current=current,
        )


def _match_resolutions(existing: list[Resolution], wanted: list[str]) -> list[Resolution | None]:
    """For each wanted text, the existing resolution it continues (None: a new one). An
    unchanged text keeps its own resolution wherever it has moved; an edited one takes the
    resolution that stood at its position, if that is not taken. Matching by position alone
    would hand resolution 1's links to resolution 2's text when paragraph 1 is removed."""
    free = list(existing)
    matched: list[Resolution | None] = [None] * len(wanted)
    for i, text in enumerate(wanted):
        same = next((r for r in free if r.text == text), None)
        if same is not None:
            matched[i] = same
            free.remove(same)
    for i in range(len(wanted)):
        if matched[i] is None and i < len(existing) and existing[i] in free:
            matched[i] = existing[i]
            free.remove(existing[i])
    return matched


def _set_resolutions(minute: Minute, texts: list[str], by: User | None) -> None:
    # Resolutions are changed in place, not deleted and recreated, so that each keeps its
    # history and the records that point to it (confirmation, work-programme changes).
    wanted = [t.strip() for t in texts if t.strip()]
    existing = list(Resolution.internal.select_for_update().filter(minute=minute).order_by("number"))
    matched = _match_resolutions(existing, wanted)
    removed = [r for r in existing if r not in matched]
    for resolution in removed:  # refused before anything is written
        links = resolution_links(resolution)
        if links:
            raise ValidationError(
                f"Resolution {resolution.number} of Minute {minute.number or minute.title} of "
                f"{minute.meeting.date_display} cannot be removed: "
                + (", ".join(links[:-1]) + " and " if len(links) > 1 else "")
                + links[-1]
                + " point"
                + ("s" if len(links) == 1 else "")
                + " to it. Keep it (its text may be edited in place), or change what points to it first."
            )
    for resolution in removed:
        setattr(resolution, HISTORY_USER_ATTRIBUTE, by)
        resolution.delete()
    # Kept resolutions that change number step aside first, so that none collides with
    # another's old number; a bare update, so the history shows only the final numbers.
    moving = [(n, r) for n, r in enumerate(matched, start=1) if r is not None and r.number != n]
    offset = max([r.number for r in existing] + [len(wanted)])
    for n, resolution in moving:
        Resolution.internal.filter(pk=resolution.pk).update(number=offset + n)
    for n, text in enumerate(wanted, start=1):
        kept = matched[n - 1]
        if kept is None:
            save_with_history(Resolution(minute=minute, number=n, text=text), by=by)
        elif kept.text != text or kept.number != n:
            kept.number, kept.text = n, text
            save_with_history(kept, by=by)


@transaction.atomic
def minute_edit(
    *,
    minute: Minute,
    expected_revision: int,
    narrative: str | None = None,
    title: str | None = None,
    number: int | None = None,
    resolutions: list[str] | None = None,
    by: User | None = None,
) -> Minute:
    """Change a draft or unconfirmed minute, and its resolutions if given, in one go.
    Refused if someone else has saved it since the editor opened it (StaleEdit carries the
    current minute; the editor's text stays in the form)."""
    current = Minute.internal.select_for_update().get(pk=minute.pk)
    _unlocked(current)
    _check_revision(current, expected_revision)
    if number is not None and number != current.number:
        check_number_free(meeting=current.meeting, number=number, exclude=current)
        current.number = number
    if narrative is not None:
        current.narrative = narrative
    if title is not None:
        current.title = title
    if resolutions is not None:
        _set_resolutions(current, resolutions, by)
    current.revision += 1
    save_with_history(current, by=by)
    return current


@transaction.atomic
def resolution_set(
    *, minute: Minute, texts: list[str], expected_revision: int | None = None, by: User | None = None
) -> None:
    """Replace a minute's resolutions (before confirmation only), numbered 1, 2, ..."""
    minute = Minute.internal.select_for_update().get(pk=minute.pk)
    _unlocked(minute)
    _check_revision(minute, expected_revision)
    _set_resolutions(minute, texts, by)
    minute.revision += 1
    save_with_history(minute, by=by)


# -- life ----------------------------------------------------------------------------------------


def _record_of(meeting: Meeting) -> MinutesRecord:
    record = MinutesRecord.objects.filter(meeting=meeting).first()
    if record is None:
        raise ValidationError(f"The minutes of {meeting.date_display} have not been started.")
    return record


def _minutes_step(
    meeting: Meeting,
    kind: MinutesEventKind,
    *,
    on: dt.date,
    by: User | None,
    refused: Callable[[MinutesRecord], str],
    apply: Callable[[MinutesRecord], object] | None = None,
    note: str = "",
) -> MinutesRecord:
    """A step in the life of the minutes of `meeting`, recorded as a MinutesEvent of `kind`."""
    return MINUTES_WORKFLOW.step(
        _record_of(meeting),
        kind,
        by=by,
        refused=refused,
        apply=apply,
        event=lambda record: MinutesEvent(record=record, kind=kind, on=on, by=by, note=note),
    ).record


@transaction.atomic
def minutes_publish(
    *, meeting: Meeting, by: User | None = None, today: dt.date | None = None, as_they_are: bool = False
) -> MinutesRecord:
    """Publish the draft minutes, unconfirmed, for the public. Minutes that still hold a
    prompt or nothing at all, or with no attendance recorded, are published only when the
    officer confirms that they are to go as they are (`as_they_are`)."""
    if today is not None and not meeting.date <= today <= timezone.localdate():
        raise ValidationError(f"Minutes of {meeting.date_display} are published after the meeting, and not on a day "
                              "still to come.")
    today = today or timezone.localdate()

    def publish(record: MinutesRecord) -> None:
        doubts = minutes_publication_doubts(meeting=meeting)
        if doubts and not as_they_are:
            raise ValidationError([*doubts, "Check the minutes, or confirm that they are to be published as they are."])
        record.published_on = today

    return _minutes_step(
        meeting,
        MinutesEventKind.PUBLISHED,
        on=today,
        by=by,
        refused=lambda r: f"The minutes of {meeting.date_display} are already {r.get_status_display().lower()}.",
        apply=publish,
    )


def _check_confirming_meeting(meeting: Meeting, at_meeting: Meeting) -> None:
    if at_meeting.committee_id != meeting.committee_id or at_meeting.date <= meeting.date:
        raise ValidationError(
            f"The minutes of {meeting.date_display} cannot be confirmed at the meeting of {at_meeting.date_display}: "
            "minutes are confirmed at a later meeting of the same committee."
        )
    if at_meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            f"The meeting of {at_meeting.date_display} has not been held yet: the minutes are confirmed there when it is."
        )


def _already_confirmed(record: MinutesRecord) -> str:
    at = f" at the meeting of {record.confirmed_at.date_display}" if record.confirmed_at else ""
    return f"The minutes of {record.meeting.date_display} were already confirmed{at}."


@transaction.atomic
def minutes_confirm(
    *, meeting: Meeting, at_meeting: Meeting, resolution: Resolution | None = None, by: User | None = None
) -> MinutesRecord:
    """The Committee confirms the minutes at a later meeting, by the resolution of its
    standard "Confirmation of the minutes" item. If that meeting's own minutes are not
    drafted yet, the resolution is linked when they are (minutes_draft)."""
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            f"The meeting of {meeting.date_display} has not been held: there are no minutes to confirm."
        )

    def confirm(record: MinutesRecord) -> None:
        _check_confirming_meeting(meeting, at_meeting)
        if resolution is not None and resolution.minute.meeting_id != at_meeting.pk:
            raise ValidationError(
                f"The resolution “{resolution}” is not one of the meeting of {at_meeting.date_display}: "
                "the minutes are confirmed by a resolution of the meeting that confirmed them."
            )
        record.confirmed_at = at_meeting
        record.confirmed_by_resolution = resolution or confirming_resolution(meeting=meeting, at_meeting=at_meeting)
        record.published_on = record.published_on or at_meeting.date

    return _minutes_step(
        meeting,
        MinutesEventKind.CONFIRMED,
        on=at_meeting.date,
        by=by,
        refused=_already_confirmed,
        apply=confirm,
        note=f"At the meeting of {at_meeting.date_display}",
    )


@transaction.atomic
def minutes_sign(
    *, meeting: Meeting, chairman: Person, signed_on: dt.date, by: User | None = None
) -> MinutesRecord:
    def sign(record: MinutesRecord) -> None:
        record.signed_by, record.signed_on = chairman, signed_on

    return _minutes_step(
        meeting,
        MinutesEventKind.SIGNED,
        on=signed_on,
        by=by,
        refused=lambda r: f"Only confirmed minutes are signed; the minutes of {meeting.date_display} are {r.get_status_display().lower()}.",
        apply=sign,
        note=chairman.formal_name,
    )


def _not_confirmed(meeting: Meeting) -> str:
    return f"The minutes of {meeting.date_display} are not confirmed yet: edit them directly."


@transaction.atomic
def minute_amend(
    *,
    minute: Minute,
    field: str,
    text: str,
    reason: str,
    expected_revision: int,
    resolution_number: int | None = None,
    agreed_at: Meeting | None = None,
    by: User | None = None,
) -> MinuteAmendment:
    """Correct confirmed minutes (the heading, the narrative or one resolution): the change
    is kept with who, when, why and the meeting that agreed it. Like an edit, it carries the
    revision it started from, so that a second correction made meanwhile is refused, not lost."""
    minute = Minute.internal.select_for_update().select_related("meeting").get(pk=minute.pk)
    meeting = minute.meeting
    label = f"Minute {minute.number or minute.title} of {meeting.date_display}"
    record = MinutesRecord.objects.filter(meeting=meeting).first()
    if record is None:
        raise ValidationError(_not_confirmed(meeting))
    MINUTES_WORKFLOW.require(record, MinutesEventKind.AMENDED, refused=lambda r: _not_confirmed(meeting))
    if field not in AmendedPart.values:
        raise ValidationError(f"{label}: a correction is to the heading, the minute or a resolution.")
    resolution = None
    if field == AmendedPart.RESOLUTION:
        if resolution_number is not None:
            resolution = (
                Resolution.internal.select_for_update().filter(minute=minute, number=resolution_number).first()
            )
        if resolution is None:
            raise ValidationError(f"{label} has no resolution {resolution_number}.")
        current = resolution.text
    else:
        current = getattr(minute, field)
    if minute.revision != expected_revision:
        raise ValidationError(
            f"{label} was corrected or changed by someone else while you were writing this correction "
            f"(now revision {minute.revision}, you started from {expected_revision}). Your correction has not been saved "
            f"and is still in the form. The text now saved is: {current}"
        )
    text = text.strip()
    if not reason.strip():
        raise ValidationError(f"{label}: give the reason for the correction.")
    if not text:
        raise ValidationError(f"{label}: the corrected text is empty.")
    if text == current.strip():
        raise ValidationError(f"{label}: the corrected text is the same as the current text.")
    if agreed_at is not None and (
        agreed_at.committee_id != meeting.committee_id
        or agreed_at.date <= meeting.date
        or agreed_at.status != MeetingStatus.HELD
    ):
        raise ValidationError(
            f"{label}: the correction is agreed at a later meeting of the same committee that has been held, "
            f"not the meeting of {agreed_at.date_display}."
        )
    amendment = MinuteAmendment(
        minute=minute,
        field=field,
        resolution_number=resolution.number if resolution else None,
        before=current,
        after=text,
        reason=reason.strip(),
        agreed_at=agreed_at,
        by=by,
    )
    save_with_history(amendment, by=by)
    if resolution is not None:
        resolution.text = text
        save_with_history(resolution, by=by)
    else:
        setattr(minute, field, text)
    minute.revision += 1
    save_with_history(minute, by=by)
    where = f"resolution {resolution.number}" if resolution else amendment.get_field_display().lower()
    agreed = f" (agreed at the meeting of {agreed_at.date_display})" if agreed_at else ""
    _minutes_step(
        meeting,
        MinutesEventKind.AMENDED,
        on=timezone.localdate(),
        by=by,
        refused=lambda r: _not_confirmed(meeting),
        note=f"Minute {minute.number}, {where}: {reason.strip()}{agreed}",
    )
    return amendment


# -- follow-up ----------------------------------------------------------------------------------


@transaction.atomic
def action_record(
    *,
    minute: Minute,
    description: str,
    owner_person: Person | None = None,
    owner_organisation: Organisation | None = None,
    owner_note: str = "",
    due_on: dt.date | None = None,
    by: User | None = None,
) -> Action:
    """An undertaking or request from a minute; due before the next meeting unless said otherwise."""
    following = next_meeting(meeting=minute.meeting) if due_on is None else None
    due = due_on or (following.date if following else None)
    if due is None:
        raise ValidationError("No later meeting is scheduled: give the date the action is due.")
    action = Action(
        minute=minute,
        description=description.strip(),
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        owner_note=owner_note,
        due_on=due,
    )
    save_with_history(action, by=by)
    return action


def _committee_meeting_after(action: Action, meeting: Meeting, what: str) -> None:
    source = action.minute.meeting
    if meeting.committee_id != source.committee_id or meeting.date <= source.date:
        raise ValidationError(
            f"The action “{action}” cannot be {what} the meeting of {meeting.date_display}: "
            f"it is reported to a later meeting of the committee than the one it came from ({source.date_display})."
        )
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(f"The meeting of {meeting.date_display} was cancelled: nothing was reported to it.")


def _report(action: Action, meeting: Meeting, by: User | None) -> ActionReport | None:
    """The report of `action` to `meeting` with the status it has now; None if it was
    reported there already (the report stands as made)."""
    if ActionReport.objects.filter(action=action, meeting=meeting).exists():
        return None
    return ActionReport(action=action, meeting=meeting, status=action.status, by=by)


@transaction.atomic
def action_close(
    *,
    action: Action,
    done: bool,
    closed_on: dt.date,
    outcome: str = "",
    reported_at: Meeting | None = None,
    by: User | None = None,
) -> Action:
    """Close an action as done or no longer needed, optionally with the meeting its closing
    was reported to."""

    def close(action: Action) -> None:
        if closed_on < action.minute.meeting.date:
            raise ValidationError(
                f"The action “{action}” cannot be closed on {closed_on:%d %B %Y}, before the meeting it came from "
                f"({action.minute.meeting.date_display})."
            )
        if reported_at is not None:
            _committee_meeting_after(action, reported_at, "reported to")
            action.reported_at = reported_at
        action.closed_on, action.outcome = closed_on, outcome.strip()

    return ACTION_WORKFLOW.step(
        action,
        ActionStep.CLOSE_DONE if done else ActionStep.CLOSE_DROPPED,
        by=by,
        refused=lambda a: f"The action “{a}” is already closed ({a.get_status_display().lower()}).",
        apply=close,
        event=lambda a: _report(a, reported_at, by) if reported_at is not None else None,
    ).record


@transaction.atomic
def action_reopen(*, action: Action, reason: str, by: User | None = None) -> Action:
    """Reopen an action closed by mistake or found not done after all; the earlier closing
    stays in its history."""

    def reopen(action: Action) -> None:
        if not reason.strip():
            raise ValidationError(f"Give the reason for reopening the action “{action}”.")
        action.closed_on = None
        action.outcome = f"Reopened: {reason.strip()}"

    return ACTION_WORKFLOW.step(
        action,
        ActionStep.REOPEN,
        by=by,
        refused=lambda a: f"The action “{a}” is open already.",
        apply=reopen,
    ).record


@transaction.atomic
def actions_report(
    *, committee: Committee, meeting: Meeting, include_exempt: bool = False, by: User | None = None
) -> list[ActionReport]:
    """Record that the committee's open actions were reported to `meeting` (the follow-up
    report to the next meeting). Like that public report, it covers the actions from
    minutes the public may read, unless those from exempt minutes were reported too (in
    private)."""
    if meeting.committee_id != committee.pk:
        raise ValidationError(f"The meeting of {meeting.date_display} is not a meeting of {committee.name}.")
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(f"The meeting of {meeting.date_display} was cancelled: nothing was reported to it.")
    to_report = [
        a
        for a in Action.objects.select_for_update(of=("self",))
        .filter(
            minute__meeting__committee=committee,
            status__in=ACTION_WORKFLOW.statuses_allowing(ActionStep.REPORT),
            minute__meeting__date__lt=meeting.date,
        )
        .exclude(reports__meeting=meeting)
        .select_related("minute__meeting", "minute__agenda_item")
        .order_by("due_on", "pk")
        if include_exempt or not a.minute.is_withheld_from_public
    ]
    if not to_report:
        raise ValidationError(
            f"There are no open actions from earlier meetings still to report to the meeting of {meeting.date_display}."
        )

    def report(action: Action) -> None:
        action.reported_at = meeting

    reports = []
    for action in to_report:
        stepped = ACTION_WORKFLOW.step(
            action,
            ActionStep.REPORT,
            by=by,
            refused=lambda a: f"The action “{a}” is closed ({a.get_status_display().lower()}): it is not reported as open.",
            apply=report,
            event=lambda a: ActionReport(action=a, meeting=meeting, status=a.status, by=by),
        )
        reports.append(stepped.event)
    return reports


def _recommendation_refused(why: str) -> Callable[[Recommendation], str]:
    """A refusal naming the recommendation and its status, then why."""
    return lambda r: f"The recommendation to {r.authority} is {r.get_status_display().lower()}: {why}"


@transaction.atomic
def recommendation_draft(
    *, minute: Minute, authority: Organisation, text: str, by: User | None = None
) -> Recommendation:
    if authority.kind == OrganisationKind.COMMITTEE:
        raise ValidationError(
            f"{authority.name} is a committee of the council, not a responsible authority or partner body: "
            "a recommendation is addressed to the body that must respond."
        )
    recommendation = Recommendation(minute=minute, authority=authority, text=text.strip())
    save_with_history(recommendation, by=by)
    return recommendation


@transaction.atomic
def recommendation_send_for_check(
    *, recommendation: Recommendation, sent_on: dt.date, by: User | None = None
) -> Recommendation:
    def send(recommendation: Recommendation) -> None:
        meeting = recommendation.minute.meeting
        if sent_on < meeting.date:
            raise ValidationError(
                f"The recommendation to {recommendation.authority} comes from the meeting of {meeting.date_display}: "
                f"it cannot have been sent on {sent_on:%d %B %Y}, before that meeting."
            )
        recommendation.sent_for_check_on = sent_on

    return RECOMMENDATION_WORKFLOW.step(
        recommendation,
        RecommendationStep.SEND_FOR_CHECK,
        by=by,
        refused=_recommendation_refused("only a draft recommendation is sent for comment on its factual accuracy."),
        apply=send,
    ).record


def _not_makeable(recommendation: Recommendation) -> str:
    authority = recommendation.authority
    if recommendation.status in UNMADE_RECOMMENDATION_STATUSES:
        # The Kent protocol (DOMAIN.md section 4): sent in draft for the authority to check
        # its factual accuracy, then made formally.
        return (
            f"The recommendation to {authority} is still a draft: send it to "
            f"{authority} for comment on its factual accuracy first, then make it formally."
        )
    return f"The recommendation to {authority} has already been made."


@transaction.atomic
def recommendation_make(
    *, recommendation: Recommendation, made_on: dt.date, by: User | None = None
) -> Recommendation:
    """Make the recommendation formally: the 28 days for the response run from this date."""

    def make(recommendation: Recommendation) -> None:
        sent = recommendation.sent_for_check_on
        if sent is not None and made_on < sent:
            raise ValidationError(
                f"The recommendation to {recommendation.authority} was sent for its factual check on "
                f"{sent:%d %B %Y}: it is made formally after that, not on {made_on:%d %B %Y}."
            )
        recommendation.made_on = made_on

    return RECOMMENDATION_WORKFLOW.step(
        recommendation, RecommendationStep.MAKE, by=by, refused=_not_makeable, apply=make
    ).record


@transaction.atomic
def recommendation_extend(
    *, recommendation: Recommendation, days: int, reason: str, by: User | None = None
) -> Recommendation:
    def extend(recommendation: Recommendation) -> None:
        if days < 1 or not reason.strip():
            raise ValidationError(
                "Give the number of extra days and the extenuating circumstances the committee agreed."
            )
        recommendation.extension_days, recommendation.extension_reason = days, reason.strip()

    return RECOMMENDATION_WORKFLOW.step(
        recommendation,
        RecommendationStep.EXTEND,
        by=by,
        refused=_recommendation_refused("only a recommendation awaiting its response can be given more time."),
        apply=extend,
    ).record


def _no_response_to_record(recommendation: Recommendation) -> str:
    if recommendation.status in UNMADE_RECOMMENDATION_STATUSES:
        return (
            f"The recommendation to {recommendation.authority} was never made formally: there is no response to record."
        )
    return f"The response to the recommendation to {recommendation.authority} is already recorded."


@transaction.atomic
def recommendation_record_response(
    *, recommendation: Recommendation, received_on: dt.date, response: str, by: User | None = None
) -> Recommendation:
    def record(recommendation: Recommendation) -> None:
        made = recommendation.made_on
        if made is not None and received_on < made:
            raise ValidationError("The response cannot be dated before the recommendation was made.")
        recommendation.response_on, recommendation.response = received_on, response.strip()

    return RECOMMENDATION_WORKFLOW.step(
        recommendation,
        RecommendationStep.RECORD_RESPONSE,
        by=by,
        refused=_no_response_to_record,
        apply=record,
    ).record


@transaction.atomic
def recommendation_report_back(
    *, recommendation: Recommendation, meeting: Meeting, by: User | None = None
) -> Recommendation:
    def report_back(recommendation: Recommendation) -> None:
        committee = recommendation.minute.meeting.committee
        if meeting.committee_id != committee.pk:
            raise ValidationError(
                f"The meeting of {meeting.date_display} is not a meeting of {committee.name}: "
                "the response comes back to the committee that made the recommendation."
            )
        received = recommendation.response_on
        if received is not None and meeting.date < received:
            raise ValidationError(
                f"The response from {recommendation.authority} was received on {received:%d %B %Y}: "
                f"it cannot have been reported to the earlier meeting of {meeting.date_display}."
            )
        if meeting.status == MeetingStatus.CANCELLED:
            raise ValidationError(f"The meeting of {meeting.date_display} was cancelled: nothing was reported to it.")
        recommendation.reported_at = meeting

    return RECOMMENDATION_WORKFLOW.step(
        recommendation,
        RecommendationStep.REPORT_BACK,
        by=by,
        refused=_recommendation_refused("only a response that has been received is reported back to the Committee."),
        apply=report_back,
    ).record


# -- references to the Council or the Cabinet -----------------------------------------------


@transaction.atomic
def reference_make(
    *, minute: Minute, to: str, subject: str, to_name: str = "", submitted_on: dt.date | None = None,
    by: User | None = None,
) -> Reference:
    """Record that the minute refers a matter (or makes a recommendation) to the Council or the Cabinet."""
    if minute.meeting.status != MeetingStatus.HELD:
        raise ValidationError(f"The meeting of {minute.meeting.date_display} has not been held: its minutes refer "
                              "nothing yet.")
    if submitted_on is not None and submitted_on < minute.meeting.date:
        raise ValidationError(f"A reference goes to a meeting on or after {minute.meeting.date_display}, the "
                              "committee's own.")
    reference = Reference(minute=minute, to=to, to_name=to_name.strip(), subject=subject.strip(),
                          submitted_on=submitted_on)
    save_with_history(reference, by=by)
    return reference


@transaction.atomic
def reference_outcome_record(
    *, reference: Reference, outcome: str, outcome_on: dt.date, outcome_note: str = "", by: User | None = None
) -> Reference:
    """What the Council or the Cabinet decided, and when."""

    def decide(record: Reference) -> None:
        if outcome_on < record.minute.meeting.date:
            raise ValidationError(f"The outcome comes after the committee's meeting of "
                                  f"{record.minute.meeting.date_display}.")
        record.outcome_on, record.outcome_note = outcome_on, outcome_note.strip()

    return REFERENCE_WORKFLOW.step(
        reference, REFERENCE_WORKFLOW.step_named(outcome), by=by, apply=decide,
        refused=lambda r: f"The reference to {r.recipient} is already recorded as {r.get_status_display().lower()}.",
    ).record


# -- other bodies' meetings the committee heard of ----------------------------------------------


@transaction.atomic
def outside_meeting_note(
    *, minute: Minute, body: Organisation, held_on: dt.date, how: str, date_precision: str = DatePrecision.DAY,
    reporter: Person | None = None, minutes_published: bool = True, by: User | None = None,
) -> OutsideMeetingNoted:
    """Record that the minute noted a meeting of another body, and how the committee heard of it."""
    meeting = minute.meeting
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(f"The meeting of {meeting.date_display} has not been held: its minutes note nothing yet.")
    if body.pk == meeting.committee_id:
        raise ValidationError("That is the committee itself: choose the body whose meeting it heard of.")
    if date_precision == DatePrecision.MONTH:
        held_on = held_on.replace(day=1)
    if held_on > meeting.date:
        raise ValidationError(f"The committee heard of it on {meeting.date_display}: the body met on or before then.")
    noted = OutsideMeetingNoted(minute=minute, body=body, held_on=held_on, date_precision=date_precision, how=how,
                                reporter=reporter if how == HeardHow.VERBAL else None,
                                minutes_published=minutes_published or how == HeardHow.MINUTES)
    save_with_history(noted, by=by)
    return noted


@transaction.atomic
def outside_meeting_remove(*, noted: OutsideMeetingNoted, by: User | None = None) -> None:
    """Take back a record made in error; its history keeps that it was made and removed."""
    setattr(noted, HISTORY_USER_ATTRIBUTE, by)
    noted.delete()


@transaction.atomic
def reference_remove(*, reference: Reference, by: User | None = None) -> None:
    """Take back a reference recorded in error, while no outcome is recorded for it."""
    reference = Reference.internal.select_for_update().get(pk=reference.pk)
    if reference.status != ReferenceStatus.REFERRED:
        raise ValidationError(f"The reference to {reference.recipient} has its outcome recorded "
                              f"({reference.get_status_display().lower()}): it stays in the record.")
    setattr(reference, HISTORY_USER_ATTRIBUTE, by)
    reference.delete()

"""Writes to minutes and their follow-up. Each service is keyword-only and atomic; a refusal
is a ValidationError that says why, and nothing is stored.

- Numbering runs through the committee's municipal year: the July meeting starts at 1, the
  February meeting continues (seed 003: minutes 1-16 on 26 July 2017).
- Life: draft -> published (unconfirmed) -> confirmed at a later meeting -> signed. From
  confirmation the text is locked; a correction is a recorded amendment.
- Two officers editing the same minute: each edit carries the revision it started from; an
  edit made on an older revision is refused and both texts are kept (never a silent loss).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.governance.models import Organisation, OrganisationKind, Person
from scrutiny.governance.selectors import annual_meetings
from scrutiny.meetings.models import AgendaItem, ItemRole, Meeting, MeetingStatus
from scrutiny.rules import municipal_year as municipal_year_rule
from scrutiny.rules.deadlines import response_due

from .models import (
    Action,
    ActionReport,
    ActionStatus,
    AttendanceKind,
    Minute,
    MinuteAmendment,
    MinutesEvent,
    MinutesRecord,
    MinutesStatus,
    Recommendation,
    RecommendationStatus,
    Resolution,
)


def _save(obj, by) -> None:
    obj.full_clean()
    obj._history_user = by
    obj.save()


def _event(record: MinutesRecord, kind: str, on: dt.date, by, note: str = "") -> None:
    MinutesEvent.objects.create(record=record, kind=kind, on=on, by=by, note=note)


def _day(meeting: Meeting) -> str:
    return f"{meeting.date.day} {meeting.date:%B %Y}"


# -- numbering ------------------------------------------------------------------------------


def year_meetings(meeting: Meeting) -> list[Meeting]:
    """The committee's meetings in the same municipal year, in date order."""
    council = meeting.committee.council
    meetings_of_council = annual_meetings(council)
    year = municipal_year_rule.start_year_for(meeting.date, meetings_of_council)
    first, last = municipal_year_rule.bounds(year, meetings_of_council)
    return list(
        Meeting.objects.filter(committee=meeting.committee, date__range=(first, last))
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "pk")
    )


def next_minute_number(meeting: Meeting) -> int:
    """The next number for this meeting: one more than the highest of the earlier meetings
    of the year and this one."""
    earlier = [m.pk for m in year_meetings(meeting) if m.date <= meeting.date]
    highest = Minute.internal.filter(meeting__in=earlier).aggregate(n=Max("number"))["n"] or 0
    return highest + 1


def check_number_free(*, meeting: Meeting, number: int, exclude: Minute | None = None) -> None:
    clash = Minute.internal.filter(meeting__in=[m.pk for m in year_meetings(meeting)], number=number)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    other = clash.select_related("meeting").first()
    if other is not None:
        raise ValidationError(
            f"Minute {number} already exists in this municipal year (meeting of {other.meeting.date_display}, “{other.title}”)."
        )


# -- drafting -------------------------------------------------------------------------------


def _standard_minute(item: AgendaItem, meeting: Meeting) -> tuple[str, list[str]]:
    """The usual words of the standard items, so that the officer edits only what differs."""
    apologies = [a.label for a in meeting.attendance.filter(kind=AttendanceKind.APOLOGIES)]
    if item.role == ItemRole.APOLOGIES:
        if apologies:
            return "Apologies for absence were received from " + ", ".join(apologies) + ".", []
        return "There were no apologies for absence.", []
    if item.role == ItemRole.DECLARATIONS:
        declarations = list(meeting.declarations.select_related("person", "agenda_item"))
        if not declarations:
            return "There were no declarations of interest.", []
        lines = [
            f"{d.person.formal_name} declared a {d.get_kind_display().lower()} in item {d.agenda_item.number}: {d.description}"
            + (f" (dispensation: {d.dispensation})" if d.dispensation else "")
            for d in declarations
        ]
        return "\n\n".join(lines), []
    if item.role == ItemRole.MINUTES:
        previous = next((d.minutes_of for d in item.documents.all() if d.minutes_of_id), None)
        when = _day(previous) if previous else "the last meeting"
        return "", [
            f"That the Minutes of the Committee's meeting held on {when} be confirmed as an accurate record of those proceedings."
        ]
    if item.role == ItemRole.URGENT:
        return "The Chairman confirmed that there were no items of urgency for the Committee to consider.", []
    if item.role == ItemRole.REFERENCES:
        return "There were no references from other Committees.", []
    if item.role == ItemRole.REGULATION_9:
        return "", ["That the contents of the Regulation 9 Notice be noted."]
    if item.role == ItemRole.EXCLUSION:
        return (
            "The Chairman advised that, under Section 100A(4) of the Local Government Act 1972 (as amended), the press "
            "and public were to be excluded from the meeting for the following item(s) of business.",
            [],
        )
    return "", []


@transaction.atomic
def minutes_draft(*, meeting: Meeting, by=None, today: dt.date | None = None) -> MinutesRecord:
    """Start the minutes of a meeting that has taken place: one minute per agenda item,
    numbered on from the year's earlier meetings, with the standard items' usual words."""
    today = today or timezone.localdate()
    if meeting.date > today:
        raise ValidationError(
            f"The meeting of {meeting.date_display} has not taken place yet: its minutes cannot be drafted."
        )
    if MinutesRecord.objects.filter(meeting=meeting).exists():
        raise ValidationError(f"The minutes of {meeting.date_display} are already started.")
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
    _save(record, by)
    for position, item in enumerate(items, start=1):
        narrative, resolutions = _standard_minute(item, meeting)
        minute = Minute(
            meeting=meeting,
            agenda_item=item,
            position=position,
            number=number,
            title=item.title.upper(),
            narrative=narrative,
        )
        _save(minute, by)
        for n, text in enumerate(resolutions, start=1):
            _save(Resolution(minute=minute, number=n, text=text), by)
        number += 1
    if meeting.status != MeetingStatus.HELD:
        meeting.status = MeetingStatus.HELD
        _save(meeting, by)
    # Minutes confirmed here before these minutes existed get their confirming resolution now.
    for earlier in MinutesRecord.objects.select_for_update(of=("self",)).filter(
        confirmed_at=meeting, confirmed_by_resolution__isnull=True
    ).select_related("meeting"):
        earlier.confirmed_by_resolution = confirming_resolution(meeting=earlier.meeting, at_meeting=meeting)
        if earlier.confirmed_by_resolution is not None:
            _save(earlier, by)
    _event(record, "drafted", today, by)
    return record


def _unlocked(minute: Minute) -> MinutesRecord:
    record = MinutesRecord.objects.select_for_update().filter(meeting=minute.meeting).first()
    if record is not None and record.is_locked:
        raise ValidationError(
            f"The minutes of {minute.meeting.date_display} are confirmed: their text cannot be edited. Record an amendment instead."
        )
    return record


class StaleEdit(ValidationError):
    """Someone else saved the minute after the editor opened it. `current` is the minute as
    saved now, so that the editor can compare and merge."""

    def __init__(self, message: str, *, current: Minute):
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


def _links_to(resolution: Resolution) -> list[str]:
    links = [
        f"the work-programme change “{change.get_kind_display()}: {change.item.title if change.item else change.wording}”"
        for change in resolution.work_programme_changes.select_related("item").order_by("pk")
    ]
    links += [
        f"the confirmation of the minutes of {record.meeting.date_display}"
        for record in resolution.confirms.select_related("meeting").order_by("meeting__date")
    ]
    return links


def _set_resolutions(minute: Minute, texts: list[str], by) -> None:
    # Resolutions are changed in place, not deleted and recreated, so that each keeps its
    # history and the records that point to it (confirmation, work-programme changes).
    wanted = [t.strip() for t in texts if t.strip()]
    existing = list(Resolution.internal.select_for_update().filter(minute=minute).order_by("number"))
    matched = _match_resolutions(existing, wanted)
    removed = [r for r in existing if r not in matched]
    for resolution in removed:  # refused before anything is written
        links = _links_to(resolution)
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
        resolution._history_user = by
        resolution.delete()
    # Kept resolutions that change number step aside first, so that none collides with
    # another's old number; a bare update, so the history shows only the final numbers.
    moving = [(n, r) for n, r in enumerate(matched, start=1) if r is not None and r.number != n]
    offset = max([r.number for r in existing] + [len(wanted)])
    for n, resolution in moving:
        Resolution.internal.filter(pk=resolution.pk).update(number=offset + n)
    for n, text in enumerate(wanted, start=1):
        resolution = matched[n - 1]
        if resolution is None:
            _save(Resolution(minute=minute, number=n, text=text), by)
        elif resolution.text != text or resolution.number != n:
            resolution.number, resolution.text = n, text
            _save(resolution, by)


@transaction.atomic
def minute_edit(
    *,
    minute: Minute,
    expected_revision: int,
    narrative: str | None = None,
    title: str | None = None,
    number: int | None = None,
    resolutions: list[str] | None = None,
    by=None,
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
    _save(current, by)
    return current


@transaction.atomic
def resolution_set(
    *, minute: Minute, texts: list[str], expected_revision: int | None = None, by=None
) -> None:
    """Replace a minute's resolutions (before confirmation only), numbered 1, 2, ..."""
    minute = Minute.internal.select_for_update().get(pk=minute.pk)
    _unlocked(minute)
    _check_revision(minute, expected_revision)
    _set_resolutions(minute, texts, by)
    minute.revision += 1
    _save(minute, by)


# -- life ----------------------------------------------------------------------------------------


def _record(meeting: Meeting) -> MinutesRecord:
    record = MinutesRecord.objects.select_for_update().filter(meeting=meeting).first()
    if record is None:
        raise ValidationError(f"The minutes of {meeting.date_display} have not been started.")
    return record


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by=None, today: dt.date | None = None) -> MinutesRecord:
    """Publish the draft minutes, unconfirmed, for the public."""
    today = today or timezone.localdate()
    record = _record(meeting)
    if record.status != MinutesStatus.DRAFT:
        raise ValidationError(
            f"The minutes of {meeting.date_display} are already {record.get_status_display().lower()}."
        )
    record.status, record.published_on = MinutesStatus.PUBLISHED, today
    _save(record, by)
    _event(record, "published", today, by)
    return record


def confirming_resolution(*, meeting: Meeting, at_meeting: Meeting) -> Resolution | None:
    """The resolution of at_meeting's standard "Confirmation of the minutes" item that
    confirms the minutes of `meeting`: the item whose minutes paper is of that meeting, or
    the only such item if no paper says which meeting it is of. None while at_meeting's own
    minutes are not yet drafted."""
    items = (
        Minute.internal.filter(meeting=at_meeting, agenda_item__role=ItemRole.MINUTES)
        .order_by("position")
        .prefetch_related("agenda_item__documents", "resolutions")
    )
    untied = []
    for minute in items:
        of = {d.minutes_of_id for d in minute.agenda_item.documents.all() if d.minutes_of_id}
        if meeting.pk in of:
            return minute.resolutions.first()
        if not of:
            untied.append(minute)
    return untied[0].resolutions.first() if len(untied) == 1 else None


@transaction.atomic
def minutes_confirm(
    *, meeting: Meeting, at_meeting: Meeting, resolution: Resolution | None = None, by=None
) -> MinutesRecord:
    """The Committee confirms the minutes at a later meeting, by the resolution of its
    standard "Confirmation of the minutes" item. If that meeting's own minutes are not
    drafted yet, the resolution is linked when they are (minutes_draft)."""
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            f"The meeting of {meeting.date_display} has not been held: there are no minutes to confirm."
        )
    record = _record(meeting)
    if record.is_locked:
        raise ValidationError(
            f"The minutes of {meeting.date_display} were already confirmed at the meeting of {record.confirmed_at.date_display}."
        )
    if at_meeting.committee_id != meeting.committee_id or at_meeting.date <= meeting.date:
        raise ValidationError(
            f"The minutes of {meeting.date_display} cannot be confirmed at the meeting of {at_meeting.date_display}: "
            "minutes are confirmed at a later meeting of the same committee."
        )
    if at_meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            f"The meeting of {at_meeting.date_display} has not been held yet: the minutes are confirmed there when it is."
        )
    if resolution is None:
        resolution = confirming_resolution(meeting=meeting, at_meeting=at_meeting)
    elif resolution.minute.meeting_id != at_meeting.pk:
        raise ValidationError(
            f"The resolution “{resolution}” is not one of the meeting of {at_meeting.date_display}: "
            "the minutes are confirmed by a resolution of the meeting that confirmed them."
        )
    record.status, record.confirmed_at, record.confirmed_by_resolution = (
        MinutesStatus.CONFIRMED,
        at_meeting,
        resolution,
    )
    record.published_on = record.published_on or at_meeting.date
    _save(record, by)
    _event(record, "confirmed", at_meeting.date, by, note=f"At the meeting of {at_meeting.date_display}")
    return record


@transaction.atomic
def minutes_sign(*, meeting: Meeting, chairman: Person, signed_on: dt.date, by=None) -> MinutesRecord:
    record = _record(meeting)
    if record.status != MinutesStatus.CONFIRMED:
        raise ValidationError(
            f"Only confirmed minutes are signed; the minutes of {meeting.date_display} are {record.get_status_display().lower()}."
        )
    record.status, record.signed_by, record.signed_on = MinutesStatus.SIGNED, chairman, signed_on
    _save(record, by)
    _event(record, "signed", signed_on, by, note=chairman.formal_name)
    return record


AMENDABLE = ("title", "narrative", "resolution")


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
    by=None,
) -> MinuteAmendment:
    """Correct confirmed minutes (the heading, the narrative or one resolution): the change
    is kept with who, when, why and the meeting that agreed it. Like an edit, it carries the
    revision it started from, so that a second correction made meanwhile is refused, not lost."""
    minute = Minute.internal.select_for_update().select_related("meeting").get(pk=minute.pk)
    label = f"Minute {minute.number or minute.title} of {minute.meeting.date_display}"
    record = MinutesRecord.objects.filter(meeting=minute.meeting).first()
    if record is None or not record.is_locked:
        raise ValidationError(f"The minutes of {minute.meeting.date_display} are not confirmed yet: edit them directly.")
    if field not in AMENDABLE:
        raise ValidationError(f"{label}: a correction is to the heading, the minute or a resolution.")
    resolution = None
    if field == "resolution":
        resolution = Resolution.internal.select_for_update().filter(minute=minute, number=resolution_number).first()
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
        agreed_at.committee_id != minute.meeting.committee_id
        or agreed_at.date <= minute.meeting.date
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
    amendment.full_clean()
    amendment.save()
    if resolution is not None:
        resolution.text = text
        _save(resolution, by)
    else:
        setattr(minute, field, text)
    minute.revision += 1
    _save(minute, by)
    where = f"resolution {resolution.number}" if resolution else amendment.get_field_display().lower()
    agreed = f" (agreed at the meeting of {agreed_at.date_display})" if agreed_at else ""
    _event(
        record,
        "amended",
        timezone.localdate(),
        by,
        note=f"Minute {minute.number}, {where}: {reason.strip()}{agreed}",
    )
    return amendment


# -- follow-up ----------------------------------------------------------------------------------


def _next_meeting_date(meeting: Meeting) -> dt.date | None:
    following = (
        Meeting.objects.filter(committee=meeting.committee, date__gt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date")
        .first()
    )
    return following.date if following else None


@transaction.atomic
def action_record(
    *,
    minute: Minute,
    description: str,
    owner_person: Person | None = None,
    owner_organisation: Organisation | None = None,
    owner_note: str = "",
    due_on: dt.date | None = None,
    by=None,
) -> Action:
    """An undertaking or request from a minute; due before the next meeting unless said otherwise."""
    due = due_on or _next_meeting_date(minute.meeting)
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
    _save(action, by)
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


def _locked_action(action: Action) -> Action:
    return Action.objects.select_for_update(of=("self",)).select_related("minute__meeting").get(pk=action.pk)


@transaction.atomic
def action_close(
    *,
    action: Action,
    done: bool,
    closed_on: dt.date,
    outcome: str = "",
    reported_at: Meeting | None = None,
    by=None,
) -> Action:
    """Close an action as done or no longer needed, optionally with the meeting its closing
    was reported to."""
    action = _locked_action(action)
    if action.status != ActionStatus.OPEN:
        raise ValidationError(f"The action “{action}” is already closed ({action.get_status_display().lower()}).")
    if closed_on < action.minute.meeting.date:
        raise ValidationError(
            f"The action “{action}” cannot be closed on {closed_on:%d %B %Y}, before the meeting it came from "
            f"({action.minute.meeting.date_display})."
        )
    if reported_at is not None:
        _committee_meeting_after(action, reported_at, "reported to")
    action.status = ActionStatus.DONE if done else ActionStatus.DROPPED
    action.closed_on, action.outcome = closed_on, outcome.strip()
    if reported_at is not None:
        action.reported_at = reported_at
    _save(action, by)
    if reported_at is not None:
        ActionReport.objects.get_or_create(
            action=action, meeting=reported_at, defaults={"status": action.status, "by": by}
        )
    return action


@transaction.atomic
def action_reopen(*, action: Action, reason: str, by=None) -> Action:
    """Reopen an action closed by mistake or found not done after all; the earlier closing
    stays in its history."""
    action = _locked_action(action)
    if action.status == ActionStatus.OPEN:
        raise ValidationError(f"The action “{action}” is open already.")
    if not reason.strip():
        raise ValidationError(f"Give the reason for reopening the action “{action}”.")
    action.status, action.closed_on = ActionStatus.OPEN, None
    action.outcome = f"Reopened: {reason.strip()}"
    _save(action, by)
    return action


@transaction.atomic
def actions_report(
    *, committee, meeting: Meeting, include_exempt: bool = False, by=None
) -> list[ActionReport]:
    """Record that the committee's open actions were reported to `meeting` (the follow-up
    report to the next meeting). Like that public report, it covers the actions from
    minutes the public may read, unless those from exempt minutes were reported too (in
    private)."""
    if meeting.committee_id != committee.pk:
        raise ValidationError(f"The meeting of {meeting.date_display} is not a meeting of {committee.name}.")
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(f"The meeting of {meeting.date_display} was cancelled: nothing was reported to it.")
    open_actions = [
        a
        for a in Action.objects.select_for_update(of=("self",))
        .filter(
            minute__meeting__committee=committee,
            status=ActionStatus.OPEN,
            minute__meeting__date__lt=meeting.date,
        )
        .exclude(reports__meeting=meeting)
        .select_related("minute__meeting", "minute__agenda_item")
        if include_exempt or not a.minute.is_withheld_from_public
    ]
    if not open_actions:
        raise ValidationError(
            f"There are no open actions from earlier meetings still to report to the meeting of {meeting.date_display}."
        )
    reports = []
    for action in open_actions:
        action.reported_at = meeting
        _save(action, by)
        report = ActionReport(action=action, meeting=meeting, status=action.status, by=by)
        report.full_clean()
        report.save()
        reports.append(report)
    return reports


def _locked_recommendation(recommendation: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().get(pk=recommendation.pk)


@transaction.atomic
def recommendation_draft(*, minute: Minute, authority: Organisation, text: str, by=None) -> Recommendation:
    if authority.kind == OrganisationKind.COMMITTEE:
        raise ValidationError(
            f"{authority.name} is a committee of the council, not a responsible authority or partner body: "
            "a recommendation is addressed to the body that must respond."
        )
    recommendation = Recommendation(minute=minute, authority=authority, text=text.strip())
    _save(recommendation, by)
    return recommendation


@transaction.atomic
def recommendation_send_for_check(
    *, recommendation: Recommendation, sent_on: dt.date, by=None
) -> Recommendation:
    recommendation = _locked_recommendation(recommendation)
    if recommendation.status != RecommendationStatus.DRAFT:
        raise ValidationError("Only a draft recommendation is sent for comment on its factual accuracy.")
    meeting = recommendation.minute.meeting
    if sent_on < meeting.date:
        raise ValidationError(
            f"The recommendation to {recommendation.authority} comes from the meeting of {meeting.date_display}: "
            f"it cannot have been sent on {sent_on:%d %B %Y}, before that meeting."
        )
    recommendation.status, recommendation.sent_for_check_on = RecommendationStatus.FACTUAL_CHECK, sent_on
    _save(recommendation, by)
    return recommendation


@transaction.atomic
def recommendation_make(*, recommendation: Recommendation, made_on: dt.date, by=None) -> Recommendation:
    """Make the recommendation formally: the 28 days for the response run from this date."""
    recommendation = _locked_recommendation(recommendation)
    if recommendation.status == RecommendationStatus.DRAFT:
        # The Kent protocol (DOMAIN.md section 4): sent in draft for the authority to check
        # its factual accuracy, then made formally.
        raise ValidationError(
            f"The recommendation to {recommendation.authority} is still a draft: send it to "
            f"{recommendation.authority} for comment on its factual accuracy first, then make it formally."
        )
    if recommendation.status != RecommendationStatus.FACTUAL_CHECK:
        raise ValidationError(f"The recommendation to {recommendation.authority} has already been made.")
    if made_on < recommendation.sent_for_check_on:
        raise ValidationError(
            f"The recommendation to {recommendation.authority} was sent for its factual check on "
            f"{recommendation.sent_for_check_on:%d %B %Y}: it is made formally after that, not on {made_on:%d %B %Y}."
        )
    recommendation.status, recommendation.made_on = RecommendationStatus.MADE, made_on
    _save(recommendation, by)
    return recommendation


@transaction.atomic
def recommendation_extend(
    *, recommendation: Recommendation, days: int, reason: str, by=None
) -> Recommendation:
    recommendation = _locked_recommendation(recommendation)
    if recommendation.status != RecommendationStatus.MADE:
        raise ValidationError("Only a recommendation awaiting its response can be given more time.")
    if days < 1 or not reason.strip():
        raise ValidationError(
            "Give the number of extra days and the extenuating circumstances the committee agreed."
        )
    recommendation.extension_days, recommendation.extension_reason = days, reason.strip()
    _save(recommendation, by)
    return recommendation


@transaction.atomic
def recommendation_record_response(
    *, recommendation: Recommendation, received_on: dt.date, response: str, by=None
) -> Recommendation:
    recommendation = _locked_recommendation(recommendation)
    if recommendation.status in (RecommendationStatus.DRAFT, RecommendationStatus.FACTUAL_CHECK):
        raise ValidationError(
            f"The recommendation to {recommendation.authority} was never made formally: there is no response to record."
        )
    if recommendation.status != RecommendationStatus.MADE:
        raise ValidationError("The response to this recommendation is already recorded.")
    if received_on < recommendation.made_on:
        raise ValidationError("The response cannot be dated before the recommendation was made.")
    recommendation.status, recommendation.response_on, recommendation.response = (
        RecommendationStatus.RESPONDED,
        received_on,
        response.strip(),
    )
    _save(recommendation, by)
    return recommendation


@transaction.atomic
def recommendation_report_back(
    *, recommendation: Recommendation, meeting: Meeting, by=None
) -> Recommendation:
    recommendation = _locked_recommendation(recommendation)
    if recommendation.status != RecommendationStatus.RESPONDED:
        raise ValidationError("Only a response that has been received is reported back to the Committee.")
    committee = recommendation.minute.meeting.committee
    if meeting.committee_id != committee.pk:
        raise ValidationError(
            f"The meeting of {meeting.date_display} is not a meeting of {committee.name}: "
            "the response comes back to the committee that made the recommendation."
        )
    if meeting.date < recommendation.response_on:
        raise ValidationError(
            f"The response from {recommendation.authority} was received on {recommendation.response_on:%d %B %Y}: "
            f"it cannot have been reported to the earlier meeting of {meeting.date_display}."
        )
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(f"The meeting of {meeting.date_display} was cancelled: nothing was reported to it.")
    recommendation.status, recommendation.reported_at = RecommendationStatus.REPORTED, meeting
    _save(recommendation, by)
    return recommendation


def recommendation_due(recommendation: Recommendation) -> dt.date | None:
    if recommendation.made_on is None:
        return None
    return response_due(recommendation.made_on, extension_days=recommendation.extension_days).date


def quorum(meeting: Meeting) -> tuple[int, int, bool]:
    """(members present, quorum, quorate): members and substitutes count, invitees do not."""
    present = meeting.attendance.filter(kind__in=(AttendanceKind.PRESENT, AttendanceKind.SUBSTITUTE)).count()
    needed = meeting.committee.quorum
    return present, needed, present >= needed

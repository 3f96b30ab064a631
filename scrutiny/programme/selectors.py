"""Reads of the work programme: the plan table, the checks, versions and amendments."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from scrutiny.access.policy import Viewer
from scrutiny.governance.models import Committee
from scrutiny.governance.selectors import annual_meetings
from scrutiny.meetings.models import OPEN_MEETING_STATUSES, DatePrecision, Meeting, MeetingStatus
from scrutiny.rules import meeting_frequency, statutory_items
from scrutiny.rules import municipal_year as municipal_year_rule
from scrutiny.rules import seasons as seasons_rule
from scrutiny.rules.annual_report import numeral
from scrutiny.rules.deadlines import PARTNER_NOTICE_CITATION, partner_request_deadline

from .models import (
    ChangeKind,
    DecidedBy,
    DrawDownRequest,
    DrawDownStep,
    ItemStatus,
    Recurrence,
    RecurringRule,
    VersionStatus,
    WorkPlanVersion,
    WorkProgrammeChange,
    WorkProgrammeItem,
)

# A snapshot row of a frozen plan, as stored in WorkPlanVersion.snapshot (JSON):
# {label, meeting, items: [{key, title, note, status}]}.
SnapshotRow = dict[str, Any]


def season_label(meeting: Meeting, seasons: seasons_rule.Seasons | None = None) -> str:
    """'Summer 2017 (July)', 'Winter 2018 (February)', as the committee names its seasons
    (`seasons`, when the caller has them already)."""
    return seasons_rule.label(meeting.date, seasons or seasons_rule.parse(meeting.committee.seasons))


def month_label(meeting: Meeting) -> str:
    return f"{meeting.date:%B %Y}"


def plannable_meetings(*, committee: Committee, today: dt.date) -> QuerySet[Meeting]:
    """Meetings an item may be scheduled to: this committee's, not held, not cancelled, not past;
    and those recorded after the event (recording mode), held or not, to record what their
    plan was."""
    live = Q(status__in=OPEN_MEETING_STATUSES, date__gte=today)
    recorded = Q(recorded_at__isnull=False) & ~Q(status=MeetingStatus.CANCELLED)
    return Meeting.objects.filter(live | recorded, committee=committee).select_related("committee").order_by("date")


@dataclass(frozen=True)
class PlanRow:
    label: str
    meeting: Meeting | None
    items: tuple[WorkProgrammeItem, ...]
    to_be_agreed: bool  # an empty future meeting: "TO BE AGREED"


def plan_rows(
    *, committee: Committee, today: dt.date | None = None, from_year: int | None = None,
    as_at: dt.date | None = None,
) -> list[PlanRow]:
    """The rolling Work Plan as the council lays it out: a row per meeting with its items,
    'TO BE AGREED' for future meetings with none, and a last row of items not yet placed.
    With `as_at`, the plan as it stood on that day (`item_on`): the meetings from that day on,
    each with the items it then had, TO BE AGREED included."""
    today = today or timezone.localdate()
    items = list(
        WorkProgrammeItem.objects.filter(committee=committee)
        .select_related("target_meeting", "brought_by")
        .prefetch_related("changes__decided_at", "changes__from_meeting", "changes__to_meeting")
        .order_by("target_meeting__date", "pk")
    )
    by_meeting: dict[int | None, list[WorkProgrammeItem]] = defaultdict(list)
    listed = first_listed(committee=committee) if as_at is not None else {}
    for item in items:
        if as_at is None:
            by_meeting[item.target_meeting_id].append(item)
            continue
        state = item_on(item, as_at, listed_on=listed.get(item.key))
        if state is not None and state.status != ItemStatus.CANCELLED:
            by_meeting[state.meeting_id].append(item)
    meetings = (
        Meeting.objects.filter(committee=committee).exclude(status=MeetingStatus.CANCELLED).order_by("date")
    )
    if from_year is not None:
        first, _ = municipal_year_rule.bounds(from_year, annual_meetings(committee.council))
        meetings = meetings.filter(date__gte=first)
    if as_at is not None:
        meetings = meetings.filter(date__gte=as_at)
    rows: list[PlanRow] = []
    seasons = seasons_rule.parse(committee.seasons)
    for meeting in meetings:
        mine = by_meeting.get(meeting.pk, [])
        future = (meeting.date >= as_at) if as_at is not None else (
            meeting.date >= today and meeting.status in OPEN_MEETING_STATUSES)
        if mine or future:
            rows.append(PlanRow(season_label(meeting, seasons), meeting, tuple(mine), to_be_agreed=not mine))
    if by_meeting.get(None):
        rows.append(PlanRow("To be agreed", None, tuple(by_meeting[None]), to_be_agreed=False))
    return rows


@dataclass(frozen=True)
class ItemOn:
    meeting_id: int | None  # None: to be agreed
    status: str


def _change_day(change: WorkProgrammeChange) -> dt.date | None:
    """When a change was made: its date, else its meeting's; an undated one, by the earlier
    meeting it concerns (it was decided before that meeting)."""
    day = _dated(change)
    if day is None:
        days = [m.date for m in (change.from_meeting, change.to_meeting) if m is not None]
        day = min(days) if days else None
    return day


def first_listed(*, committee: Committee) -> dict[str, dt.date]:
    """The day each item first appears in a frozen version of the plan (by its key)."""
    days: dict[str, dt.date] = {}
    for version in WorkPlanVersion.objects.filter(committee=committee).order_by("prepared_on", "pk"):
        for row in version.snapshot:
            for entry in row.get("items", []):
                days.setdefault(entry.get("key", ""), version.prepared_on)
    return days


def item_on(item: WorkProgrammeItem, day: dt.date, *, listed_on: dt.date | None = None) -> ItemOn | None:
    """Where the item stood in the plan on `day`, replayed from its changes; None if it was not
    yet in the plan (added later, or still a proposal). An item recorded without the change
    that added it was in the plan from the first version that lists it (`listed_on`), else from
    the first, at the meeting its first move left."""
    changes = sorted(item.changes.all(), key=lambda c: c.sequence)
    added = next((c for c in changes if c.kind in (ChangeKind.ADDED, ChangeKind.ACCEPTED)), None)
    if added is not None:
        added_on = _change_day(added)
        if added_on is not None and added_on > day:
            return None
        meeting_id = added.to_meeting_id if added.to_meeting_id is not None else item.target_meeting_id
    else:
        # in the plan from its first listing, or from its first recorded change if earlier
        known = [d for d in [listed_on, *(_change_day(c) for c in changes)] if d is not None]
        since = min(known) if listed_on is not None and known else None
        if item.status == ItemStatus.PROPOSED or (since is not None and since > day):
            return None
        moved_from = next((c.from_meeting_id for c in changes if c.from_meeting_id is not None), None)
        meeting_id = moved_from if moved_from is not None else item.target_meeting_id
    status: str = ItemStatus.PLANNED
    for change in changes:
        when = _change_day(change)
        if change is added or when is None or when > day:
            continue
        if change.kind in (ChangeKind.MOVED, ChangeKind.CARRIED_FORWARD, ChangeKind.DEFERRED):
            meeting_id = change.to_meeting_id
        elif change.kind == ChangeKind.CANCELLED:
            status = ItemStatus.CANCELLED
        elif change.kind == ChangeKind.CONSIDERED:
            status = ItemStatus.CONSIDERED
    return ItemOn(meeting_id, status)


def snapshot(rows: list[PlanRow]) -> list[SnapshotRow]:
    """The plan as plain data, for a frozen version."""
    return [
        {
            "label": row.label,
            "meeting": row.meeting.date.isoformat() if row.meeting else None,
            "items": [
                {"key": i.key, "title": i.title, "note": i.note, "status": i.status}
                for i in row.items
                if i.status != ItemStatus.CANCELLED
            ],
        }
        for row in rows
    ]


# -- checks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:
    rule: str  # "statutory", "frequency", "notice"
    message: str
    citation: str
    item: WorkProgrammeItem | None = None


def statutory_warnings(*, committee: Committee, today: dt.date) -> list[Warning]:
    """A warning for each municipal year (with meetings, up to the last planned) that lacks a
    statutory item."""
    meetings_of_council = annual_meetings(committee.council)
    meetings = Meeting.objects.filter(committee=committee).exclude(status=MeetingStatus.CANCELLED)
    years = sorted({municipal_year_rule.start_year_for(m.date, meetings_of_council) for m in meetings})
    subjects: dict[int, set[str]] = defaultdict(set)
    for item in (
        WorkProgrammeItem.objects.filter(committee=committee, target_meeting__isnull=False)
        .exclude(status=ItemStatus.CANCELLED)
        .exclude(statutory_subject="")
        .select_related("target_meeting")
    ):
        if item.target_meeting is None:  # excluded by the query
            continue
        year = municipal_year_rule.start_year_for(item.target_meeting.date, meetings_of_council)
        subjects[year].add(item.statutory_subject)
    warnings = []
    for year in years:
        for requirement in statutory_items.missing(subjects[year], committee.statutory_documents):
            warnings.append(
                Warning(
                    "statutory",
                    f"The {municipal_year_rule.label(year)} municipal year has no item for {requirement}.",
                    statutory_items.CITATION,
                )
            )
    return warnings


def frequency_warnings(*, committee: Committee, today: dt.date) -> list[Warning]:
    meetings = list(
        Meeting.objects.filter(committee=committee).exclude(status=MeetingStatus.CANCELLED).order_by("date")
    )
    approximate = {m.date for m in meetings if m.date_precision == DatePrecision.MONTH}
    warnings = []
    for gap in meeting_frequency.gaps([m.date for m in meetings], today=today):
        after = _day(gap.after, gap.after in approximate)
        if gap.before is None:
            tense = "was" if gap.due_by < today else "is"
            message = (
                f"No meeting is scheduled after {after}: the committee must meet at least once in every "
                f"twelve months, so the next meeting {tense} due by {_day(gap.due_by)}."
            )
        else:
            message = (
                f"The meetings of {after} and {_day(gap.before, gap.before in approximate)} are more than "
                f"twelve months apart: a meeting was due by {_day(gap.due_by)}."
            )
        warnings.append(Warning("frequency", message, meeting_frequency.CITATION))
    return warnings + protocol_frequency_warnings(committee=committee, meetings=meetings, today=today)


def protocol_frequency_warnings(*, committee: Committee, meetings: list[Meeting], today: dt.date) -> list[Warning]:
    """Where the protocol asks for more than the law (twice a year, say): each municipal year,
    from the first with a meeting to the present one, that has fewer meetings than it asks."""
    wanted = committee.meetings_per_year
    if wanted <= 1 or not meetings:
        return []
    council_meetings = annual_meetings(committee.council)
    per_year: dict[int, int] = {}
    for meeting in meetings:
        year = municipal_year_rule.start_year_for(meeting.date, council_meetings)
        per_year[year] = per_year.get(year, 0) + 1
    current = municipal_year_rule.start_year_for(today, council_meetings)
    return [
        Warning("protocol", f"The protocol asks for {wanted} meetings in each municipal year: "
                f"{municipal_year_rule.label(year)} has {per_year.get(year, 0)}.", "The committee's protocol")
        for year in range(min(per_year), current + 1)
        if per_year.get(year, 0) < wanted
    ]


def notice_deadline(item: WorkProgrammeItem) -> dt.date | None:
    if not item.needs_attendance or item.target_meeting is None:
        return None
    committee = item.committee
    return partner_request_deadline(
        item.target_meeting.date,
        days=committee.partner_notice_days,
        counting=committee.partner_notice_counting,
    )


def notice_warnings(*, committee: Committee, today: dt.date) -> list[Warning]:
    warnings = []
    for item in WorkProgrammeItem.objects.filter(
        committee=committee,
        needs_attendance=True,
        attendance_requested_on__isnull=True,
        status__in=(ItemStatus.PLANNED, ItemStatus.PROPOSED),
        target_meeting__status__in=OPEN_MEETING_STATUSES,
        target_meeting__date__gte=today,
    ).select_related("target_meeting", "committee"):
        deadline = notice_deadline(item)
        if item.target_meeting is not None and deadline is not None and deadline < today:
            message = (
                f"“{item.title}”: the request for a partner to attend on {_day(item.target_meeting.date)} "
                f"had to go out by {_day(deadline)} and is not recorded as sent."
            )
            warnings.append(Warning("notice", message, PARTNER_NOTICE_CITATION, item))
    return warnings


def warnings(*, committee: Committee, today: dt.date | None = None) -> list[Warning]:
    today = today or timezone.localdate()
    return (
        statutory_warnings(committee=committee, today=today)
        + frequency_warnings(committee=committee, today=today)
        + notice_warnings(committee=committee, today=today)
    )


def _day(day: dt.date, month_only: bool = False) -> str:
    return f"{day:%B %Y}" if month_only else f"{day.day} {day:%B %Y}"


# -- history, versions, amendments ----------------------------------------------------------


# Said in place of a change's wording, and its note of who asked, when they may quote a
# resolution the viewer may not read: the wording is how the papers record the change, often
# the resolution itself ("That a presentation ... be added to the Committee's Work Plan").
WITHHELD_EXEMPT = "Changed by a resolution taken in private"
WITHHELD_DRAFT = "Changed by a resolution whose minutes are not yet published"


@dataclass(frozen=True)
class _ResolutionSeen:
    label: str  # "Minute 15, resolution 1 (26 July 2017)"; "" when none
    url: str | None
    text: str | None  # None when withheld or none
    exempt: bool  # exempt, and the viewer may not read it
    withheld: str  # why the reason is not shown; "" when it is
    wording_withheld: str  # said in place of the wording; "" when it may be shown


def _resolution_seen(change: WorkProgrammeChange, viewer: Viewer) -> _ResolutionSeen:
    """What `viewer` may read of the resolution that made a change (the one access policy
    decides: draft minutes are the officers', exempt minutes the members' and officers')."""
    if change.resolution is None:
        return _ResolutionSeen("", None, None, False, "", "")
    minute = change.resolution.minute
    meeting = minute.meeting
    day = meeting.day_display
    if not viewer.may_see_minutes(meeting):  # draft minutes are not yet the public record
        return _ResolutionSeen(
            f"A resolution of the meeting of {day}",
            None,
            None,
            False,
            "Not yet published: the minutes of that meeting are in draft.",
            WITHHELD_DRAFT,
        )
    exempt = minute.is_withheld_from_public and not viewer.may_see_exempt_of_meeting(meeting)
    number = f"Minute {minute.number}, " if minute.number else ""
    return _ResolutionSeen(
        f"{number}resolution {change.resolution.number} ({day})",
        reverse("minute", args=[minute.pk]),
        None if exempt else change.resolution.text,
        exempt,
        "Not published: the resolution is exempt." if exempt else "",
        WITHHELD_EXEMPT if exempt else "",
    )


_RESOLUTION_RELATED = (
    "resolution__minute__agenda_item",
    "resolution__minute__meeting__committee",
    "resolution__minute__meeting__minutes_record",
)


@dataclass(frozen=True)
class ChangeEntry:
    """One change in an item's history, redacted for the viewer: a change made by a
    resolution the viewer may not read (exempt, or in draft minutes) says so and links to its
    minute where that shows the public record, but neither the resolution's text, nor the
    change's wording, nor the free-text reason or note of who asked, which often quote it."""

    decided_on: dt.date | None
    kind: str
    wording: str  # the neutral WITHHELD_* text when withheld
    wording_withheld: bool
    decided_by: str
    decided_by_note: str
    reason: str
    resolution_label: str  # "Minute 15, resolution 1 (26 July 2017)"; "" when none
    resolution_url: str | None
    resolution_text: str | None  # None when withheld or none
    resolution_exempt: bool  # exempt, and the viewer may not read it
    reason_withheld: str  # why the reason is not shown; "" when it is


def item_changes(item: WorkProgrammeItem, *, viewer: Viewer | None = None) -> list[ChangeEntry]:
    """The item's history as `viewer` may read it (the public when no viewer is given)."""
    viewer = viewer or Viewer()
    changes = item.changes.select_related(
        "from_meeting", "to_meeting", "decided_at", "recorded_by", *_RESOLUTION_RELATED
    ).order_by("sequence")
    entries = []
    for c in changes:
        seen = _resolution_seen(c, viewer)
        entries.append(
            ChangeEntry(
                decided_on=c.decided_on,
                kind=c.get_kind_display(),
                wording=seen.wording_withheld or c.wording,
                wording_withheld=bool(seen.wording_withheld),
                decided_by=c.get_decided_by_display(),
                decided_by_note="" if seen.wording_withheld else c.decided_by_note,
                reason="" if seen.withheld else c.reason,
                resolution_label=seen.label,
                resolution_url=seen.url,
                resolution_text=seen.text,
                resolution_exempt=seen.exempt,
                reason_withheld=seen.withheld,
            )
        )
    return entries


@dataclass(frozen=True)
class RecordedChange:
    """A worded change for the plan's list of amendments, redacted like ChangeEntry."""

    wording: str  # the neutral WITHHELD_* text when withheld
    wording_withheld: bool
    decided_by: str
    decided_on: dt.date | None


def recorded_changes(*, committee: Committee, viewer: Viewer | None = None) -> list[RecordedChange]:
    """The plan's worded changes as `viewer` may read them (the public when none is given)."""
    viewer = viewer or Viewer()
    changes = (
        WorkProgrammeChange.objects.filter(item__committee=committee)
        .exclude(wording="")
        .select_related("item", "from_meeting", "to_meeting", *_RESOLUTION_RELATED)
        .order_by("decided_on", "item__pk", "sequence")
    )
    out = []
    for c in changes:
        withheld = _resolution_seen(c, viewer).wording_withheld
        out.append(
            RecordedChange(withheld or c.wording, bool(withheld), c.get_decided_by_display(), c.decided_on)
        )
    return out


def amendments(*, committee: Committee, start_year: int) -> list[tuple[str, WorkProgrammeChange]]:
    """The year's amendments to the plan (to its items and its recurring rules), numbered (i),
    (ii), ... as the annual report lists them: dated ones by date, an item's before a rule's on
    the same day, then the undated ones in the order they were recorded."""
    first, last = municipal_year_rule.bounds(start_year, annual_meetings(committee.council))
    changes = [
        c
        for c in WorkProgrammeChange.objects.filter(Q(item__committee=committee) | Q(rule__committee=committee))
        .exclude(kind__in=[ChangeKind.ACCEPTED, ChangeKind.CONSIDERED])
        .exclude(decided_by=DecidedBy.STANDING_RULE)
        .select_related("item", "rule", "decided_at", "from_meeting", "to_meeting", "resolution__minute")
        if _in_year(c, first, last)
    ]
    changes.sort(key=lambda c: (_dated(c) is None, _dated(c) or first, c.rule_id is not None, c.pk))
    return [(f"({numeral(n)})", c) for n, c in enumerate(changes, start=1)]


def _dated(change: WorkProgrammeChange) -> dt.date | None:
    return change.decided_on or (change.decided_at.date if change.decided_at else None)


def _in_year(change: WorkProgrammeChange, first: dt.date, last: dt.date) -> bool:
    day = _dated(change)
    if day is None:  # undated: the year of the earlier meeting it concerns (it was decided before that one)
        days = [m.date for m in (change.from_meeting, change.to_meeting) if m is not None]
        day = min(days) if days else None
    return day is not None and first <= day <= last


def versions(*, committee: Committee) -> QuerySet[WorkPlanVersion]:
    return (
        WorkPlanVersion.objects.filter(committee=committee)
        .select_related("approved_at")
        .order_by("-prepared_on", "-pk")
    )


def version_in_force(*, committee: Committee, on: dt.date) -> WorkPlanVersion | None:
    """The plan as approved on a date: the latest approval on or before it."""
    return (
        WorkPlanVersion.objects.filter(committee=committee, status=VersionStatus.APPROVED, approved_on__lte=on)
        .order_by("-approved_on", "-pk")
        .first()
    )


@dataclass(frozen=True)
class VersionDiff:
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    moved: list[tuple[dict[str, Any], str, str]]  # item, from label, to label

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved)


def diff(old: list[SnapshotRow], new: list[SnapshotRow]) -> VersionDiff:
    """What changed between two snapshots, by item key."""

    def index(rows: list[SnapshotRow]) -> dict[str, tuple[dict[str, Any], str]]:
        return {i["key"]: (i, row["label"]) for row in rows for i in row["items"]}

    before, after = index(old), index(new)
    added = [after[k][0] for k in after.keys() - before.keys()]
    removed = [before[k][0] for k in before.keys() - after.keys()]
    moved = [
        (after[k][0], before[k][1], after[k][1])
        for k in before.keys() & after.keys()
        if before[k][1] != after[k][1]
    ]
    def by_title(entry: dict[str, Any]) -> str:
        return str(entry["title"])

    return VersionDiff(
        sorted(added, key=by_title), sorted(removed, key=by_title), sorted(moved, key=lambda m: by_title(m[0]))
    )


def scheduled_items(*, meeting: Meeting) -> QuerySet[WorkProgrammeItem]:
    """The work-programme items planned for a meeting, in plan order: what its draft agenda
    takes after the standard opening items."""
    return (
        WorkProgrammeItem.objects.filter(
            target_meeting=meeting, status__in=(ItemStatus.PLANNED, ItemStatus.CONSIDERED)
        )
        .select_related("brought_by")
        .order_by("pk")
    )


# -- what the services check and make -------------------------------------------------------


def check_target(*, committee: Committee, meeting: Meeting | None, today: dt.date) -> None:
    """Refuse a meeting an item cannot be scheduled to, saying why."""
    if meeting is None:
        return
    when = meeting.date_display
    if meeting.committee_id != committee.pk:
        raise ValidationError(
            f"The meeting of {when} is a meeting of {meeting.committee.name}, not of {committee.name}."
        )
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(f"The meeting of {when} is cancelled: choose another meeting.")
    if meeting.is_recorded_after_event:  # recording mode: the plan as it was, on a meeting held
        return
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(f"The meeting of {when} has already been held: choose a future meeting.")
    if meeting.date < today:
        raise ValidationError(f"The meeting of {when} is in the past: choose a future meeting.")


def unused_item_key(committee: Committee, title: str) -> str:
    """A key for a new item of the committee, from its title, that no item has yet."""
    base = slugify(title)[:60] or "item"
    key, n = base, 1
    while WorkProgrammeItem.objects.filter(committee=committee, key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


def rule_applies(rule: RecurringRule, meeting: Meeting) -> bool:
    """Whether a recurring rule proposes its item for the meeting (summer: April to September)."""
    summer = 4 <= meeting.date.month <= 9
    return rule.recurrence == Recurrence.EVERY_MEETING or (rule.recurrence == Recurrence.SUMMER) == summer


def rule_title(rule: RecurringRule, meeting: Meeting) -> str:
    """The title of the item a recurring rule proposes for the meeting."""
    year = municipal_year_rule.start_year_for(meeting.date, annual_meetings(rule.committee.council))
    return rule.title_template.format(
        year=meeting.date.year,
        previous_year=meeting.date.year - 1,
        municipal_year=municipal_year_rule.label(year),
        previous_municipal_year=municipal_year_rule.label(year - 1),
    )


# -- Reads for the views and forms ----------------------------------------------------------


def proposed_items(*, committee: Committee) -> QuerySet[WorkProgrammeItem]:
    """Items proposed from the recurring rules, awaiting an officer."""
    return WorkProgrammeItem.objects.filter(committee=committee, status=ItemStatus.PROPOSED).select_related(
        "target_meeting"
    )


def proposed_versions(*, committee: Committee) -> QuerySet[WorkPlanVersion]:
    """The plans frozen as proposed, newest first: what an approval may approve."""
    return WorkPlanVersion.objects.filter(committee=committee, status=VersionStatus.PROPOSED).order_by("-prepared_on")


def draw_down_requests(*, committee: Committee) -> QuerySet[DrawDownRequest]:
    return DrawDownRequest.objects.filter(committee=committee).select_related("requested_by", "item")


def draw_down_steps(*, request: DrawDownRequest) -> QuerySet[DrawDownStep]:
    """The request's steps, in the order they were taken."""
    return request.steps.select_related("decided_by", "recorded_by").order_by("sequence")

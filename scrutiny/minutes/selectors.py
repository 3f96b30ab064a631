"""Reads of minutes, filtered and redacted for the viewer (see scrutiny.access.policy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict, cast

from django.core.exceptions import ValidationError
from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from scrutiny.access.policy import Viewer
from scrutiny.governance.models import Committee
from scrutiny.governance.selectors import annual_meetings
from scrutiny.meetings.models import AgendaItem, ItemRole, Meeting, MeetingStatus
from scrutiny.rules import municipal_year as municipal_year_rule
from scrutiny.rules.deadlines import response_due
from scrutiny.rules.exempt_information import (
    CONFIDENTIAL_INFORMATION,
    ExemptionGround,
    not_for_publication_mark,
    paragraph_reference,
)

from .models import (
    UNMADE_RECOMMENDATION_STATUSES,
    Action,
    ActionStatus,
    AmendedPart,
    Attendance,
    AttendanceKind,
    Declaration,
    Minute,
    MinuteAmendment,
    MinuteQuerySet,
    MinutesRecord,
    MinutesStatus,
    OutsideMeetingNoted,
    Recommendation,
    RecommendationStatus,
    Reference,
    Resolution,
)


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None  # None when the viewer may not open it


@dataclass(frozen=True)
class Correction:
    """A recorded amendment to confirmed minutes, as the viewer may read it: a withheld
    minute's correction says only that, and when, it was corrected."""

    on: dt.date
    part: str  # "the heading", "the minute", "resolution 2"
    agreed_at: str  # the meeting that agreed it, or ""
    text: str | None  # the corrected text; None when withheld
    reason: str | None  # None when withheld


@dataclass(frozen=True)
class MinuteEntry:
    pk: int
    meeting_pk: int
    number: int | None
    title: str
    narrative: str | None  # None when withheld
    resolutions: tuple[tuple[int, str], ...] | None  # None when withheld
    resolution_count: int
    withheld: bool
    exempt: bool
    exemption_statement: str
    exemption_ground: str = ""
    withheld_notice: str = ""  # what the public reads in place of the text
    confirms: tuple[Link, ...] = ()  # the earlier minutes this minute's resolution confirmed
    # (resolution number, work-programme item changed): titles of the plan are public, so a
    # withheld minute still shows what its resolutions changed, never their text
    work_programme_changes: tuple[tuple[int, Link], ...] = ()
    corrections: tuple[Correction, ...] = ()

    @property
    def not_for_publication(self) -> bool:
        """An entitled copy carrying exempt text, to be marked NOT FOR PUBLICATION."""
        return self.exempt and not self.withheld

    @property
    def not_for_publication_mark(self) -> str:
        """The s100B(5) mark with the ground, as printed on an entitled copy."""
        return not_for_publication_mark(self.exemption_ground)


def _exemption_statement(minute: Minute) -> str:
    """A minute's own ground, else its item's: the minute of an exempt item is exempt like it."""
    item = minute.agenda_item
    return minute.exemption_statement or (item.exemption_statement if item else "")


def withheld_notice(*, resolution_count: int, ground: str) -> str:
    """The public record of an exempt minute: the fact of its resolutions and the ground,
    never their text (LGA 1972 s100C: the minutes are open except so far as they disclose
    exempt information). One wording for the page, PDF, Word and decisions list."""
    if ground == ExemptionGround.CONFIDENCE:
        basis = f"withheld under an obligation of confidence ({CONFIDENTIAL_INFORMATION})"
    elif ground:
        basis = f"exempt under {paragraph_reference(ground)}"
    else:
        basis = "exempt"
    if resolution_count == 0:
        return f"This item was considered in private. The minute is {basis} and is not published."
    if resolution_count == 1:
        return (
            "This item was considered in private. The Committee passed a resolution on this item, "
            f"which is {basis}; its text is not published."
        )
    return (
        f"This item was considered in private. The Committee passed {resolution_count} resolutions "
        f"on this item, which are {basis}; their text is not published."
    )


def _confirms(minute: Minute, resolutions: list[Resolution]) -> tuple[Link, ...]:
    records = [record for r in resolutions for record in r.confirms.all()]
    item = minute.agenda_item
    if not records and item is not None and item.role == ItemRole.MINUTES:
        # confirmed before the resolution was recorded: the item's minutes paper says which
        records = list(
            MinutesRecord.objects.filter(
                confirmed_at=minute.meeting, meeting__minutes_papers__agenda_item=item
            ).select_related("meeting")
        )
    return tuple(
        Link(
            f"Confirms the minutes of {r.meeting.date_display}",
            reverse("meeting_minutes", args=[r.meeting_id]),
        )
        for r in records
    )


def _programme_changes(resolutions: list[Resolution]) -> tuple[tuple[int, Link], ...]:
    out: list[tuple[int, Link]] = []
    for r in resolutions:
        for change in sorted(r.work_programme_changes.all(), key=lambda change: change.pk):
            if change.item is None:
                continue
            when = f" ({change.to_meeting.date_display})" if change.to_meeting else ""
            text = f"{change.get_kind_display()}: {change.item.title}{when}"
            out.append((r.number, Link(text, reverse("work_programme_item", args=[change.item_id]))))
    return tuple(out)


AMENDED_PARTS: dict[str, str] = {AmendedPart.TITLE: "the heading", AmendedPart.NARRATIVE: "the minute"}


def _corrections(minute: Minute, *, withheld: bool) -> tuple[Correction, ...]:
    return tuple(
        Correction(
            on=timezone.localtime(a.at).date(),
            part=AMENDED_PARTS.get(a.field) or f"resolution {a.resolution_number}",
            agreed_at=a.agreed_at.date_display if a.agreed_at else "",
            text=None if withheld else a.after,
            reason=None if withheld else a.reason,
        )
        for a in minute.amendments.all()
    )


def _entry(minute: Minute, *, may_see: bool) -> MinuteEntry:
    item = minute.agenda_item
    exempt = minute.is_withheld_from_public
    withheld = exempt and not may_see
    statement = _exemption_statement(minute)
    ground = minute.exemption_ground or (item.exemption_ground if item and item.is_exempt else "")
    resolutions = list(minute.resolutions.all())
    title = minute.title
    if withheld:
        title = minute.public_title or (item.public_title if item and item.public_title else minute.title)
    return MinuteEntry(
        pk=minute.pk,
        meeting_pk=minute.meeting_id,
        number=minute.number,
        title=title,
        narrative=None if withheld else minute.narrative,
        resolutions=None if withheld else tuple((r.number, r.text) for r in resolutions),
        resolution_count=len(resolutions),
        withheld=withheld,
        exempt=exempt,
        exemption_statement=statement,
        exemption_ground=ground if exempt else "",
        withheld_notice=withheld_notice(resolution_count=len(resolutions), ground=ground) if exempt else "",
        confirms=_confirms(minute, resolutions),
        work_programme_changes=_programme_changes(resolutions),
        corrections=_corrections(minute, withheld=withheld),
    )


def _queryset(may_see: bool) -> QuerySet[Minute]:
    manager = Minute.internal if may_see else Minute.public
    return manager.select_related("agenda_item", "meeting", "meeting__committee").prefetch_related(
        Prefetch(
            "amendments", queryset=MinuteAmendment.objects.select_related("agreed_at").order_by("at", "pk")
        ),
        Prefetch(
            "resolutions",
            queryset=Resolution.internal.order_by("number").prefetch_related(
                Prefetch("confirms", queryset=MinutesRecord.objects.select_related("meeting")),
                # By name: the work programme sits beside the minutes and reads them, not the reverse.
                "work_programme_changes__item",
                "work_programme_changes__to_meeting",
            ),
        ),
    )


def meeting_minutes(*, meeting: Meeting, viewer: Viewer) -> list[MinuteEntry] | None:
    """The minutes as this viewer may see them; None if none may be shown yet."""
    if not viewer.may_see_minutes(meeting):
        return None
    may_see = viewer.may_see_exempt_of_meeting(meeting)
    return [
        _entry(m, may_see=may_see) for m in _queryset(may_see).filter(meeting=meeting).order_by("position")
    ]


def published_minute_entries(*, meeting: Meeting, may_see: bool) -> list[MinuteEntry]:
    """The minutes of `meeting` once published, for a document drawn from the record (the
    annual report): exempt minutes withheld unless `may_see`."""
    queryset = cast(MinuteQuerySet, _queryset(may_see)).of_published_minutes()
    return [_entry(m, may_see=may_see) for m in queryset.filter(meeting=meeting).order_by("position")]


def minute_get(*, pk: int, viewer: Viewer) -> tuple[Meeting, MinuteEntry]:
    minute = Minute.internal.select_related("meeting", "meeting__committee").filter(pk=pk).first()
    if minute is None:
        raise Http404("No minute with that reference.")
    if not viewer.may_see_minutes(minute.meeting):  # say no more than for a missing one
        raise Http404("No minute with that reference.")
    may_see = viewer.may_see_exempt_of_meeting(minute.meeting)
    minute = _queryset(may_see).get(pk=pk)
    return minute.meeting, _entry(minute, may_see=may_see)


@dataclass(frozen=True)
class Confirmation:
    """Where confirmed minutes were confirmed, for the line under their heading."""

    at: str
    at_url: str | None
    minute_number: int | None
    minute_url: str | None
    signed_on: dt.date | None

    @property
    def sentence(self) -> str:
        minute = f" (Minute {self.minute_number})" if self.minute_number else ""
        signed = (
            f" and signed by the Chairman on {self.signed_on.day} {self.signed_on:%B %Y}"
            if self.signed_on
            else ""
        )
        return f"Confirmed as a correct record at the meeting of {self.at}{minute}{signed}."


def confirmation(*, meeting: Meeting, viewer: Viewer) -> Confirmation | None:
    """None until the minutes are confirmed. Links only to minutes the viewer may open (the
    confirming meeting's own minutes are drafted after it)."""
    record = (
        MinutesRecord.objects.filter(meeting=meeting)
        .select_related(
            "confirmed_at__committee", "confirmed_at__minutes_record", "confirmed_by_resolution__minute"
        )
        .first()
    )
    if record is None or not record.is_locked or record.confirmed_at is None:
        return None
    at = record.confirmed_at
    may_open = viewer.may_see_minutes(at)
    minute = record.confirmed_by_resolution.minute if record.confirmed_by_resolution else None
    return Confirmation(
        at=at.date_display,
        at_url=reverse("meeting_minutes", args=[at.pk]) if may_open else None,
        minute_number=minute.number if minute else None,
        minute_url=reverse("minute", args=[minute.pk]) if minute and may_open else None,
        signed_on=record.signed_on if record.status == MinutesStatus.SIGNED else None,
    )


# -- follow-up tracker ---------------------------------------------------------------------


@dataclass(frozen=True)
class TrackedAction:
    action: Action
    minute_label: str
    overdue: bool
    not_for_publication: str = ""  # the mark with its ground, when from a withheld minute


@dataclass(frozen=True)
class TrackedRecommendation:
    recommendation: Recommendation
    minute_label: str
    due: dt.date | None
    overdue: bool
    not_for_publication: str = ""
    # Drafted or with the authority for its factual check: the officers' working copy, not
    # yet the committee's recommendation (the Kent protocol), so not shown to the public.
    not_yet_public: bool = False


def _minute_label(minute: Minute) -> str:
    return (
        f"Minute {minute.number}, {minute.meeting.date_display}"
        if minute.number
        else minute.meeting.date_display
    )


class Tracked(TypedDict):
    actions: list[TrackedAction]
    recommendations: list[TrackedRecommendation]


def tracker(*, committee: Committee, viewer: Viewer, today: dt.date | None = None) -> Tracked:
    """Actions and recommendations with their status, overdue ones flagged. Follow-up from an
    exempt minute is shown only to those who may see it, marked NOT FOR PUBLICATION; a
    recommendation not yet made formally only to officers, marked not yet public.

    A fixed number of queries whatever the number of rows: everything a row shows or the
    policy asks of its minute's meeting (its minutes record) is joined in."""
    today = today or timezone.localdate()
    minute_related = ("minute__meeting__committee", "minute__meeting__minutes_record", "minute__agenda_item")
    actions: list[TrackedAction] = []
    recommendations: list[TrackedRecommendation] = []
    for action in Action.objects.filter(minute__meeting__committee=committee).select_related(
        *minute_related, "owner_person", "owner_organisation", "reported_at"
    ):
        if not _visible(action.minute, viewer):
            continue
        overdue = action.status == ActionStatus.OPEN and action.due_on < today
        actions.append(TrackedAction(action, _minute_label(action.minute), overdue, _mark(action.minute)))
    for rec in Recommendation.objects.filter(minute__meeting__committee=committee).select_related(
        *minute_related, "authority"
    ):
        if not _visible(rec.minute, viewer):
            continue
        unmade = rec.status in UNMADE_RECOMMENDATION_STATUSES
        if unmade and not viewer.runs(committee):
            continue
        due = recommendation_due(recommendation=rec)
        overdue = rec.status == RecommendationStatus.MADE and due is not None and due < today
        recommendations.append(
            TrackedRecommendation(rec, _minute_label(rec.minute), due, overdue, _mark(rec.minute), unmade)
        )
    return {"actions": actions, "recommendations": recommendations}


def _mark(minute: Minute) -> str:
    """Only reached for a viewer entitled to the minute: follow-up of a withheld minute is
    exempt too, so the entitled copy is marked, with the minute's ground or else its item's."""
    if not minute.is_withheld_from_public:
        return ""
    item = minute.agenda_item
    return not_for_publication_mark(minute.exemption_ground or (item.exemption_ground if item else ""))


def _visible(minute: Minute, viewer: Viewer) -> bool:
    if not viewer.may_see_minutes(minute.meeting):
        return False
    return not minute.is_withheld_from_public or viewer.may_see_exempt_of_meeting(minute.meeting)


def decisions(*, meeting: Meeting, viewer: Viewer) -> list[MinuteEntry] | None:
    """The decisions list: each minute's resolutions alone."""
    minutes = meeting_minutes(meeting=meeting, viewer=viewer)
    if minutes is None:
        return None
    return [m for m in minutes if m.resolution_count]


def attendance(*, meeting: Meeting) -> dict[str, list[Attendance]]:
    """The attendance block, grouped as the minutes print it."""
    grouped: dict[str, list[Attendance]] = {kind.value: [] for kind in AttendanceKind}
    for row in meeting.attendance.select_related("person", "substitute_for").order_by("position"):
        grouped[row.kind].append(row)
    return grouped


def _committee_year(meeting: Meeting, start_year: int) -> list[Meeting]:
    """The committee's meetings (not cancelled) in the municipal year `start_year`, in date order."""
    first, last = municipal_year_rule.bounds(start_year, annual_meetings(meeting.committee.council))
    return list(
        Meeting.objects.filter(committee=meeting.committee, date__range=(first, last))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("minutes_record", "committee")
        .order_by("date", "pk")
    )


def chairman_name(*, meeting: Meeting) -> str:
    """The name printed above CHAIRMAN: whoever the attendance block records in the chair."""
    row = (
        Attendance.objects.filter(
            meeting=meeting, kind=AttendanceKind.PRESENT, capacity__icontains="(Chairman)"
        )
        .select_related("person")
        .first()
    )
    return row.label if row else ""


def printed_minutes(*, meeting: Meeting, viewer: Viewer) -> dict[str, object] | None:
    """What the printed minutes need (heading, attendance block, minutes, Chairman's block),
    for a paper in an agenda pack. No draft notice: a minutes paper is on the agenda to be
    confirmed, as the council prints it."""
    minutes = meeting_minutes(meeting=meeting, viewer=viewer)
    if minutes is None:
        return None
    return {
        "meeting": meeting,
        "committee": meeting.committee,
        "minutes": minutes,
        "attendance": attendance(meeting=meeting),
        "chairman": chairman_name(meeting=meeting),
        "confirmation": confirmation(meeting=meeting, viewer=viewer),
    }


def minute_references(*, meeting: Meeting, viewer: Viewer) -> dict[int, str]:
    """{minute number: url}, so that "[Min. No. 15 refers]" in this meeting's minutes links
    to the minute it meant when it was written.

    Numbers run through the municipal year, so a minute can only refer to a number the year
    had reached by this meeting (this meeting's and the earlier ones'), never to a later
    meeting's. A higher number is one of the previous year's: the July 2017 minutes cite
    "[Min. No. 25 refers]" for February 2017. It links there if that minute is recorded and
    the viewer may open its minutes; otherwise it is left as text."""
    year = municipal_year_rule.start_year_for(meeting.date, annual_meetings(meeting.committee.council))
    so_far = [
        m
        for m in _committee_year(meeting, year)
        if m.date < meeting.date or (m.date == meeting.date and m.pk <= meeting.pk)
    ]
    if meeting not in so_far:
        so_far.append(meeting)
    reached = Minute.internal.filter(meeting__in=so_far).aggregate(n=Max("number"))["n"] or 0
    previous = _committee_year(meeting, year - 1)

    refs: dict[int, str] = {}
    ranges: tuple[tuple[list[Meeting], Callable[[int], bool]], ...] = (
        (so_far, lambda n: n <= reached),
        (previous, lambda n: n > reached),
    )
    for meetings, keep in ranges:
        shown = [m for m in meetings if viewer.may_see_minutes(m)]
        rows = Minute.internal.filter(meeting__in=shown, number__isnull=False).values_list("pk", "number")
        for pk, number in rows:
            if number is not None and keep(number):
                refs.setdefault(number, reverse("minute", args=[pk]))
    return refs


# -- numbering, drafting and follow-up ------------------------------------------------------


def year_meetings(meeting: Meeting) -> list[Meeting]:
    """The committee's meetings in the same municipal year, in date order."""
    year = municipal_year_rule.start_year_for(meeting.date, annual_meetings(meeting.committee.council))
    return _committee_year(meeting, year)


def next_minute_number(meeting: Meeting) -> int:
    """The next number for this meeting: one more than the highest of the earlier meetings
    of the year and this one."""
    earlier = [m.pk for m in year_meetings(meeting) if m.date <= meeting.date]
    highest: int = Minute.internal.filter(meeting__in=earlier).aggregate(n=Max("number"))["n"] or 0
    return highest + 1


def check_number_free(*, meeting: Meeting, number: int, exclude: Minute | None = None) -> None:
    """Refuse a minute number another minute of the municipal year already has."""
    clash = Minute.internal.filter(meeting__in=[m.pk for m in year_meetings(meeting)], number=number)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    other = clash.select_related("meeting").first()
    if other is not None:
        raise ValidationError(
            f"Minute {number} already exists in this municipal year (meeting of {other.meeting.date_display}, “{other.title}”)."
        )


# A draft minute's prompt: what the officer must write, and the usual words if they are
# right. Draft minutes state no fact nobody recorded ("there were no apologies").
PROMPT_START = "[To complete: "


def prompt(what: str, *, usual: str) -> str:
    return f"{PROMPT_START}{what}; if there were none: “{usual}”]"


def standard_minute(item: AgendaItem, meeting: Meeting) -> tuple[str, list[str]]:
    """The words of a standard item's minute (narrative, resolutions) from what is recorded
    (attendance, declarations), or a prompt where nothing is, so that the officer drafting
    the minutes edits only what differs and asserts nothing unrecorded."""
    attendance = list(meeting.attendance.all())
    apologies = [a.label for a in attendance if a.kind == AttendanceKind.APOLOGIES]
    if item.role == ItemRole.APOLOGIES:
        if apologies:
            return "Apologies for absence were received from " + ", ".join(apologies) + ".", []
        if attendance:  # attendance recorded, with no apologies among it
            return "There were no apologies for absence.", []
        return prompt("the apologies for absence received", usual="There were no apologies for absence."), []
    if item.role == ItemRole.DECLARATIONS:
        declarations = list(meeting.declarations.select_related("person", "agenda_item"))
        if not declarations:
            return prompt("the declarations of interest made", usual="There were no declarations of interest."), []
        lines = [
            f"{d.person.printed_name(with_councillor=meeting.committee.names_with_councillor)} declared a {d.get_kind_display().lower()} in item {d.agenda_item.number}: {d.description}"
            + (f" (dispensation: {d.dispensation})" if d.dispensation else "")
            for d in declarations
        ]
        return "\n\n".join(lines), []
    if item.role == ItemRole.MINUTES:
        previous = next((d.minutes_of for d in item.documents.all() if d.minutes_of_id), None)
        which = f"meeting {previous.held_on}" if previous else "last meeting"
        return "", [f"That the Minutes of the Committee's {which} be confirmed as an accurate record of those proceedings."]
    if item.role == ItemRole.URGENT:
        usual = "The Chairman confirmed that there were no items of urgency for the Committee to consider."
        return prompt("the urgent items the Chairman accepted", usual=usual), []
    if item.role == ItemRole.REFERENCES:
        return prompt("the references from other Committees", usual="There were no references from other Committees."), []
    if item.role == ItemRole.REGULATION_9:
        return "", ["That the contents of the Regulation 9 Notice be noted."]
    if item.role == ItemRole.EXCLUSION:
        return (
            "The Chairman advised that, under Section 100A(4) of the Local Government Act 1972 (as amended), the press "
            "and public were to be excluded from the meeting for the following item(s) of business.",
            [],
        )
    return "", []


def minutes_publication_doubts(*, meeting: Meeting) -> list[str]:
    """What an officer should confirm before the draft minutes are published: minutes still
    holding their prompt, minutes with no words at all, and no attendance recorded."""
    doubts: list[str] = []
    for minute in Minute.internal.filter(meeting=meeting).order_by("position").prefetch_related("resolutions"):
        label = f"Minute {minute.number} ({minute.title})" if minute.number else f"The minute “{minute.title}”"
        if PROMPT_START in minute.narrative:
            doubts.append(f"{label} still holds its prompt “{PROMPT_START}…]”.")
        elif not minute.narrative.strip() and not minute.resolutions.all():
            doubts.append(f"{label} is empty.")
    if not meeting.attendance.exists():
        doubts.append("No attendance is recorded: the minutes will list nobody as present.")
    return doubts


def resolution_links(resolution: Resolution) -> list[str]:
    """What points to a resolution, in words: the work-programme changes it made and the
    minutes it confirmed."""
    links = [
        f"the work-programme change “{change.get_kind_display()}: {change.item.title if change.item else change.wording}”"
        for change in resolution.work_programme_changes.select_related("item").order_by("pk")
    ]
    links += [
        f"the confirmation of the minutes of {record.meeting.date_display}"
        for record in resolution.confirms.select_related("meeting").order_by("meeting__date")
    ]
    return links


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
        papers = minute.agenda_item.documents.all() if minute.agenda_item else []
        of = {d.minutes_of_id for d in papers if d.minutes_of_id}
        if meeting.pk in of:
            return minute.resolutions.first()
        if not of:
            untied.append(minute)
    return untied[0].resolutions.first() if len(untied) == 1 else None


def recommendation_due(*, recommendation: Recommendation) -> dt.date | None:
    """The day the response is due: 28 days from the date of the report, plus any extension."""
    if recommendation.made_on is None:
        return None
    return response_due(recommendation.made_on, extension_days=recommendation.extension_days).date


def attendance_entries(*, meeting: Meeting) -> list[Attendance]:
    """For officers: every entry, in order, as recorded."""
    return list(meeting.attendance.select_related("person", "substitute_for", "organisation").order_by("position"))


def declarations(*, meeting: Meeting) -> list[Declaration]:
    return list(meeting.declarations.select_related("person", "agenda_item"))


def quorum(*, meeting: Meeting) -> tuple[int, int, bool]:
    """(members present, quorum, quorate): members and substitutes count, invitees do not."""
    present = meeting.attendance.filter(kind__in=(AttendanceKind.PRESENT, AttendanceKind.SUBSTITUTE)).count()
    needed = meeting.committee.quorum
    return present, needed, present >= needed


# -- Reads for the views and forms ----------------------------------------------------------


def minutes_record(*, meeting: Meeting) -> MinutesRecord | None:
    return MinutesRecord.objects.filter(meeting=meeting).select_related("confirmed_at", "signed_by").first()


def follow_up(*, meeting: Meeting) -> dict[int, Minute]:
    """For officers: every minute of the meeting, by its key, with its actions,
    recommendations and amendments."""
    minutes = Minute.internal.filter(meeting=meeting).prefetch_related("actions", "recommendations", "amendments")
    return {minute.pk: minute for minute in minutes}


def resolution_texts(*, minute: Minute) -> list[str]:
    """For officers: the minute's resolutions as saved now, in order."""
    return list(Resolution.internal.filter(minute=minute).order_by("number").values_list("text", flat=True))


def committee_references(*, committee: Committee, internal: bool) -> list[Reference]:
    manager = Reference.internal if internal else Reference.public
    return list(manager.filter(minute__meeting__committee=committee).select_related("minute__meeting")
                .order_by("-minute__meeting__date", "pk"))


def references_of(*, minutes: list[MinuteEntry]) -> dict[int, list[Reference]]:
    """What each minute shown refers to the Council or the Cabinet; none for a withheld minute
    (the page itself decided who sees each minute)."""
    shown = [m.pk for m in minutes if not m.withheld]
    found: dict[int, list[Reference]] = {}
    for reference in Reference.internal.filter(minute_id__in=shown).order_by("pk"):
        found.setdefault(reference.minute_id, []).append(reference)
    return found


def outside_meetings_of(*, minutes: list[MinuteEntry]) -> dict[int, list[OutsideMeetingNoted]]:
    """The other bodies' meetings each minute shown noted; none for a withheld minute."""
    shown = [m.pk for m in minutes if not m.withheld]
    found: dict[int, list[OutsideMeetingNoted]] = {}
    for noted in OutsideMeetingNoted.internal.filter(minute_id__in=shown).select_related("body", "reporter"):
        found.setdefault(noted.minute_id, []).append(noted)
    return found


def committee_outside_meetings(*, committee: Committee, internal: bool) -> list[OutsideMeetingNoted]:
    manager = OutsideMeetingNoted.internal if internal else OutsideMeetingNoted.public
    return list(manager.filter(minute__meeting__committee=committee)
                .select_related("body", "reporter", "minute__meeting").order_by("body__name", "-held_on", "pk"))

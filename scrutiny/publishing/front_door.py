"""The front door: what a visitor looks for first on the home page and a committee's page.
The next meeting (date, time, venue, agenda status, the day its agenda is due), the meetings
to come, the latest decisions and the latest papers: public records only, the same for
everyone (no viewer is asked), so that the pages can be cached alike."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from scrutiny.documents.models import Document
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import DatePrecision, Meeting, MeetingStatus
from scrutiny.minutes.models import Resolution
from scrutiny.rules.deadlines import agenda_publication_deadline

from .selectors import latest_publication

UPCOMING = 4
LATEST = 5


def status_label(meeting: Meeting, today: dt.date) -> str:
    """The meeting's status as its date has it: a meeting whose day has passed never says
    "Scheduled"; one held says so; one to come says whether its agenda is out."""
    if meeting.status == MeetingStatus.CANCELLED:
        return "Cancelled"
    if meeting.status == MeetingStatus.HELD:
        return "Held"
    if meeting.date < today:
        return "Date passed (not yet recorded as held)"
    if meeting.agenda_is_public:
        return "Agenda published"
    if meeting.date_precision == DatePrecision.PROVISIONAL:
        return "Provisional date: agenda not yet published"
    return "Agenda not yet published"


@dataclass(frozen=True)
class NextMeeting:
    meeting: Meeting
    status: str
    publish_by: dt.date | None  # the last lawful day for its agenda, while it is not yet out


def _to_come(committee: Committee, today: dt.date) -> QuerySet[Meeting]:
    return (Meeting.objects.filter(committee=committee, date__gte=today).exclude(status=MeetingStatus.CANCELLED)
            .exclude(status=MeetingStatus.HELD).select_related("committee").order_by("date", "start_time"))


def next_meeting(*, committee: Committee, today: dt.date) -> NextMeeting | None:
    meeting = _to_come(committee, today).first()
    if meeting is None:
        return None
    due = None
    if not meeting.agenda_is_public and meeting.date_precision != DatePrecision.MONTH:
        due = agenda_publication_deadline(meeting.date, convention=meeting.committee.clear_days_convention).date
    return NextMeeting(meeting, status_label(meeting, today), due)


def upcoming(*, committee: Committee, today: dt.date) -> list[tuple[Meeting, str]]:
    """The meetings to come after the next one."""
    return [(m, status_label(m, today)) for m in list(_to_come(committee, today)[1:UPCOMING + 1])]


def latest_decisions(*, committee: Committee) -> list[Resolution]:
    """The latest resolutions the public may read (published minutes, not withheld)."""
    return list(Resolution.public.filter(minute__meeting__committee=committee)
                .select_related("minute__meeting").order_by("-minute__meeting__date", "-minute__position",
                                                             "-number")[:LATEST])


def latest_papers(*, committee: Committee) -> list[Document]:
    """The latest papers published with an agenda (never an exempt one, nor one added since
    the version standing: `document_get_for_viewer` answers the same)."""
    published: dict[int, set[int]] = {}
    found: list[Document] = []
    candidates = (Document.public.filter(agenda_item__meeting__committee=committee)
                  .select_related("agenda_item__meeting").order_by("-agenda_item__meeting__date", "-pk"))
    for document in candidates[:LATEST * 10]:
        meeting = document.agenda_item.meeting
        if meeting.pk not in published:
            publication = latest_publication(meeting)
            published[meeting.pk] = set(publication.document_ids) if publication else set()
        if document.pk in published[meeting.pk]:
            found.append(document)
        if len(found) == LATEST:
            break
    return found


@dataclass(frozen=True)
class CalendarMonth:
    first: dt.date
    weeks: list[list[tuple[dt.date | None, list[tuple[Meeting, str]]]]]  # Monday first; None pads the month
    listed: list[tuple[Meeting, str]]  # every meeting of the month, in date order
    month_only: list[tuple[Meeting, str]]  # known only by their month: no day to put them on

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)


def calendar_month(*, first: dt.date, today: dt.date) -> CalendarMonth:
    """Every committee's meetings in the month beginning `first` (cancelled ones marked)."""
    first = first.replace(day=1)
    meetings = list(Meeting.objects.filter(date__year=first.year, date__month=first.month)
                    .select_related("committee__council").order_by("date", "start_time", "committee__name"))
    labelled = [(m, status_label(m, today)) for m in meetings]
    by_day: dict[dt.date, list[tuple[Meeting, str]]] = {}
    for meeting, label in labelled:
        if meeting.date_precision != DatePrecision.MONTH:
            by_day.setdefault(meeting.date, []).append((meeting, label))
    weeks = [[(day if day.month == first.month else None, by_day.get(day, []) if day.month == first.month else [])
              for day in week] for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)]
    month_only = [(m, label) for m, label in labelled if m.date_precision == DatePrecision.MONTH]
    return CalendarMonth(first, weeks, labelled, month_only)

"""Reads of meetings and agendas, already filtered and redacted for the viewer.

Views and templates receive these plain values, never the models, so a template cannot
reach exempt content the viewer may not see.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from scrutiny.access.policy import Viewer
from scrutiny.documents.models import Document
from scrutiny.governance.models import Committee
from scrutiny.governance.selectors import annual_meetings
from scrutiny.minutes.models import Minute, Resolution
from scrutiny.rules import municipal_year as municipal_year_rule
from scrutiny.rules.deadlines import agenda_publication_deadline, partner_request_deadline

from .models import OPEN_MEETING_STATUSES, AgendaItem, Meeting, MeetingStatus


@dataclass(frozen=True)
class DocumentEntry:
    pk: int
    title: str
    kind: str
    description: str | None
    withheld: bool
    exempt: bool
    exemption_statement: str
    has_file: bool


@dataclass(frozen=True)
class ResolutionEntry:
    number: int
    text: str


@dataclass(frozen=True)
class AgendaEntry:
    pk: int
    number: str
    title: str
    purpose: str | None
    kind: str
    exempt: bool
    withheld: bool
    exemption_statement: str
    documents: tuple[DocumentEntry, ...]
    minute_pks: tuple[int, ...]
    minute_numbers: tuple[int, ...]
    resolutions: tuple[ResolutionEntry, ...] | None  # None when withheld
    resolution_count: int
    supplementary: bool = False
    urgency_reason: str = ""


def meetings_for_committee(*, committee: Committee) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee=committee).order_by("date", "start_time")


def meetings_by_municipal_year(*, committee: Committee) -> list[tuple[str, list[Meeting]]]:
    """[('2017-18', [meetings...]), ...], newest year first, meetings in date order."""
    meetings_of_council = annual_meetings(committee.council)
    grouped: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings_for_committee(committee=committee):
        grouped[municipal_year_rule.start_year_for(meeting.date, meetings_of_council)].append(meeting)
    return [(municipal_year_rule.label(y), grouped[y]) for y in sorted(grouped, reverse=True)]


def next_meeting(*, meeting: Meeting) -> Meeting | None:
    """The committee's next meeting after `meeting` (cancelled ones do not count): the one
    its agenda's "Next meeting" item names, and before which its actions are due."""
    return later_meetings(meeting=meeting).first()


def previous_held_meeting(*, meeting: Meeting) -> Meeting | None:
    """The committee's last meeting held before `meeting`: the minutes its agenda confirms."""
    return (
        Meeting.objects.filter(committee=meeting.committee, date__lt=meeting.date, status=MeetingStatus.HELD)
        .order_by("-date")
        .first()
    )


def agenda_is_late(*, meeting: Meeting, today: dt.date) -> bool:
    """Whether an item added today is a supplementary item: the agenda is already published,
    or it is too late for five clear days (LGA 1972 s100B(4))."""
    deadline = agenda_publication_deadline(meeting.date, convention=meeting.committee.clear_days_convention).date
    return meeting.publications.exists() or today > deadline


def meeting_get(*, pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("committee", "committee__council").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("No meeting with that reference.") from None


def _document_entry(doc: Document, *, may_see: bool) -> DocumentEntry:
    exempt = doc.is_exempt or doc.agenda_item.is_exempt
    withheld = exempt and not may_see
    return DocumentEntry(
        pk=doc.pk,
        title=(doc.public_title or doc.title) if withheld else doc.title,
        kind=doc.get_kind_display(),
        description=None if withheld else doc.description,
        withheld=withheld,
        exempt=exempt,
        exemption_statement=(doc.exemption_statement or doc.agenda_item.exemption_statement)
        if exempt
        else "",
        has_file=bool(doc.file) and not withheld,
    )


def meeting_agenda(*, meeting: Meeting, viewer: Viewer) -> list[AgendaEntry] | None:
    """The agenda as this viewer may see it; None when it is not published and the viewer is
    not an officer."""
    if not viewer.may_see_agenda(meeting):
        return None
    may_see = viewer.may_see_exempt_of_meeting(meeting)
    manager = AgendaItem.internal if may_see else AgendaItem.public
    items = (
        manager.filter(meeting=meeting)
        .select_related("meeting")
        .prefetch_related(
            Prefetch(
                "documents", queryset=Document.internal.select_related("agenda_item").order_by("position")
            ),
            Prefetch(
                "minutes",
                queryset=Minute.internal.order_by("position").prefetch_related(
                    Prefetch("resolutions", queryset=Resolution.internal.order_by("number"))
                ),
            ),
        )
    )
    entries = []
    for item in items:
        withheld = item.is_exempt and not may_see
        documents = tuple(
            _document_entry(d, may_see=may_see)
            for d in item.documents.all()
            if not withheld  # the papers of a withheld item are not even listed
        )
        minutes = list(item.minutes.all()) if viewer.may_see_minutes(meeting) else []
        minute_withheld = any(m.is_withheld_from_public for m in minutes) and not may_see
        all_resolutions = [r for m in minutes for r in m.resolutions.all()]
        entries.append(
            AgendaEntry(
                pk=item.pk,
                number=item.number,
                title=(item.public_title or item.title) if withheld else item.title,
                purpose=None if withheld else item.purpose,
                kind=item.get_kind_display(),
                exempt=item.is_exempt,
                withheld=withheld,
                exemption_statement=item.exemption_statement,
                documents=documents,
                minute_pks=tuple(m.pk for m in minutes),
                minute_numbers=tuple(m.number for m in minutes if m.number),
                resolutions=None
                if minute_withheld
                else tuple(ResolutionEntry(r.number, r.text) for r in all_resolutions),
                resolution_count=len(all_resolutions),
                supplementary=item.is_supplementary,
                urgency_reason=item.urgency_reason if item.is_supplementary else "",
            )
        )
    return _as_published(meeting, entries, viewer)


def _as_published(meeting: Meeting, entries: list[AgendaEntry], viewer: Viewer) -> list[AgendaEntry]:
    """Everyone but officers sees the agenda as last published: its items, their published
    titles and purposes, and only the papers published with it (exempt business stays as the
    access policy allows). Officers see the working agenda."""
    from scrutiny.publishing.selectors import latest_publication

    publication = latest_publication(meeting)
    if publication is None or viewer.is_officer:
        return entries
    published = {entry["pk"]: entry for entry in publication.agenda}
    papers = set(publication.document_ids)
    result = []
    for entry in entries:
        if entry.pk not in published:
            continue
        frozen = published[entry.pk]
        documents = tuple(d for d in entry.documents if d.exempt or d.pk in papers)
        if entry.exempt and entry.withheld:
            entry = replace(entry, title=frozen["title"], documents=documents)
        elif not entry.exempt:
            entry = replace(entry, title=frozen["title"], purpose=frozen["purpose"], documents=documents)
        else:
            entry = replace(entry, documents=documents)
        result.append(entry)
    return result


def meeting_management(*, meeting: Meeting) -> dict[str, object]:
    """What an officer needs to run the agenda: the deadlines with their reasoning, what
    stops publication, the working items and the publication history."""
    # An upward import (publishing sits above meetings), left for the layering: the
    # officers' agenda screen should take the publication history from publishing itself.
    from scrutiny.publishing.selectors import publications
    from scrutiny.publishing.services import publication_problems

    committee = meeting.committee
    today = timezone.localdate()
    publish_by = agenda_publication_deadline(meeting.date, convention=committee.clear_days_convention)
    partner_by = partner_request_deadline(
        meeting.date, days=committee.partner_notice_days, counting=committee.partner_notice_counting
    )
    return {
        "publish_by": publish_by,
        "publish_missed": today > publish_by.date
        and not meeting.publications.exists()
        and meeting.status == MeetingStatus.SCHEDULED,
        "partner_by": partner_by,
        "partner_missed": today > partner_by and meeting.date >= today,
        "problems": publication_problems(meeting),
        "items": list(
            AgendaItem.internal.filter(meeting=meeting).order_by("position").prefetch_related("documents")
        ),
        "has_exempt": AgendaItem.internal.filter(meeting=meeting, is_exempt=True).exists(),
        "has_minutes": hasattr(meeting, "minutes_record"),
        "can_draft_minutes": meeting.date <= today
        and not hasattr(meeting, "minutes_record")
        and meeting.status != MeetingStatus.CANCELLED,
        "publications": list(publications(meeting)),
        "open": meeting.status in OPEN_MEETING_STATUSES,
    }


# -- Reads for the views and forms (web layer, issue 14): appended here, apart from the rest ----------


def meetings_to_choose(*, committee: Committee) -> QuerySet[Meeting]:
    """The committee's meetings an officer may name as where something was decided or
    reported: every one not cancelled, newest first."""
    return Meeting.objects.filter(committee=committee).exclude(status=MeetingStatus.CANCELLED).order_by("-date")


def later_meetings(*, meeting: Meeting, held_only: bool = False) -> QuerySet[Meeting]:
    """The committee's meetings after `meeting`, oldest first: those not cancelled, or only
    those held (a meeting that confirmed or corrected minutes has been held)."""
    later = Meeting.objects.filter(committee=meeting.committee, date__gt=meeting.date)
    if held_only:
        return later.filter(status=MeetingStatus.HELD).order_by("date")
    return later.exclude(status=MeetingStatus.CANCELLED).order_by("date")


def open_agenda_items(*, committee: Committee) -> QuerySet[AgendaItem]:
    """Items of the committee's meetings whose agenda is not yet published: where a paper can go."""
    return (
        AgendaItem.internal.filter(meeting__committee=committee, meeting__status=MeetingStatus.SCHEDULED)
        .select_related("meeting")
        .order_by("meeting__date", "position")
    )

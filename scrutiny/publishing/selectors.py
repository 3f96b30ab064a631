"""Reads of agendas as published: the agenda and its papers as each viewer may see them,
the publication history, and what stops an agenda being published.

Views and templates receive plain values (AgendaEntry, DocumentEntry), never the models, so
a template cannot reach exempt content the viewer may not see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import Visibility
from scrutiny.documents.models import Document
from scrutiny.meetings.models import OPEN_MEETING_STATUSES, AgendaItem, ItemRole, Meeting, MeetingStatus
from scrutiny.meetings.selectors import co_opted_voting
from scrutiny.minutes.models import Minute, Resolution
from scrutiny.rules.agenda_numbering import Section, sections
from scrutiny.rules.deadlines import agenda_publication_deadline, partner_request_deadline

from .models import AgendaPublication


def latest_publication(meeting: Meeting) -> AgendaPublication | None:
    """The agenda as published now: the latest version not withdrawn."""
    return meeting.publications.filter(withdrawn_at__isnull=True).order_by("-version").first()


def late_as_a_whole_reason(meeting: Meeting) -> str:
    """The reason for urgency of an agenda first published late, printed once at its head; "" if it was not."""
    first = meeting.publications.order_by("version").first()
    return first.urgency_reason if first is not None and first.late_as_a_whole else ""


def publications(meeting: Meeting) -> QuerySet[AgendaPublication]:
    return meeting.publications.order_by("-version").select_related("published_by")


def _label(item: AgendaItem) -> str:
    return f"Item {item.number}" if item.number else f"The item “{item.title}”"


def publication_problems(meeting: Meeting) -> list[str]:
    """What stops the agenda being published, each naming its item."""
    problems = []
    for item in (
        AgendaItem.internal.filter(meeting=meeting).order_by("position").prefetch_related("documents")
    ):
        papers = list(item.documents.all())
        if item.expects_report and not papers:
            problems.append(f"{_label(item)} (“{item.title}”) expects a report and has none.")
        for paper in papers:
            if not paper.has_content:
                problems.append(f"{_label(item)}: the paper “{paper.title}” has no file or report yet.")
        if item.is_exempt and not item.exemption_ground:
            problems.append(f"{_label(item)} is exempt without its reason.")
    return problems


# -- Reads for the views and forms ----------------------------------------------------------


def publication_of(meeting: Meeting, *, version: int | None) -> AgendaPublication | None:
    """A version of the meeting's published agenda, withdrawn or not (its address says which);
    when `version` is None, the latest standing, else the latest withdrawn."""
    if version is None:
        return latest_publication(meeting) or meeting.publications.order_by("-version").first()
    return meeting.publications.filter(version=version).first()


def published_page_ranges(publication: AgendaPublication | None) -> dict[int, tuple[int, int]]:
    """Each agenda item's first and last pages in the published pack, by the item's key."""
    if publication is None:
        return {}
    return {
        entry["pk"]: (entry["pages"][0], entry["pages"][1])
        for entry in publication.agenda
        if entry.get("pages")
    }


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
    paper_note: str = ""  # "Verbal update", "Report to follow"
    is_exclusion: bool = False  # the resolution to exclude the press and public


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
                paper_note="" if withheld else item.paper_note,
                is_exclusion=item.role == ItemRole.EXCLUSION,
            )
        )
    return _as_published(meeting, entries, viewer)


def meeting_agenda_sections(*, meeting: Meeting, entries: list[AgendaEntry]) -> list[Section[AgendaEntry]]:
    """The agenda's entries under the headings of the committee's numbering style."""
    return sections(
        meeting.committee.agenda_numbering, entries, in_part_2=lambda entry: entry.is_exclusion or entry.exempt
    )


def _as_published(meeting: Meeting, entries: list[AgendaEntry], viewer: Viewer) -> list[AgendaEntry]:
    """Everyone but the committee's officers sees the agenda as last published: its items, their published
    titles and purposes, and only the papers published with it (exempt business stays as the
    access policy allows). Officers see the working agenda."""
    publication = latest_publication(meeting)
    if publication is None or viewer.runs(meeting.committee):
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
        "agenda_setting_on": meeting.date - dt.timedelta(weeks=committee.agenda_setting_weeks)
        if committee.agenda_setting_weeks
        else None,
        "partner_missed": today > partner_by and meeting.date >= today,
        "problems": publication_problems(meeting),
        "items": list(
            AgendaItem.internal.filter(meeting=meeting).order_by("position").prefetch_related("documents")
        ),
        "has_exempt": AgendaItem.internal.filter(meeting=meeting, is_exempt=True).exists(),
        "has_minutes": hasattr(meeting, "minutes_record"),
        "can_record_held": meeting.date <= today and meeting.status in OPEN_MEETING_STATUSES,
        "can_draft_minutes": meeting.date <= today
        and not hasattr(meeting, "minutes_record")
        and meeting.status != MeetingStatus.CANCELLED,
        "publications": list(publications(meeting)),
        "open": meeting.status in OPEN_MEETING_STATUSES,
        "co_opted": co_opted_voting(meeting=meeting),
        "not_cancelled": meeting.status != MeetingStatus.CANCELLED,
    }


def document_get_for_viewer(*, pk: int, viewer: Viewer) -> Document:
    """The document if this viewer may read it. A withheld document answers exactly like a
    missing one, so its existence and title do not leak through the URL."""
    document = Document.internal.select_related("agenda_item__meeting__committee").filter(pk=pk).first()
    if document is None:
        raise Http404("No document with that reference.")
    meeting = document.agenda_item.meeting
    if not viewer.may_see_agenda(meeting):
        raise Http404("No document with that reference.")
    if document.is_withheld_from_public:
        if not viewer.may_see_exempt_of_meeting(meeting):
            raise Http404("No document with that reference.")
        return document
    if not viewer.runs(meeting.committee):
        # Once an agenda is published, the public reads the papers published with it.
        publication = latest_publication(meeting)
        if publication is not None and document.pk not in publication.document_ids:
            raise Http404("No document with that reference.")
    return document


def meeting_has_exempt_business(*, meeting: Meeting) -> bool:
    """Whether any item of the agenda, or any paper, is withheld from the public."""
    return (
        AgendaItem.internal.filter(meeting=meeting, is_exempt=True).exists()
        or Document.internal.filter(agenda_item__meeting=meeting, is_exempt=True).exists()
    )


def document_visibility(document: Document) -> Visibility:
    """Public only if the public is given this paper: not a withheld one, nor one an officer
    sees before its agenda is published (a shared cache would hand either to the next visitor)."""
    if document.is_withheld_from_public:
        return Visibility.EXEMPT
    try:
        document_get_for_viewer(pk=document.pk, viewer=Viewer())
    except Http404:
        return Visibility.OFFICERS
    return Visibility.PUBLIC

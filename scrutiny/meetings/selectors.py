"""Reads of meetings and agendas, already filtered and redacted for the viewer.

Views and templates receive these plain values, never the models, so a template cannot
reach exempt content the viewer may not see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from scrutiny.access.policy import Viewer
from scrutiny.documents.models import Document
from scrutiny.governance.models import Committee
from scrutiny.governance.selectors import annual_meetings
from scrutiny.minutes.models import Minute, Resolution
from scrutiny.rules import municipal_year as municipal_year_rule

from .models import AgendaItem, Meeting


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


def meetings_for_committee(*, committee: Committee) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee=committee).order_by("date", "start_time")


def meetings_by_municipal_year(*, committee: Committee) -> list[tuple[str, list[Meeting]]]:
    """[('2017-18', [meetings...]), ...], newest year first, meetings in date order."""
    meetings_of_council = annual_meetings(committee.council)
    grouped: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings_for_committee(committee=committee):
        grouped[municipal_year_rule.start_year_for(meeting.date, meetings_of_council)].append(meeting)
    return [(municipal_year_rule.label(y), grouped[y]) for y in sorted(grouped, reverse=True)]


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
            )
        )
    return entries

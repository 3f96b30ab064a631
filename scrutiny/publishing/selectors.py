"""Reads of published agendas, and of what stops an agenda being published."""

from __future__ import annotations

from django.db.models import QuerySet

from scrutiny.meetings.models import AgendaItem, Meeting

from .models import AgendaPublication


def latest_publication(meeting: Meeting) -> AgendaPublication | None:
    return meeting.publications.order_by("-version").first()


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


# -- Reads for the views and forms (web layer, issue 14): appended here, apart from the rest ----------


def publication_of(meeting: Meeting, *, version: int | None) -> AgendaPublication | None:
    """A version of the meeting's published agenda; the latest when `version` is None."""
    if version is None:
        return latest_publication(meeting)
    return meeting.publications.filter(version=version).first()


def published_page_ranges(publication: AgendaPublication | None) -> dict[int, tuple[int, int]]:
    """Each agenda item's first and last pages in the published pack, by the item's key."""
    if publication is None:
        return {}
    return {entry["pk"]: (entry["pages"][0], entry["pages"][1]) for entry in publication.agenda if entry.get("pages")}

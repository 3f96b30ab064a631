"""Reads of published agendas."""

from __future__ import annotations

from scrutiny.meetings.models import Meeting

from .models import AgendaPublication


def latest_publication(meeting: Meeting) -> AgendaPublication | None:
    return meeting.publications.order_by("-version").first()


def publications(meeting: Meeting):
    return meeting.publications.order_by("-version").select_related("published_by")


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

"""Reads of minutes, filtered and redacted for the viewer (see scrutiny.access.policy)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from scrutiny.access.policy import Viewer
from scrutiny.meetings.models import Meeting

from .models import Minute, Resolution


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


def _entry(minute: Minute, *, may_see: bool) -> MinuteEntry:
    item = minute.agenda_item
    exempt = minute.is_withheld_from_public
    withheld = exempt and not may_see
    statement = minute.exemption_statement or (item.exemption_statement if item else "")
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
    )


def _queryset(may_see: bool):
    manager = Minute.internal if may_see else Minute.public
    return manager.select_related("agenda_item", "meeting", "meeting__committee").prefetch_related(
        Prefetch("resolutions", queryset=Resolution.internal.order_by("number"))
    )


def meeting_minutes(*, meeting: Meeting, viewer: Viewer) -> list[MinuteEntry] | None:
    """The minutes as this viewer may see them; None if none may be shown yet."""
    if not viewer.may_see_minutes(meeting):
        return None
    may_see = viewer.may_see_exempt_of_meeting(meeting)
    return [
        _entry(m, may_see=may_see) for m in _queryset(may_see).filter(meeting=meeting).order_by("position")
    ]


def minute_get(*, pk: int, viewer: Viewer) -> tuple[Meeting, MinuteEntry]:
    minute = Minute.internal.select_related("meeting", "meeting__committee").filter(pk=pk).first()
    if minute is None:
        raise Http404("No minute with that reference.")
    if not viewer.may_see_minutes(minute.meeting):  # say no more than for a missing one
        raise Http404("No minute with that reference.")
    may_see = viewer.may_see_exempt_of_meeting(minute.meeting)
    minute = _queryset(may_see).get(pk=pk)
    return minute.meeting, _entry(minute, may_see=may_see)

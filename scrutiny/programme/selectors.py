"""Reads of the work programme."""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting

from .models import WorkProgrammeChange, WorkProgrammeItem


def season_label(meeting: Meeting) -> str:
    """'Summer 2017 (July)', 'Winter 2018 (February)', as the council heads its plan's rows."""
    season = "Summer" if 4 <= meeting.date.month <= 9 else "Winter"
    return f"{season} {meeting.date.year} ({meeting.date:%B})"


@dataclass(frozen=True)
class PlanRow:
    label: str
    meeting: Meeting | None
    items: tuple[WorkProgrammeItem, ...]


def work_plan_rows(*, committee: Committee) -> list[PlanRow]:
    items = list(
        WorkProgrammeItem.objects.filter(committee=committee)
        .select_related("target_meeting", "brought_by")
        .order_by("target_meeting__date", "pk")
    )
    rows: dict[int | None, list[WorkProgrammeItem]] = {}
    for item in items:
        rows.setdefault(item.target_meeting_id, []).append(item)
    meetings = {m.pk: m for m in Meeting.objects.filter(pk__in=[k for k in rows if k])}
    result = [
        PlanRow(season_label(meetings[k]), meetings[k], tuple(v))
        for k, v in sorted(((k, v) for k, v in rows.items() if k), key=lambda kv: meetings[kv[0]].date)
    ]
    if None in rows:
        result.append(PlanRow("To be agreed", None, tuple(rows[None])))
    return result


def recorded_changes(*, committee: Committee):
    return (
        WorkProgrammeChange.objects.filter(item__committee=committee)
        .exclude(wording="")
        .select_related("item", "from_meeting", "to_meeting")
        .order_by("decided_on", "item__pk", "sequence")
    )

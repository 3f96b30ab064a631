"""Reads of published agendas."""

from __future__ import annotations

from scrutiny.meetings.models import Meeting

from .models import AgendaPublication


def latest_publication(meeting: Meeting) -> AgendaPublication | None:
    return meeting.publications.order_by("-version").first()


def publications(meeting: Meeting):
    return meeting.publications.order_by("-version").select_related("published_by")

"""A committee's Atom feed: each agenda published (and each supplement), each set of minutes
published or confirmed with the decisions the public may read, each annual report published.
Public records only, the same for everyone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from scrutiny.annual_report.models import AnnualReport
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import AGENDA_PUBLIC_STATUSES
from scrutiny.minutes.models import MinutesEvent, MinutesEventKind, Resolution

from .models import AgendaPublication

ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    title: str
    path: str
    updated: dt.datetime
    summary: str
    key: str  # stable: the same record is the same entry


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def entries(*, committee: Committee, path_of: Callable[[str, int], str]) -> list[Entry]:
    """The feed's entries, newest first. `path_of(view name, pk)` gives each record's address."""
    found: list[Entry] = []
    for p in (AgendaPublication.objects.filter(meeting__committee=committee, withdrawn_at__isnull=True,
                                               meeting__status__in=AGENDA_PUBLIC_STATUSES)
              .select_related("meeting").order_by("-published_at")[:ENTRIES]):
        what = "Agenda published" if p.version == 1 else f"Agenda republished (version {p.version})"
        found.append(Entry(f"{what}: {p.meeting.date_display}", path_of("meeting", p.meeting_id), p.published_at,
                           f"The agenda and papers of the meeting of {p.meeting.date_display}.",
                           f"agenda-{p.meeting_id}-v{p.version}"))
    for event in (MinutesEvent.objects.filter(record__meeting__committee=committee,
                                             kind__in=[MinutesEventKind.PUBLISHED, MinutesEventKind.CONFIRMED])
                  .select_related("record__meeting").order_by("-on", "-pk")[:ENTRIES]):
        meeting = event.record.meeting
        decisions = Resolution.public.filter(minute__meeting=meeting).order_by("minute__position", "number")
        summary = " ".join(r.text for r in decisions[:20]) or "The minutes of the meeting."
        what = "Minutes published (not yet confirmed)" if event.kind == MinutesEventKind.PUBLISHED else "Minutes confirmed"
        found.append(Entry(f"{what}: {meeting.date_display}", path_of("meeting_minutes", meeting.pk), _noon(event.on),
                           summary, f"minutes-{meeting.pk}-{event.kind}"))
    for report in AnnualReport.public.filter(committee=committee).order_by("-published_on")[:ENTRIES]:
        if report.published_on is not None:
            found.append(Entry(f"Annual report published: {report}", path_of("annual_report", report.pk),
                               _noon(report.published_on), "The Committee's annual report to the Council.",
                               f"annual-report-{report.pk}"))
    found.sort(key=lambda e: e.updated, reverse=True)
    return found[:ENTRIES]


def atom(*, committee: Committee, link: str, feed_url: str, absolute: Callable[[str], str],
         path_of: Callable[[str, int], str]) -> str:
    feed = Atom1Feed(title=f"{committee.name}: {committee.council.name}", link=link, feed_url=feed_url,
                     description=f"New agendas, minutes and decisions of the {committee.name}.", language="en-GB",
                     feed_guid=feed_url)
    for e in entries(committee=committee, path_of=path_of):
        url = absolute(e.path)
        feed.add_item(title=e.title, link=url, description=e.summary, unique_id=f"{url}#{e.key}",
                      updateddate=e.updated, pubdate=e.updated)
    return feed.writeString("utf-8")

"""iCalendar (RFC 5545) for meetings: an entry per meeting and a committee feed, made with
the `icalendar` package (escaping, folding, and the Europe/London zone from the tz database).
Only public facts: committee, date, time, venue, status and the address of the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vText

from scrutiny.meetings.models import DatePrecision, Meeting, MeetingStatus

LONDON = ZoneInfo("Europe/London")
MEETING_LENGTH = dt.timedelta(hours=2)  # for calendars only: the end of a meeting is not known


def _status(meeting: Meeting) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return "CANCELLED"
    return "CONFIRMED" if meeting.date_precision == DatePrecision.DAY else "TENTATIVE"


def _event(meeting: Meeting, url: str, stamp: dt.datetime, host: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", stamp)
    if meeting.start_time:
        start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
        event.add("dtstart", start)
        event.add("dtend", start + MEETING_LENGTH)
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    event.add("summary", meeting.committee.name)
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("url", url)
    event.add("description", f"Agenda, papers and minutes: {url}")
    event.add("status", _status(meeting))
    return event


def calendar(meetings: Sequence[Meeting], *, url_for: Callable[[Meeting], str], host: str, name: str) -> str:
    stamp = timezone.now().astimezone(dt.UTC)
    feed = Calendar()
    feed.add("prodid", "-//scrutiny//committee meetings//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", vText(name))  # an X- property is not known to be text: say so
    # the day of a meeting known only by its month is not known: no calendar entry
    dated = [m for m in meetings if m.date_precision != DatePrecision.MONTH]
    for meeting in dated:
        feed.add_component(_event(meeting, url_for(meeting), stamp, host))
    timed = [m.date for m in dated if m.start_time]
    if timed:
        # The zone's rules over the meetings' span, as the tz database gives them.
        feed.add_missing_timezones(first_date=min(timed), last_date=max(timed) + dt.timedelta(days=1))
    data: bytes = feed.to_ical()
    return data.decode("utf-8")

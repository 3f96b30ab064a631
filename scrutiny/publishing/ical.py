"""iCalendar (RFC 5545) for meetings: an entry per meeting and a committee feed.
Only public facts: committee, date, time, venue, status and the address of the page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from scrutiny.meetings.models import DatePrecision, Meeting, MeetingStatus

# Europe/London, for clients that need the zone spelled out (BST from the last Sunday of
# March, GMT from the last Sunday of October).
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19810329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 s3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _event(meeting: Meeting, url: str, stamp: dt.datetime, host: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:meeting-{meeting.pk}@{host}", f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}"]
    if meeting.start_time:
        start = dt.datetime.combine(meeting.date, meeting.start_time)
        end = start + dt.timedelta(hours=2)
        lines += [
            f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/London:{end:%Y%m%dT%H%M%S}",
        ]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{meeting.date + dt.timedelta(days=1):%Y%m%d}",
        ]
    lines.append(f"SUMMARY:{escape(meeting.committee.name)}")
    if meeting.venue:
        lines.append(f"LOCATION:{escape(meeting.venue)}")
    lines.append(f"URL:{url}")
    lines.append(f"DESCRIPTION:{escape('Agenda, papers and minutes: ' + url)}")
    lines.append(
        "STATUS:CANCELLED"
        if meeting.status == MeetingStatus.CANCELLED
        else "STATUS:CONFIRMED"
        if meeting.date_precision == DatePrecision.DAY
        else "STATUS:TENTATIVE"
    )
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: list[Meeting], *, url_for, host: str, name: str) -> str:
    stamp = timezone.now().astimezone(dt.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//scrutiny//committee meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        *VTIMEZONE,
    ]
    for meeting in meetings:
        if meeting.date_precision == DatePrecision.MONTH:
            continue  # the day is not known: no calendar entry
        lines += _event(meeting, url_for(meeting), stamp, host)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"

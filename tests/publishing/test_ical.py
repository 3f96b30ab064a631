"""The .ics feeds, read back with icalendar: the events and fields a calendar client sees."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from scrutiny.meetings.models import DatePrecision, MeetingStatus
from scrutiny.publishing.ical import calendar
from tests.factories import CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def feed(meetings, name="Crime and Disorder (Overview and Scrutiny) Committee") -> str:
    return calendar(meetings, url_for=lambda m: f"http://testserver/meetings/{m.pk}/", host="testserver", name=name)


def events(text: str) -> list:
    return Calendar.from_ical(text).walk("VEVENT")


def test_a_timed_meeting_is_read_back_with_every_field():
    meeting = MeetingFactory(
        date=dt.date(2018, 7, 25),
        start_time=dt.time(19, 0),
        venue="Council Chamber, Civic Centre, Home Gardens, Dartford",
        status=MeetingStatus.SCHEDULED,
    )
    text = feed([meeting])
    parsed = Calendar.from_ical(text)
    assert str(parsed["version"]) == "2.0" and str(parsed["method"]) == "PUBLISH"
    assert str(parsed["x-wr-calname"]) == "Crime and Disorder (Overview and Scrutiny) Committee"
    (event,) = events(text)
    assert str(event["uid"]) == f"meeting-{meeting.pk}@testserver"
    assert event.decoded("dtstart") == dt.datetime(2018, 7, 25, 19, 0, tzinfo=LONDON)
    assert event.decoded("dtend") == dt.datetime(2018, 7, 25, 21, 0, tzinfo=LONDON)
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(hours=1)  # BST
    assert event.decoded("dtstamp").tzinfo is not None
    assert str(event["summary"]) == "Crime and Disorder (Overview and Scrutiny) Committee"
    assert str(event["location"]) == "Council Chamber, Civic Centre, Home Gardens, Dartford"
    assert str(event["url"]) == f"http://testserver/meetings/{meeting.pk}/"
    assert str(event["description"]) == f"Agenda, papers and minutes: http://testserver/meetings/{meeting.pk}/"
    assert str(event["status"]) == "CONFIRMED"
    (zone,) = parsed.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/London"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_committee_feed_holds_each_dated_meeting_with_its_status():
    committee = CommitteeFactory()
    winter = MeetingFactory(committee=committee, date=dt.date(2018, 2, 21), status=MeetingStatus.CANCELLED)
    month_only = MeetingFactory(
        committee=committee, date=dt.date(2018, 11, 1), date_precision=DatePrecision.MONTH
    )
    text = feed([winter, month_only])
    (event,) = events(text)  # a meeting known only by its month has no entry
    assert str(event["uid"]) == f"meeting-{winter.pk}@testserver"
    assert event.decoded("dtstart") == dt.date(2018, 2, 21)  # no time: an all-day entry
    assert event.decoded("dtend") == dt.date(2018, 2, 22)
    assert str(event["status"]) == "CANCELLED"
    assert "LOCATION" not in event
    assert not Calendar.from_ical(text).walk("VTIMEZONE")  # no timed meeting, no zone needed


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n"])
def test_a_line_break_in_a_title_or_venue_cannot_start_a_property(breaker):
    meeting = MeetingFactory(
        start_time=dt.time(19, 0),
        venue=f"Civic Centre{breaker}ATTENDEE:mailto:someone@example.org",
        committee=CommitteeFactory(name=f"Crime and Disorder{breaker}STATUS:CANCELLED"),
    )
    text = feed([meeting], name=f"Feed{breaker}X-INJECTED:yes")
    lines = text.split("\r\n")
    assert "\r" not in "".join(lines) and "\n" not in "".join(lines)
    assert not any(line.startswith(("ATTENDEE", "STATUS:CANCELLED", "X-INJECTED")) for line in lines)
    (event,) = events(text)
    assert "ATTENDEE" not in event and str(event["status"]) == "CONFIRMED"
    assert str(event["location"]) == "Civic Centre\nATTENDEE:mailto:someone@example.org"
    assert str(event["summary"]) == "Crime and Disorder\nSTATUS:CANCELLED"
    assert "X-INJECTED" not in Calendar.from_ical(text)

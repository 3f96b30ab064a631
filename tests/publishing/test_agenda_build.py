"""Building a draft agenda: the confirmation of the minutes names the meeting immediately
before by date, in the words a paper uses for it (issue 15)."""

import datetime as dt

import pytest

from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import AgendaItem, DatePrecision, ItemRole, MeetingStatus
from scrutiny.minutes import services as minutes
from scrutiny.minutes.models import Minute
from scrutiny.publishing.services import agenda_build
from tests.factories import CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _confirmation(meeting):
    item = AgendaItem.internal.get(meeting=meeting, role=ItemRole.MINUTES)
    return item.title, item.purpose, [d.title for d in item.documents.all()]


def test_the_meeting_immediately_before_by_date_whatever_order_they_were_entered_in():
    committee = CommitteeFactory()
    february = meetings.meeting_create(committee=committee, date=D(2018, 2, 21))
    MeetingFactory(committee=committee, date=D(2017, 7, 26), status=MeetingStatus.HELD)
    MeetingFactory(committee=committee, date=D(2018, 1, 10), status=MeetingStatus.CANCELLED)
    # Entered last, not yet recorded as held: still the meeting whose minutes come next.
    MeetingFactory(committee=committee, date=D(2017, 11, 8), status=MeetingStatus.SCHEDULED)
    MeetingFactory(committee=committee, date=D(2018, 7, 25), status=MeetingStatus.SCHEDULED)
    agenda_build(meeting=february)
    assert _confirmation(february) == (
        "Confirmation of the Minutes of the meeting held on 8 November 2017",
        "To confirm the Minutes of the meeting held on 8 November 2017 as an accurate record.",
        ["Minutes of the meeting held on 8 November 2017"],
    )


def test_a_meeting_known_only_by_its_month_is_the_meeting_held_in_that_month():
    committee = CommitteeFactory()
    MeetingFactory(
        committee=committee, date=D(2019, 7, 1), date_precision=DatePrecision.MONTH, status=MeetingStatus.HELD
    )
    november = meetings.meeting_create(committee=committee, date=D(2019, 11, 13))
    agenda_build(meeting=november)
    title, purpose, papers = _confirmation(november)
    assert title == "Confirmation of the Minutes of the meeting held in July 2019"
    assert purpose == "To confirm the Minutes of the meeting held in July 2019 as an accurate record."
    assert papers == ["Minutes of the meeting held in July 2019"]
    minutes.minutes_draft(meeting=november, today=D(2019, 11, 13))
    confirming = Minute.internal.get(meeting=november, agenda_item__role=ItemRole.MINUTES)
    assert [r.text for r in confirming.resolutions.all()] == [
        "That the Minutes of the Committee's meeting held in July 2019 be confirmed as an accurate record of those proceedings."
    ]


def test_the_first_meeting_has_no_minutes_to_confirm():
    first = meetings.meeting_create(committee=CommitteeFactory(), date=D(2018, 2, 21))
    agenda_build(meeting=first)
    assert not AgendaItem.internal.filter(meeting=first, role=ItemRole.MINUTES).exists()

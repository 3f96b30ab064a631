"""A meeting known only by its month prints as such everywhere ("the meeting held in July
2019"), never as the first of the month."""

import datetime as dt

import pytest

from scrutiny.annual_report import selectors as annual
from scrutiny.annual_report.services import annual_report_start
from scrutiny.meetings import services
from scrutiny.meetings.models import AgendaItem, ItemRole
from scrutiny.minutes.models import MinutesRecord
from scrutiny.publishing.services import agenda_build
from tests.factories import CommitteeFactory, MinuteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def july_2019():
    committee = CommitteeFactory()
    return services.meeting_record_past(committee=committee, date=dt.date(2019, 7, 1), date_precision="month")


def test_the_meeting_names_its_month_not_its_first_day(july_2019):
    assert july_2019.day_display == "July 2019"
    assert july_2019.held_on == "held in July 2019"
    assert july_2019.date_display == "July 2019"
    assert "1 July" not in july_2019.held_on_display


def test_the_next_agenda_confirming_its_minutes_says_held_in(july_2019):
    later = services.meeting_record_past(committee=july_2019.committee, date=dt.date(2020, 2, 12))
    agenda_build(meeting=later)
    item = AgendaItem.internal.get(meeting=later, role=ItemRole.MINUTES)
    assert item.title == "Confirmation of the Minutes of the meeting held in July 2019"
    assert "held in July 2019" in item.purpose and "1 July 2019" not in item.purpose


def test_the_annual_report_names_the_month(july_2019):
    services.meeting_record_held(meeting=july_2019)
    MinutesRecord.objects.create(meeting=july_2019, status="published")
    report = annual_report_start(committee=july_2019.committee, start_year=2019)
    assert annual.compose(report=report)["pending"] == ["The minutes of the meeting held in July 2019 are not yet published."]
    MinuteFactory(meeting=july_2019, position=1, number=1, title="PCP Update", narrative="The Panel met.")
    (meeting,) = annual.compose(report=report)["meetings"]
    assert meeting["held"] == "July 2019"

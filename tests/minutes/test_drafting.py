"""Draft minutes start with prompts, not statements nobody recorded, and publishing minutes
that still hold one, or none at all, or with no attendance, asks the officer first (issue 15)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutiny.governance.models import MunicipalYear
from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import AgendaItem, ItemRole
from scrutiny.minutes import services
from scrutiny.minutes.models import (
    Attendance,
    AttendanceKind,
    Declaration,
    InterestKind,
    Minute,
    MinutesRecord,
    MinutesStatus,
)
from scrutiny.minutes.selectors import PROMPT_START
from scrutiny.publishing.services import agenda_build
from tests.factories import CommitteeFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def july():
    committee = CommitteeFactory()
    MunicipalYear.objects.create(council=committee.council, start_year=2017)
    meeting = meetings.meeting_create(committee=committee, date=D(2017, 7, 26))
    agenda_build(meeting=meeting)
    return meeting


def _narratives(meeting):
    return {m.title: m.narrative for m in Minute.internal.filter(meeting=meeting)}


def test_nothing_recorded_means_prompts_not_statements_of_fact(july):
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    texts = _narratives(july)
    for title in ("APOLOGIES FOR ABSENCE", "DECLARATIONS OF INTEREST", "URGENT ITEMS"):
        assert texts[title].startswith(PROMPT_START), title
    assert "There were no" not in texts["APOLOGIES FOR ABSENCE"].split(";")[0]
    assert "no items of urgency" not in texts["URGENT ITEMS"].split(";")[0]


def test_what_is_recorded_is_written_as_fact(july):
    wells = PersonFactory(family_name="Wells", initials="R J")
    Attendance.objects.create(meeting=july, kind=AttendanceKind.PRESENT, person=wells)
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    texts = _narratives(july)
    # Attendance is recorded and nobody sent apologies: that is a fact the officer recorded.
    assert texts["APOLOGIES FOR ABSENCE"] == "There were no apologies for absence."
    assert texts["DECLARATIONS OF INTEREST"].startswith(PROMPT_START)


def test_declarations_recorded_are_minuted(july):
    item = AgendaItem.internal.get(meeting=july, role=ItemRole.REGULATION_9)
    Declaration.objects.create(
        meeting=july, agenda_item=item, person=PersonFactory(family_name="Lees", initials="R"),
        kind=InterestKind.OTHER, description="a member of the Kent Police and Crime Panel",
    )
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    assert "Councillor R Lees declared" in _narratives(july)["DECLARATIONS OF INTEREST"]


def test_publishing_minutes_with_prompts_or_no_attendance_asks_first_and_changes_nothing(july):
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    with pytest.raises(ValidationError) as refused:
        services.minutes_publish(meeting=july, today=D(2017, 8, 2))
    messages = refused.value.messages
    assert any("APOLOGIES FOR ABSENCE" in m and "prompt" in m for m in messages)
    assert any("No attendance is recorded" in m for m in messages)
    assert MinutesRecord.objects.get(meeting=july).status == MinutesStatus.DRAFT
    services.minutes_publish(meeting=july, today=D(2017, 8, 2), as_they_are=True)
    assert MinutesRecord.objects.get(meeting=july).status == MinutesStatus.PUBLISHED


def test_complete_minutes_are_published_without_a_question(july):
    Attendance.objects.create(meeting=july, kind=AttendanceKind.PRESENT, person=PersonFactory())
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    for minute in Minute.internal.filter(meeting=july):
        services.minute_edit(minute=minute, expected_revision=minute.revision, narrative="Noted.")
    services.minutes_publish(meeting=july, today=D(2017, 8, 2))
    assert MinutesRecord.objects.get(meeting=july).status == MinutesStatus.PUBLISHED


def test_the_publish_button_asks_on_a_page_of_its_own_then_publishes(client, july, officer):
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    client.force_login(officer)
    url = reverse("minutes_publish", args=[july.pk])
    asked = client.post(url)
    assert asked.status_code == 400
    page = asked.content.decode()
    assert "govuk-error-summary" in page and "No attendance is recorded" in page
    assert "Publish them as they are" in page
    assert MinutesRecord.objects.get(meeting=july).status == MinutesStatus.DRAFT
    done = client.post(url, {"as_they_are": "on"})
    assert done.status_code == 302
    assert MinutesRecord.objects.get(meeting=july).status == MinutesStatus.PUBLISHED

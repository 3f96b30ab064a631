"""Building an agenda: standard items, the work programme's items, order and numbering."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from scrutiny.meetings import services
from scrutiny.meetings.models import AgendaItem, MeetingStatus
from scrutiny.programme import services as programme
from scrutiny.publishing.services import agenda_build
from tests.factories import CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def committee():
    return CommitteeFactory()


@pytest.fixture
def february(committee):
    """21 February 2018, planned in the work programme before its agenda is built."""
    MeetingFactory(committee=committee, date=D(2017, 7, 26), status=MeetingStatus.HELD)
    MeetingFactory(committee=committee, date=D(2018, 7, 25), status=MeetingStatus.SCHEDULED)
    meeting = services.meeting_create(committee=committee, date=D(2018, 2, 21))
    plan = {
        "committee": committee,
        "target_meeting": meeting,
        "decided_by": "committee",
        "decided_on": D(2017, 7, 26),
        "today": D(2017, 8, 1),
    }
    programme.item_add(title="PCP Update", kind="standard", **plan)
    programme.item_add(title="Recording of Kent Crime Data and Statistics", kind="discretionary", **plan)
    programme.item_add(
        title="CSP Strategic Assessment 2017",
        kind="statutory",
        expected_exempt=True,
        statutory_subject="strategic_assessment",
        **plan,
    )
    return meeting


def _agenda(meeting):
    return [(i.number, i.title) for i in AgendaItem.internal.filter(meeting=meeting).order_by("position")]


def test_the_draft_agenda_follows_the_seed(february):
    agenda_build(meeting=february)
    assert _agenda(february) == [
        ("1", "Apologies for Absence"),
        ("2", "Declarations of Interest"),
        ("3", "Confirmation of the Minutes of the meeting held on 26 July 2017"),
        ("4", "Urgent Items"),
        ("5", "To consider references from other Committees (if any)"),
        ("6", "Regulation 9 Notice"),
        ("7", "PCP Update"),
        ("8", "Recording of Kent Crime Data and Statistics"),
        ("9", "CSP Strategic Assessment 2017"),
        ("10", "Next Meeting"),
        ("", "Exclusion of the Press and Public"),
        ("A", "CSP Strategic Assessment 2017"),
    ]
    minutes = AgendaItem.internal.get(meeting=february, number="3")
    assert minutes.documents.get().minutes_of.date == D(2017, 7, 26)
    exclusion = AgendaItem.internal.get(meeting=february, role="exclusion")
    assert exclusion.purpose.endswith(
        "the likely disclosure of information supplied to the Council in confidence."
    )
    assert AgendaItem.internal.get(meeting=february, number="10").purpose == (
        "The next meeting of the Committee will take place on Wednesday 25 July 2018."
    )
    with pytest.raises(ValidationError, match="already has items"):
        agenda_build(meeting=february)


def test_officers_reorder_add_and_remove_and_numbering_follows(february):
    agenda_build(meeting=february)
    crime_data = AgendaItem.internal.get(
        meeting=february, title="Recording of Kent Crime Data and Statistics"
    )
    services.agenda_item_move(item=crime_data, up=True)
    assert _agenda(february)[6:8] == [
        ("7", "Recording of Kent Crime Data and Statistics"),
        ("8", "PCP Update"),
    ]
    services.agenda_item_add(
        meeting=february, title="Review of Dartford's Safer Streets Policy", today=D(2018, 1, 10)
    )
    assert ("10", "Review of Dartford's Safer Streets Policy") in _agenda(february)
    assert _agenda(february)[10] == ("11", "Next Meeting")  # next meeting stays last of the open part
    second = services.agenda_item_add(
        meeting=february,
        title="Domestic homicide review",
        is_exempt=True,
        exemption_ground="para1",
        public_title="Exempt item",
        today=D(2018, 1, 10),
    )
    assert second.number == "B"
    exclusion = AgendaItem.internal.get(meeting=february, role="exclusion")
    assert (
        "paragraph 1 of Part 1 of Schedule 12A" in exclusion.purpose and "in confidence" in exclusion.purpose
    )
    services.agenda_item_remove(item=second)
    services.agenda_item_remove(item=AgendaItem.internal.get(meeting=february, number="A"))
    assert not AgendaItem.internal.filter(
        meeting=february, role="exclusion"
    ).exists()  # no Part 2, no exclusion


def test_an_exempt_item_without_a_reason_is_refused(february):
    with pytest.raises(ValidationError, match="cannot be exempt without its reason"):
        services.agenda_item_add(
            meeting=february, title="Confidential figures", is_exempt=True, today=D(2018, 1, 10)
        )
    assert not AgendaItem.internal.filter(title="Confidential figures").exists()


def test_a_late_item_needs_the_reason_for_urgency(february):
    with pytest.raises(ValidationError, match="is late for the meeting of Wednesday 21 February 2018"):
        services.agenda_item_add(meeting=february, title="Late report", today=D(2018, 2, 14))
    item = services.agenda_item_add(
        meeting=february,
        title="Late report",
        today=D(2018, 2, 14),
        urgency_reason="the Police figures arrived on 14 February and the decision cannot wait",
    )
    assert item.is_supplementary and item.urgency_reason.startswith("the Police figures")


def test_an_item_with_papers_or_a_minute_is_not_removed(february):
    agenda_build(meeting=february)
    minutes = AgendaItem.internal.get(meeting=february, number="3")
    with pytest.raises(ValidationError, match="has papers"):
        services.agenda_item_remove(item=minutes)
    assert AgendaItem.internal.filter(pk=minutes.pk).exists()


def test_a_second_meeting_on_the_same_day_is_refused(february):
    with pytest.raises(ValidationError, match="already has a meeting on 21 February 2018"):
        services.meeting_create(committee=february.committee, date=D(2018, 2, 21))

"""Recording mode: a meeting already held, entered after the event with its agenda as it was
published, on the day it was published; live meetings keep every statutory check."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scrutiny.meetings import services
from scrutiny.meetings.models import MeetingStatus, PaperExpected
from scrutiny.meetings.selectors import item_day
from scrutiny.programme import services as programme
from scrutiny.publishing.services import meeting_publish_agenda, meeting_record_publication
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db

JULY_2017 = dt.date(2017, 7, 26)  # Dartford's summer meeting; its agenda was published on 18 July 2017


@pytest.fixture
def committee():
    return CommitteeFactory()


@pytest.fixture
def recorded(committee):
    return services.meeting_record_past(committee=committee, date=JULY_2017, by=UserFactory(username="clerk"))


def _items(meeting, *titles, supplementary_reason=""):
    day = item_day(meeting=meeting, today=timezone.localdate())
    return [services.agenda_item_add(meeting=meeting, title=t, paper=PaperExpected.VERBAL, today=day,
                                     urgency_reason=supplementary_reason) for t in titles]


def test_only_a_meeting_already_held_is_recorded_with_who_and_when(committee, recorded):
    with pytest.raises(ValidationError, match="has not passed"):
        services.meeting_record_past(committee=committee, date=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="already has a meeting on 26 July 2017"):
        services.meeting_record_past(committee=committee, date=JULY_2017)
    assert recorded.is_recorded_after_event and recorded.recorded_by.username == "clerk"
    assert recorded.history.get().history_change_reason == services.RECORDED_AFTER_THE_EVENT
    month_only = services.meeting_record_past(committee=committee, date=dt.date(2019, 7, 17), date_precision="month")
    assert month_only.date == dt.date(2019, 7, 1) and month_only.held_on == "held in July 2019"


def test_items_entered_as_published_are_not_late_and_a_live_meeting_keeps_the_check(committee, recorded):
    (pcp,) = _items(recorded, "Kent Police and Crime Panel (PCP) - Update")
    assert (pcp.is_supplementary, pcp.urgency_reason) == (False, "")
    live = services.meeting_create(committee=committee, date=timezone.localdate() + dt.timedelta(days=2))
    with pytest.raises(ValidationError, match="is late for the meeting"):
        services.agenda_item_add(meeting=live, title="Too late", paper=PaperExpected.VERBAL)


def test_the_publication_is_recorded_on_its_day_as_it_was(recorded):
    _items(recorded, "Kent Police and Crime Panel (PCP) - Update", "Review of Kent's Domestic Abuse (DA) Framework")
    first = meeting_record_publication(meeting=recorded, published_on=dt.date(2017, 7, 18))
    assert (first.version, timezone.localdate(first.published_at), first.is_late) == (1, dt.date(2017, 7, 18), False)
    assert first.deadline == dt.date(2017, 7, 18)
    # an item added after it was published is a supplementary item, as it was then
    (late,) = _items(recorded, "Response to Unauthorised Encampments",
                     supplementary_reason="The Lead Member's concern came after the agenda was published.")
    assert late.is_supplementary
    second = meeting_record_publication(meeting=recorded, published_on=dt.date(2017, 7, 24),
                                        urgency_reason="The Lead Member's concern came after the agenda was published.")
    assert (second.version, second.is_late) == (2, True)
    recorded.refresh_from_db()
    assert recorded.status == MeetingStatus.AGENDA_PUBLISHED and recorded.agenda_is_public


def test_a_recorded_publication_is_refused_when_it_could_not_have_happened(committee, recorded):
    _items(recorded, "PCP Update")
    with pytest.raises(ValidationError, match="before the meeting, not after it"):
        meeting_record_publication(meeting=recorded, published_on=dt.date(2017, 7, 27))
    with pytest.raises(ValidationError, match="published after the last lawful day|urgency|special circumstances"):
        meeting_record_publication(meeting=recorded, published_on=dt.date(2017, 7, 24))  # late, without its reason
    meeting_record_publication(meeting=recorded, published_on=dt.date(2017, 7, 18))
    with pytest.raises(ValidationError, match="on or after it"):
        meeting_record_publication(meeting=recorded, published_on=dt.date(2017, 7, 10))
    live = services.meeting_create(committee=committee, date=timezone.localdate() + dt.timedelta(days=30))
    with pytest.raises(ValidationError, match="is run live"):
        meeting_record_publication(meeting=live, published_on=timezone.localdate())


def test_the_work_programme_places_items_on_a_recorded_meeting_held_and_not_on_a_live_one(committee, recorded):
    _items(recorded, "PCP Update")
    meeting_record_publication(meeting=recorded, published_on=dt.date(2017, 7, 18))
    services.meeting_record_held(meeting=recorded)
    item = programme.item_add(committee=committee, title="Review of Kent's Domestic Abuse (DA) Framework",
                              kind="discretionary", decided_by="strategic_director", decided_on=dt.date(2016, 7, 27),
                              target_meeting=recorded)
    added = item.changes.get()
    assert (added.decided_on, added.to_meeting) == (dt.date(2016, 7, 27), recorded)
    assert added.wording == "Review of Kent's Domestic Abuse (DA) Framework added to the Work Plan for July 2017."
    live = services.meeting_create(committee=committee, date=timezone.localdate() + dt.timedelta(days=30))
    live_past = services.meeting_create(committee=committee, date=dt.date(2018, 2, 21))
    with pytest.raises(ValidationError, match="in the past"):
        programme.item_add(committee=committee, title="X", kind="standard", decided_by="committee",
                           decided_on=dt.date(2018, 1, 1), target_meeting=live_past)
    assert programme.item_add(committee=committee, title="Y", kind="standard", decided_by="committee",
                              decided_on=timezone.localdate(), target_meeting=live).target_meeting == live


def test_live_publication_keeps_its_checks(committee):
    live = services.meeting_create(committee=committee, date=timezone.localdate() + dt.timedelta(days=2))
    with pytest.raises(ValidationError):
        meeting_publish_agenda(meeting=live)  # late without its reason


def test_the_officer_records_a_meeting_on_the_screens(client, committee):
    client.force_login(officer_of(committee.council))
    response = client.post(reverse("meeting_record_past", args=[committee.slug]),
                           {"date_day": 26, "date_month": 7, "date_year": 2017, "date_precision": "day",
                            "start_time": "19:00", "venue": "Civic Centre"})
    assert response.status_code == 302
    meeting = committee.meetings.get()
    assert meeting.is_recorded_after_event and meeting.start_time == dt.time(19)
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert "Recorded after the event on" in page
    publish = client.get(reverse("meeting_publish", args=[meeting.pk])).content.decode()
    assert "Published on" in publish and "Record the publication" in publish
    refused = client.post(reverse("meeting_record_past", args=[committee.slug]),
                          {"date_day": 1, "date_month": 1, "date_year": 2099, "date_precision": "day"})
    assert refused.status_code == 400 and "has not passed" in refused.content.decode()

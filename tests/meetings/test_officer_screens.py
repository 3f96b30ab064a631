"""The officers' screens for a meeting and its items: schedule, change, postpone, cancel, and
change an item. Refusals come back in the error summary and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.meetings import services
from scrutiny.meetings.models import AgendaItem, Meeting, MeetingStatus, PaperExpected
from scrutiny.publishing.selectors import publication_problems
from tests.factories import AgendaItemFactory, CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_an_officer_schedules_a_meeting_and_a_clash_is_refused_with_nothing_made(client, officer):
    committee = CommitteeFactory()
    client.force_login(officer)
    url = reverse("meeting_add", args=[committee.slug])
    response = client.post(url, {**_date("date", D(2027, 7, 21)), "start_time": "7pm", "venue": "Council Chamber"})
    meeting = Meeting.objects.get(committee=committee)
    assert response.status_code == 302 and response["Location"].endswith(f"/meetings/{meeting.pk}/#manage")
    assert (meeting.date, meeting.start_time, meeting.venue) == (D(2027, 7, 21), dt.time(19), "Council Chamber")
    assert meeting.history.latest().history_user == officer
    again = client.post(url, {**_date("date", D(2027, 7, 21))})
    assert again.status_code == 400 and "already has a meeting on 21 July 2027" in again.content.decode()
    assert "govuk-error-summary" in again.content.decode()
    bad = client.post(url, {**_date("date", D(2027, 7, 22)), "start_time": "25 o'clock"})
    assert bad.status_code == 400 and "for example 19:00 or 7pm" in bad.content.decode()
    nonsense = client.post(url, {"date_day": "31", "date_month": "2", "date_year": "2027"})
    assert nonsense.status_code == 400 and "must be a real date" in nonsense.content.decode()
    assert Meeting.objects.filter(committee=committee).count() == 1


def test_changing_the_date_of_a_published_agenda_asks_for_a_postponement(client, officer):
    meeting = MeetingFactory(date=D(2027, 2, 10), status=MeetingStatus.AGENDA_PUBLISHED)
    client.force_login(officer)
    url = reverse("meeting_edit", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert 'value="10"' in page and 'value="2027"' in page  # the form starts from the meeting
    moved = client.post(url, {**_date("date", D(2027, 2, 17)), "date_precision": "day", "venue": "Room 1"})
    assert moved.status_code == 400 and "postpone the meeting to change its date" in moved.content.decode()
    same_day = client.post(url, {**_date("date", D(2027, 2, 10)), "date_precision": "day", "start_time": "18:30",
                                 "venue": "Room 1"})
    assert same_day.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date, meeting.start_time, meeting.venue) == (D(2027, 2, 10), dt.time(18, 30), "Room 1")


def test_postponing_says_so_on_the_public_record(client, officer):
    meeting = MeetingFactory(date=D(2027, 2, 10), status=MeetingStatus.SCHEDULED)
    client.force_login(officer)
    url = reverse("meeting_postpone", args=[meeting.pk])
    earlier = client.post(url, {**_date("date", D(2027, 2, 3)), "reason": "Clash"})
    assert earlier.status_code == 400 and "after Wednesday 10 February 2027" in earlier.content.decode()
    response = client.post(url, {**_date("date", D(2027, 3, 3)), "reason": "To allow the Police to attend."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == D(2027, 3, 3)
    assert "Postponed from Wednesday 10 February 2027: To allow the Police to attend." in meeting.note
    client.logout()
    public = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert "Postponed from Wednesday 10 February 2027" in public


def test_cancelling_asks_for_confirmation_and_a_held_meeting_cannot_be_cancelled(client, officer):
    meeting = MeetingFactory(date=D(2027, 2, 10), status=MeetingStatus.SCHEDULED)
    held = MeetingFactory(date=D(2018, 2, 21), status=MeetingStatus.HELD)
    client.force_login(officer)
    unconfirmed = client.post(reverse("meeting_cancel", args=[meeting.pk]), {})
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.content.decode()
    assert client.post(reverse("meeting_cancel", args=[meeting.pk]), {"confirm": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    refused = client.post(reverse("meeting_cancel", args=[held.pk]), {"confirm": "on"})
    assert refused.status_code == 400 and "cannot be cancelled" in refused.content.decode()
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD


def test_an_item_is_renamed_made_a_verbal_update_and_made_exempt_on_its_screen(client, officer):
    meeting = MeetingFactory(date=D(2027, 2, 10), status=MeetingStatus.SCHEDULED)
    first = AgendaItemFactory(meeting=meeting, position=1, number="1", title="Apologies", paper=PaperExpected.NONE)
    item = AgendaItemFactory(meeting=meeting, position=2, number="2", title="Police update",
                             paper=PaperExpected.REPORT)
    assert any("expects a report" in p for p in publication_problems(meeting))
    client.force_login(officer)
    url = reverse("agenda_item_edit", args=[item.pk])
    assert "Police update" in client.get(url).content.decode()
    response = client.post(url, {"title": "Police and CSU update", "purpose": "To hear the update.",
                                 "kind": "standard", "paper": "verbal"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.paper, item.paper_note) == ("Police and CSU update", "verbal", "Verbal update")
    assert publication_problems(meeting) == []  # a verbal update needs no paper
    no_reason = client.post(url, {"title": "Named cases", "kind": "standard", "paper": "report", "is_exempt": "on"})
    assert no_reason.status_code == 400 and "Choose why it is exempt" in no_reason.content.decode()
    client.post(url, {"title": "Named cases", "kind": "standard", "paper": "report", "is_exempt": "on",
                      "exemption_ground": "para1", "public_title": "Case review"})
    item.refresh_from_db()
    assert item.is_exempt and item.number == "A" and item.public_title == "Case review"
    assert AgendaItem.internal.filter(meeting=meeting, role="exclusion").exists()  # the resolution to exclude
    first.refresh_from_db()
    assert first.number == "1"


def test_only_published_meetings_whose_day_has_passed_are_held_by_themselves():
    published = MeetingFactory(date=D(2026, 11, 4), status=MeetingStatus.AGENDA_PUBLISHED)
    unpublished = MeetingFactory(date=D(2026, 11, 5), status=MeetingStatus.SCHEDULED)
    today_meeting = MeetingFactory(date=D(2026, 12, 3), status=MeetingStatus.AGENDA_PUBLISHED)
    held = services.meetings_hold_past(today=D(2026, 12, 3))
    assert held == [published]
    for meeting, status in ((published, "held"), (unpublished, "scheduled"), (today_meeting, "agenda_published")):
        meeting.refresh_from_db()
        assert meeting.status == status

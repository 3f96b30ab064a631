"""Recording who attended and what they declared, on the officers' screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.governance.models import MembershipRole
from scrutiny.meetings.models import MeetingStatus
from scrutiny.minutes.models import Attendance, Declaration, MinutesRecord, MinutesStatus
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory(date=dt.date(2027, 2, 10), status=MeetingStatus.HELD)
    chair = MembershipFactory(organisation=meeting.committee, role=MembershipRole.CHAIRMAN,
                              person=PersonFactory(family_name="Wells", initials="R J"), starts_on=dt.date(2026, 5, 20))
    MembershipFactory(organisation=meeting.committee, role=MembershipRole.MEMBER,
                      person=PersonFactory(family_name="Lloyd", initials="D"), starts_on=dt.date(2026, 5, 20))
    MembershipFactory(organisation=meeting.committee, role=MembershipRole.MEMBER,
                      person=PersonFactory(family_name="Gone", initials="X"), starts_on=dt.date(2020, 5, 20),
                      ends_on=dt.date(2025, 5, 1))
    AgendaItemFactory(meeting=meeting, position=1, number="1", title="Police update")
    meeting.chair = chair.person
    return meeting


def _post(client, meeting, form, **fields):
    data = {"form": form, **{f"{form}-{k}": v for k, v in fields.items()}}
    return client.post(reverse("meeting_attendance", args=[meeting.pk]), data)


def test_members_seated_that_day_are_recorded_present_then_apologies_and_a_substitute(client, officer, meeting):
    client.force_login(officer)
    assert "No attendance is recorded yet" in client.get(reverse("meeting_attendance", args=[meeting.pk])).content.decode()
    client.post(reverse("attendance_members", args=[meeting.pk]))
    present = list(Attendance.objects.filter(meeting=meeting).values_list("person__family_name", "capacity"))
    assert present == [("Wells", "(Chairman)"), ("Lloyd", "")]  # not the member whose seat had ended
    lloyd = Attendance.objects.get(meeting=meeting, person__family_name="Lloyd")
    client.post(reverse("attendance_remove", args=[lloyd.pk]))
    assert _post(client, meeting, "attendance", kind="apologies", person=lloyd.person_id).status_code == 302
    sub = PersonFactory(family_name="Stand", initials="I N")
    MembershipFactory(organisation=meeting.committee, role=MembershipRole.SUBSTITUTE, person=sub,
                      starts_on=dt.date(2026, 5, 20))
    refused = _post(client, meeting, "attendance", kind="substitute", person=sub.pk)
    assert refused.status_code == 400 and "Choose the member the substitute takes the place of" in refused.content.decode()
    _post(client, meeting, "attendance", kind="substitute", person=sub.pk, substitute_for=lloyd.person_id)
    twice = _post(client, meeting, "attendance", kind="present", person=sub.pk)
    assert twice.status_code == 400 and "already recorded for this meeting" in twice.content.decode()
    kinds = dict(Attendance.objects.filter(meeting=meeting).values_list("person__family_name", "kind"))
    assert kinds == {"Wells": "present", "Lloyd": "apologies", "Stand": "substitute"}
    nobody = _post(client, meeting, "attendance", kind="present")
    assert nobody.status_code == 400 and "give the name as the minutes print it" in nobody.content.decode()
    _post(client, meeting, "attendance", kind="partner", name="Insp. A Example", capacity="CSU Inspector, Kent Police")
    page = client.get(reverse("meeting_attendance", args=[meeting.pk])).content.decode()
    assert "2 members present, the quorum is 3" in page and "Insp. A Example" in page


def test_a_declaration_is_recorded_per_item_and_confirmed_minutes_keep_theirs(client, officer, meeting):
    client.force_login(officer)
    item = meeting.agenda_items.get()
    missing = _post(client, meeting, "declaration", agenda_item=item.pk, kind="other_significant")
    assert missing.status_code == 400 and "Choose who declared the interest" in missing.content.decode()
    response = _post(client, meeting, "declaration", agenda_item=item.pk, person=meeting.chair.pk,
                     kind="other_significant", description="A governor of a school named in the report.",
                     dispensation="Granted by the Standards Committee to speak but not vote.")
    assert response.status_code == 302
    declaration = Declaration.objects.get(meeting=meeting)
    assert declaration.dispensation.startswith("Granted") and declaration.history.latest().history_user == officer
    MinutesRecord.objects.create(meeting=meeting, status=MinutesStatus.CONFIRMED,
                                 confirmed_at=MeetingFactory(committee=meeting.committee, date=dt.date(2027, 7, 21)))
    refused = client.post(reverse("declaration_remove", args=[declaration.pk]), follow=True)
    assert "kept as confirmed" in refused.content.decode()
    assert Declaration.objects.filter(pk=declaration.pk).exists()
    locked = _post(client, meeting, "attendance", kind="present", name="Late arrival")
    assert locked.status_code == 400 and not Attendance.objects.filter(meeting=meeting).exists()

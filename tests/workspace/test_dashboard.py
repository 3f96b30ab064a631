"""The officer's dashboard: each committee the officer runs, what is due, linked to where it
is done; nothing of a committee the officer does not run."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from scrutiny.meetings.models import MeetingStatus, PaperExpected
from scrutiny.minutes.models import MinutesRecord, MinutesStatus
from tests.access.viewers import officer_of
from tests.factories import AgendaItemFactory, CommitteeFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_councils():
    ours = CommitteeFactory(name="Crime and Disorder Committee")
    theirs = CommitteeFactory(name="Community Safety Scrutiny Committee")
    coming = MeetingFactory(committee=ours, date=dt.date(2027, 2, 10), status=MeetingStatus.SCHEDULED)
    AgendaItemFactory(meeting=coming, position=1, number="1", title="Police update", paper=PaperExpected.REPORT)
    AgendaItemFactory(meeting=coming, title="Fire update", paper=PaperExpected.VERBAL)
    passed = MeetingFactory(committee=ours, date=dt.date(2026, 11, 4), status=MeetingStatus.SCHEDULED)
    held = MeetingFactory(committee=ours, date=dt.date(2026, 7, 22), status=MeetingStatus.HELD)
    MinutesRecord.objects.create(meeting=held, status=MinutesStatus.DRAFT)
    other = MeetingFactory(committee=theirs, date=dt.date(2027, 1, 19), status=MeetingStatus.SCHEDULED)
    AgendaItemFactory(meeting=other, title="THEIR-ITEM closure order review", paper=PaperExpected.REPORT)
    return {"ours": ours, "theirs": theirs, "coming": coming, "passed": passed, "held": held}


def test_the_dashboard_lists_what_is_due_with_links(client, two_councils):
    ours = two_councils["ours"]
    client.force_login(officer_of(ours.council))
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 12, 3)):
        page = " ".join(client.get(reverse("dashboard")).content.decode().split())
    assert "Crime and Disorder Committee" in page
    # publish by: five clear working days before Wednesday 10 February 2027
    assert "Wednesday 10 February 2027: publish the agenda by Tuesday 2 February 2027." in page
    assert "Item 1 “Police update”, Wednesday 10 February 2027: report awaited." in page
    assert "Fire update" not in page  # a verbal update awaits no report
    assert "the day has passed and no agenda was published" in page
    assert "draft minutes to publish" in page
    assert reverse("meeting", args=[two_councils["coming"].pk]) + "#manage" in page
    assert reverse("meeting_minutes", args=[two_councils["held"].pk]) in page
    assert "THEIR-ITEM" not in page and "Community Safety Scrutiny Committee" not in page


def test_the_dashboard_is_for_officers(client, two_councils):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    client.force_login(officer_of(two_councils["theirs"].council))
    page = client.get(reverse("dashboard")).content.decode()
    assert "THEIR-ITEM" in page and "Police update" not in page
    client.force_login(UserFactory())
    assert client.get(reverse("dashboard")).status_code == 403


def test_the_hold_command_holds_published_meetings_past_their_day(two_councils, capsys):
    coming = two_councils["coming"]
    coming.status = MeetingStatus.AGENDA_PUBLISHED
    coming.date = dt.date(2020, 1, 8)
    coming.save()
    call_command("hold_past_meetings")
    coming.refresh_from_db()
    two_councils["passed"].refresh_from_db()
    assert coming.status == MeetingStatus.HELD and two_councils["passed"].status == MeetingStatus.SCHEDULED
    assert "1 meeting(s) recorded as held." in capsys.readouterr().out


def test_the_desk_warns_of_a_key_decision_without_its_notice_to_those_who_keep_the_plan(client):
    from django.utils import timezone

    from tests.forward_plan.factories import KeyDecisionFactory

    committee = CommitteeFactory(name="Crime and Disorder Committee")
    soon = timezone.localdate() + dt.timedelta(days=10)
    KeyDecisionFactory(council=committee.council, title="CCTV contract award", decision_on=soon)
    KeyDecisionFactory(council=committee.council, title="In good time",
                       decision_on=timezone.localdate() + dt.timedelta(days=200))
    keeper = officer_of(committee.council)
    client.force_login(keeper)
    page = " ".join(client.get(reverse("dashboard")).content.decode().split())
    assert "Forward plan: “CCTV contract award”: Not notified 28 clear days before" in page
    assert "In good time" not in page
    assert reverse("key_decisions", args=[committee.council.slug]) in page
    client.force_login(officer_of(committee.council, committees=[committee]))  # keeps no plan
    assert "CCTV contract award" not in client.get(reverse("dashboard")).content.decode()

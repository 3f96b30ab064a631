"""Other bodies' meetings the committee heard of (the Police and Crime Panel's, above all):
recorded from the minute that noted them, with how it heard; public only as that minute is."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutiny.meetings.models import DatePrecision, MeetingStatus
from scrutiny.minutes.models import HeardHow, Minute, OutsideMeetingNoted
from scrutiny.minutes.services import outside_meeting_note
from tests.access import test_policy
from tests.access.test_policy import _client
from tests.access.viewers import NOT_ENTITLED
from tests.factories import MeetingFactory, MinuteFactory, OrganisationFactory, PersonFactory

scene = test_policy.scene

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def panel():
    return OrganisationFactory(name="Kent and Medway Police and Crime Panel", kind="pcp")


@pytest.fixture
def heard(scene, panel):
    open_minute = Minute.internal.get(meeting=scene["meeting"], number=11)
    outside_meeting_note(minute=open_minute, body=panel, held_on=D(2017, 3, 28), how=HeardHow.MINUTES)
    secret_body = OrganisationFactory(name="SECRET-BODY Multi-agency panel")
    outside_meeting_note(minute=scene["sensitive_minute"], body=secret_body, held_on=D(2017, 7, 1),
                         how=HeardHow.VERBAL)
    return scene


def test_a_verbal_update_without_published_minutes_is_recorded_as_such(scene, panel):
    minute = Minute.internal.get(meeting=scene["meeting"], number=11)
    chairman = PersonFactory(family_name="Wells", initials="R J", is_councillor=True)
    noted = outside_meeting_note(minute=minute, body=panel, held_on=D(2017, 7, 20), how=HeardHow.VERBAL,
                                 reporter=chairman, minutes_published=False)
    assert noted.statement == "Verbal update by Councillor R J Wells, in the absence of published minutes"
    assert noted.held_display == "20 July 2017"
    month = outside_meeting_note(minute=minute, body=panel, held_on=D(2017, 2, 14), how=HeardHow.MINUTES,
                                 date_precision=DatePrecision.MONTH, minutes_published=False)
    assert (month.held_on, month.held_display, month.minutes_published) == (D(2017, 2, 1), "February 2017", True)
    assert month.statement == "Minutes received and noted"


def test_it_is_refused_for_a_meeting_not_held_a_later_date_the_committee_itself_or_twice(scene, panel):
    minute = Minute.internal.get(meeting=scene["meeting"], number=11)
    with pytest.raises(ValidationError, match="on or before then"):
        outside_meeting_note(minute=minute, body=panel, held_on=D(2017, 8, 1), how=HeardHow.MINUTES)
    with pytest.raises(ValidationError, match="the committee itself"):
        outside_meeting_note(minute=minute, body=scene["committee"], held_on=D(2017, 3, 1), how=HeardHow.MINUTES)
    scheduled = MinuteFactory(meeting=MeetingFactory(date=D(2030, 1, 1), status=MeetingStatus.SCHEDULED))
    with pytest.raises(ValidationError, match="has not been held"):
        outside_meeting_note(minute=scheduled, body=panel, held_on=D(2017, 3, 1), how=HeardHow.MINUTES)
    outside_meeting_note(minute=minute, body=panel, held_on=D(2017, 3, 28), how=HeardHow.MINUTES)
    with pytest.raises(ValidationError):
        outside_meeting_note(minute=minute, body=panel, held_on=D(2017, 3, 28), how=HeardHow.MINUTES)
    assert OutsideMeetingNoted.internal.count() == 1


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_what_an_exempt_minute_noted_reaches_no_one_not_entitled(client, heard, who):
    client = _client(client, heard, who)
    seen = ""
    for url in (reverse("committee_outside_meetings", args=[heard["committee"].slug]),
                reverse("meeting_minutes", args=[heard["meeting"].pk]),
                reverse("minute", args=[heard["sensitive_minute"].pk])):
        response = client.get(url)
        assert b"SECRET-BODY" not in response.content, f"{who} read what an exempt minute noted at {url}"
        seen += response.content.decode()
    assert "28 March 2017: Minutes received and noted" in seen


def test_the_officer_records_it_from_the_minute(client, heard, officer, panel):
    minute = Minute.internal.get(meeting=heard["meeting"], number=11)
    client.force_login(officer)
    url = reverse("outside_meeting_add", args=[minute.pk])
    assert url in client.get(reverse("meeting_minutes", args=[heard["meeting"].pk])).content.decode()
    done = client.post(url, {"body": panel.pk, "held_on_day": "20", "held_on_month": "7", "held_on_year": "2017",
                             "date_precision": "day", "how": "verbal", "minutes_published": "no"})
    assert done.status_code == 302
    noted = OutsideMeetingNoted.internal.get(held_on=D(2017, 7, 20))
    assert (noted.how, noted.minutes_published) == (HeardHow.VERBAL, False)
    page = client.get(reverse("committee_outside_meetings", args=[heard["committee"].slug])).content.decode()
    assert "20 July 2017: Verbal update, in the absence of published minutes" in page


def test_the_demo_records_the_panels_meetings_as_the_minutes_report_them(client, demo):
    page = client.get(reverse("committee_outside_meetings", args=["dartford-crime-and-disorder"])).content.decode()
    for line in ("November 2015: Verbal update", "8 September 2016: Minutes received and noted",
                 "2 February 2017: Minutes received and noted",
                 "20 July 2017: Verbal update by Councillor R J Wells, in the absence of published minutes"):
        assert line in page, line


def test_a_meeting_noted_in_error_is_removed_by_the_committees_officer_only(client, heard, officer):
    from tests.access.viewers import officer_of
    from tests.factories import CouncilFactory

    noted = OutsideMeetingNoted.internal.get(held_on=D(2017, 3, 28))
    url = reverse("outside_meeting_remove", args=[noted.pk])
    client.force_login(officer_of(CouncilFactory()))
    assert client.post(url).status_code == 403
    client.force_login(officer)
    assert client.post(url).status_code == 302
    assert not OutsideMeetingNoted.internal.filter(pk=noted.pk).exists()

"""The committee's references to the Council and the Cabinet: made by a minute of a held
meeting, decided once with a date; public only as their minute is, on every surface."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutiny.meetings.models import MeetingStatus
from scrutiny.minutes.models import Minute, Reference, ReferenceStatus, ReferenceTo
from scrutiny.minutes.services import reference_make, reference_outcome_record
from tests.access import test_policy
from tests.access.test_policy import _client
from tests.access.viewers import ENTITLED, NOT_ENTITLED
from tests.factories import MeetingFactory, MinuteFactory

scene = test_policy.scene  # a held meeting of 26 July 2017 with published minutes, some exempt

pytestmark = pytest.mark.django_db
D = dt.date
OPEN = "The revised Protocol and Memorandum of Understanding, for approval"
SECRET = "SECRET-REFERENCE the staffing matter"


@pytest.fixture
def referred(scene):
    open_minute = Minute.internal.get(meeting=scene["meeting"], number=11)
    reference_make(minute=open_minute, to=ReferenceTo.COUNCIL, to_name="the General Assembly of the Council",
                   subject=OPEN, submitted_on=D(2017, 9, 18))
    reference_make(minute=scene["sensitive_minute"], to=ReferenceTo.CABINET, subject=SECRET)
    return scene


def test_a_reference_is_decided_once_with_its_date(referred):
    reference = Reference.internal.get(subject=OPEN)
    assert reference.status == ReferenceStatus.REFERRED and reference.recipient == "the General Assembly of the Council"
    with pytest.raises(ValidationError, match="comes after the committee's meeting"):
        reference_outcome_record(reference=reference, outcome="approve", outcome_on=D(2017, 7, 1))
    decided = reference_outcome_record(reference=reference, outcome="approve_amended", outcome_on=D(2017, 9, 18),
                                       outcome_note=" GAC Min. No. 52 ")
    assert (decided.status, decided.outcome_on, decided.outcome_note) == (ReferenceStatus.AMENDED, D(2017, 9, 18),
                                                                          "GAC Min. No. 52")
    with pytest.raises(ValidationError, match="already recorded as approved with amendments"):
        reference_outcome_record(reference=decided, outcome="reject", outcome_on=D(2017, 9, 19))
    assert [h.status for h in decided.history.order_by("history_date")] == [ReferenceStatus.REFERRED,
                                                                             ReferenceStatus.AMENDED]


def test_only_a_held_meetings_minute_refers_and_not_to_a_meeting_before_its_own(referred):
    minute = Minute.internal.get(meeting=referred["meeting"], number=11)
    with pytest.raises(ValidationError, match="on or after"):
        reference_make(minute=minute, to=ReferenceTo.CABINET, subject="x", submitted_on=D(2017, 7, 1))
    scheduled = MinuteFactory(meeting=MeetingFactory(date=D(2030, 1, 1), status=MeetingStatus.SCHEDULED))
    with pytest.raises(ValidationError, match="has not been held"):
        reference_make(minute=scheduled, to=ReferenceTo.CABINET, subject="x")


def _surfaces(scene):
    return [reverse("committee_references", args=[scene["committee"].slug]),
            reverse("meeting_minutes", args=[scene["meeting"].pk]),
            reverse("minute", args=[scene["sensitive_minute"].pk]),
            reverse("minute", args=[Minute.internal.get(meeting=scene["meeting"], number=11).pk])]


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_a_reference_of_an_exempt_minute_reaches_no_one_not_entitled(client, referred, who):
    client = _client(client, referred, who)
    seen = ""
    for url in _surfaces(referred):
        response = client.get(url)
        assert SECRET.encode() not in response.content, f"{who} read the exempt reference at {url}"
        seen += response.content.decode()
    assert OPEN in seen  # the open one is public


@pytest.mark.parametrize("who", ENTITLED)
def test_those_entitled_read_it_with_its_minute(client, referred, who):
    client = _client(client, referred, who)
    page = client.get(reverse("minute", args=[referred["sensitive_minute"].pk])).content.decode()
    assert SECRET in page


def test_draft_minutes_references_are_the_officers_until_the_minutes_are_published(client, referred, officer):
    from scrutiny.minutes.models import MinutesRecord

    MinutesRecord.objects.filter(meeting=referred["meeting"]).update(status="draft")
    listing = reverse("committee_references", args=[referred["committee"].slug])
    assert OPEN not in client.get(listing).content.decode()
    client.force_login(officer)
    page = client.get(listing).content.decode()
    assert OPEN in page and SECRET in page and reverse("reference_outcome", args=[
        Reference.internal.get(subject=OPEN).pk]) in page


def test_the_officer_records_a_reference_and_its_outcome_on_screen(client, referred, officer):
    minute = Minute.internal.get(meeting=referred["meeting"], number=11)
    client.force_login(officer)
    missing = client.post(reverse("reference_add", args=[minute.pk]), {"to": "council"})
    assert missing.status_code == 400 and "Say what the committee refers or recommends" in missing.content.decode()
    made = client.post(reverse("reference_add", args=[minute.pk]), {"to": "cabinet", "subject": "The CCTV review"})
    assert made.status_code == 302
    reference = Reference.internal.get(subject="The CCTV review")
    done = client.post(reverse("reference_outcome", args=[reference.pk]), {
        "outcome": "note", "outcome_on_day": "5", "outcome_on_month": "10", "outcome_on_year": "2017"})
    assert done.status_code == 302
    reference.refresh_from_db()
    assert (reference.status, reference.outcome_on) == (ReferenceStatus.NOTED, D(2017, 10, 5))


def test_the_demo_records_the_annual_report_2015_16_going_to_the_general_assembly(client, demo):
    page = client.get(reverse("committee_references", args=["dartford-crime-and-disorder"])).content.decode()
    assert "Annual Report 2015-16, submitted to the next meeting of the General Assembly" in page
    assert "the outcome is not yet recorded" in page


def test_a_reference_recorded_in_error_is_removed_until_its_outcome_is_recorded(client, referred, officer):
    reference = Reference.internal.get(subject=OPEN)
    client.force_login(officer)
    assert client.post(reverse("reference_remove", args=[reference.pk])).status_code == 302
    assert not Reference.internal.filter(pk=reference.pk).exists()
    assert reference.history.order_by("-history_date").first().history_type == "-"
    other = Reference.internal.get(subject=SECRET)
    reference_outcome_record(reference=other, outcome="note", outcome_on=D(2017, 9, 1))
    refused = client.post(reverse("reference_remove", args=[other.pk]), follow=True)
    assert "it stays in the record" in refused.content.decode()
    assert Reference.internal.filter(pk=other.pk).exists()

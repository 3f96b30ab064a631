"""The officers' work-programme screens, through the forms."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting, MeetingStatus
from scrutiny.programme.models import DrawDownRequest, DrawDownStatus, WorkPlanVersion, WorkProgrammeItem
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db
SLUG = "dartford-crime-and-disorder"
TODAY = timezone.localdate()


@pytest.fixture
def future(demo):
    committee = Committee.objects.get(slug=SLUG)
    return MeetingFactory(
        committee=committee, date=TODAY + dt.timedelta(days=60), status=MeetingStatus.SCHEDULED
    )


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_officers_see_the_checks_the_public_does_not(client, demo, officer):
    url = reverse("work_programme", args=[SLUG])
    public = client.get(url).content.decode()
    assert "need attention" not in public and "Add an item" not in public
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "The 2019-20 municipal year has no item for the CSP&#x27;s Strategic Assessment." in page
    assert "No meeting is scheduled after July 2019" in page


@pytest.mark.parametrize(
    "name, args", [("work_programme_add", [SLUG]), ("draw_downs", [SLUG]), ("work_programme_approve", [SLUG])]
)
def test_only_officers_may_change_the_plan(client, demo, name, args):
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302  # anonymous: sign in first
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "X"}).status_code == 403
    assert not WorkProgrammeItem.objects.filter(title="X").exists()


def test_an_officer_adds_and_moves_an_item_with_a_reason(client, future, officer):
    client.force_login(officer)
    data = {
        "title": "Presentation on county lines",
        "kind": "discretionary",
        "target_meeting": future.pk,
        "decided_by": "committee",
        **_date("decided_on", TODAY),
        "reason": "Minute 5",
    }
    response = client.post(reverse("work_programme_add", args=[SLUG]), data)
    item = WorkProgrammeItem.objects.get(title="Presentation on county lines")
    assert response.status_code == 302 and response.url == reverse("work_programme_item", args=[item.pk])
    move = client.post(
        reverse("work_programme_move", args=[item.pk]),
        {
            "to_meeting": "",
            "decided_by": "chairman",
            **_date("decided_on", TODAY),
            "reason": "Speaker unavailable",
        },
    )
    assert move.status_code == 302
    item.refresh_from_db()
    assert item.target_meeting is None
    page = client.get(reverse("work_programme_item", args=[item.pk])).content.decode()
    assert "Speaker unavailable" in page and "date to be agreed" in page
    assert item.changes.last().recorded_by == officer


def test_a_refused_move_shows_the_reason_and_changes_nothing(client, demo, officer):
    client.force_login(officer)
    item = WorkProgrammeItem.objects.get(key="sa-2018")
    held = Meeting.objects.get(date=dt.date(2017, 7, 26))
    response = client.post(
        reverse("work_programme_move", args=[item.pk]),
        {"to_meeting": held.pk, "decided_by": "officer", **_date("decided_on", TODAY), "reason": "Test"},
    )
    assert response.status_code == 400
    assert "an item cannot go to a meeting that has been held" in response.content.decode()
    item.refresh_from_db()
    assert item.target_meeting.date == dt.date(2019, 2, 13)


def test_a_bad_date_is_explained(client, future, officer):
    client.force_login(officer)
    response = client.post(
        reverse("work_programme_add", args=[SLUG]),
        {
            "title": "T",
            "kind": "standard",
            "decided_by": "officer",
            "decided_on_day": "31",
            "decided_on_month": "2",
            "decided_on_year": "2018",
        },
    )
    assert response.status_code == 400
    assert "The date must be a real date" in response.content.decode()
    assert not WorkProgrammeItem.objects.filter(title="T").exists()


def test_a_draw_down_through_the_screens(client, future, officer):
    client.force_login(officer)
    response = client.post(
        reverse("draw_down_new", args=[SLUG]),
        {
            "topic": "Knife crime in the town centre",
            "requested_by_note": "Councillor Mote",
            **_date("requested_on", TODAY),
        },
    )
    req = DrawDownRequest.objects.get(topic="Knife crime in the town centre")
    assert response.status_code == 302
    client.post(reverse("draw_down_decide", args=[req.pk]), {"decision": "yes", **_date("decided_on", TODAY)})
    client.post(
        reverse("draw_down_decide", args=[req.pk]),
        {"decision": "yes", **_date("decided_on", TODAY), "target_meeting": future.pk},
    )
    req.refresh_from_db()
    assert req.status == "approved" and req.item.target_meeting == future and req.item.kind == "draw_down"
    page = client.get(reverse("draw_down", args=[req.pk])).content.decode()
    assert page.count("recorded ") == 3


def test_approving_twice_at_one_meeting_is_refused_on_screen(client, demo, officer):
    client.force_login(officer)
    held = Meeting.objects.get(date=dt.date(2016, 7, 27))  # the initial plan was approved there
    response = client.post(
        reverse("work_programme_approve", args=[SLUG]),
        {"meeting": held.pk, "resolution_text": "That the plan be approved."},
    )
    assert response.status_code == 400
    assert (
        "A work plan was already approved at the meeting of Wednesday 27 July 2016"
        in response.content.decode()
    )
    assert WorkPlanVersion.objects.count() == 2


def test_versions_show_what_changed_since(client, demo):
    version = WorkPlanVersion.objects.get(title="Initial Rolling Work Plan 2016-17 and Beyond")
    page = client.get(reverse("work_programme_version", args=[version.pk])).content.decode()
    assert "Presentation by Kent, Surrey and Sussex CRC" in page
    assert "What has changed since" in page and "Recording of Kent Crime Data and Statistics" in page
    as_approved = client.get(reverse("work_programme_version_on", args=[SLUG]) + "?on=2017-01-01")
    assert as_approved.url == reverse("work_programme_version", args=[version.pk])


def test_not_agreed_is_recorded_as_the_chairmans_or_the_directors_refusal(client, future, officer):
    client.force_login(officer)
    asked = {"requested_by_note": "Councillor Mote", **_date("requested_on", TODAY)}
    for topic, decisions, status in (
        ("Street drinking", [{"decision": "no"}], DrawDownStatus.CHAIRMAN_DECLINED),
        ("Fly-tipping", [{"decision": "yes"}, {"decision": "no", "note": "Covered by the CSP"}], DrawDownStatus.REFUSED),
    ):
        client.post(reverse("draw_down_new", args=[SLUG]), {"topic": topic, **asked})
        req = DrawDownRequest.objects.get(topic=topic)
        for decision in decisions:
            response = client.post(reverse("draw_down_decide", args=[req.pk]), {**decision, **_date("decided_on", TODAY)})
            assert response.status_code == 302
        req.refresh_from_db()
        assert req.status == status and req.item is None

"""The admin is no way round the life of the minutes: confirmed minutes are read-only there,
and an edit before confirmation is refused if someone else saved the minute meanwhile."""

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.minutes.models import Action, Minute, Resolution
from tests.factories import MeetingFactory, MinuteFactory, MinutesRecordFactory, ResolutionFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _minutes(status):
    july = MeetingFactory(date=D(2017, 7, 26))
    february = MeetingFactory(committee=july.committee, date=D(2018, 2, 21))
    locked = status in ("confirmed", "signed")
    MinutesRecordFactory(
        meeting=july,
        status=status,
        confirmed_at=february if locked else None,
        signed_on=D(2018, 2, 21) if status == "signed" else None,
    )
    minute = MinuteFactory(meeting=july, number=4, position=4, title="CSP UPDATE", narrative="As agreed.")
    resolution = ResolutionFactory(minute=minute, text="That the report be noted.")
    return minute, resolution


def _snapshot(minute, resolution):
    minute = Minute.internal.get(pk=minute.pk)
    return (
        minute.title,
        minute.narrative,
        minute.revision,
        minute.history.count(),
        list(Resolution.internal.filter(minute=minute).values_list("number", "text")),
        Resolution.history.filter(id=resolution.pk).count(),
    )


def _post_data(minute, resolution, **changes):
    data = {
        "meeting": minute.meeting_id,
        "agenda_item": "",
        "position": minute.position,
        "number": minute.number,
        "title": minute.title,
        "narrative": minute.narrative,
        "exemption_ground": "",
        "exemption_note": "",
        "public_title": "",
        "revision": minute.revision,
        "resolutions-TOTAL_FORMS": 1,
        "resolutions-INITIAL_FORMS": 1,
        "resolutions-MIN_NUM_FORMS": 0,
        "resolutions-MAX_NUM_FORMS": 1000,
        "resolutions-0-id": resolution.pk,
        "resolutions-0-minute": minute.pk,
        "resolutions-0-number": 1,
        "resolutions-0-text": resolution.text,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("status", ["confirmed", "signed"])
def test_confirmed_minutes_cannot_be_changed_in_the_admin(client, superuser, status):
    minute, resolution = _minutes(status)
    client.force_login(superuser)
    before = _snapshot(minute, resolution)
    url = reverse("admin:minutes_minute_change", args=[minute.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Save" not in page.content.decode().split("submit-row")[-1][:400]
    response = client.post(
        url,
        _post_data(
            minute, resolution, narrative="Rewritten after confirmation", **{"resolutions-0-text": "That X."}
        ),
    )
    assert response.status_code == 403
    assert _snapshot(minute, resolution) == before


def test_confirmed_minutes_cannot_be_deleted_or_reverted_in_the_admin(client, superuser):
    minute, resolution = _minutes("confirmed")
    client.force_login(superuser)
    before = _snapshot(minute, resolution)
    delete = client.post(reverse("admin:minutes_minute_delete", args=[minute.pk]), {"post": "yes"})
    assert delete.status_code == 403
    bulk = client.post(
        reverse("admin:minutes_minute_changelist"),
        {"action": "delete_selected", "_selected_action": [minute.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    version = minute.history.earliest().history_id
    revert = client.post(
        reverse("admin:minutes_minute_simple_history", args=[minute.pk, version]),
        _post_data(minute, resolution, narrative="Reverted"),
    )
    assert revert.status_code == 403
    assert Minute.internal.filter(pk=minute.pk).exists()
    assert _snapshot(minute, resolution) == before


def test_an_admin_edit_on_a_stale_revision_is_refused_and_a_fresh_one_raises_the_revision(client, superuser):
    minute, resolution = _minutes("published")
    client.force_login(superuser)
    url = reverse("admin:minutes_minute_change", args=[minute.pk])
    opened = _post_data(minute, resolution)  # the admin page opened at revision 1
    Minute.internal.filter(pk=minute.pk).update(narrative="Another officer's text", revision=2)
    before = _snapshot(minute, resolution)
    stale = client.post(url, {**opened, "narrative": "Admin text"})
    assert stale.status_code == 200
    assert "was changed by someone else" in stale.content.decode()
    assert "Another officer&#x27;s text" in stale.content.decode()  # shown so that it can be merged
    assert _snapshot(minute, resolution) == before
    fresh = client.post(url, {**opened, "revision": 2, "narrative": "Merged text"})
    assert fresh.status_code == 302
    minute.refresh_from_db()
    assert minute.narrative == "Merged text" and minute.revision == 3


def test_an_admin_edit_cannot_take_a_number_already_used_in_the_year(client, superuser):
    minute, resolution = _minutes("published")
    MinuteFactory(meeting=minute.meeting, number=5, position=5)
    client.force_login(superuser)
    before = _snapshot(minute, resolution)
    response = client.post(
        reverse("admin:minutes_minute_change", args=[minute.pk]), _post_data(minute, resolution, number=5)
    )
    assert response.status_code == 200 and "Minute 5 already exists in this municipal year" in response.content.decode()
    assert _snapshot(minute, resolution) == before


def test_an_actions_status_is_not_changed_in_the_admin(client, superuser):
    minute, _ = _minutes("published")
    action = Action.objects.create(minute=minute, description="Reply to Members", owner_note="Officers", due_on=D(2018, 2, 21))
    client.force_login(superuser)
    response = client.post(
        reverse("admin:minutes_action_change", args=[action.pk]),
        {
            "minute": minute.pk,
            "description": "Reply to Members",
            "owner_note": "Officers",
            "due_on": "2018-02-21",
            "status": "done",
            "closed_on": "2018-01-01",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "open" and action.closed_on is None


def test_attendance_of_confirmed_minutes_is_read_only_in_the_meeting_admin(client, superuser):
    from scrutiny.minutes.models import Attendance

    minute, _ = _minutes("confirmed")
    row = Attendance.objects.create(meeting=minute.meeting, kind="present", name="Councillor A")
    client.force_login(superuser)
    page = client.get(reverse("admin:meetings_meeting_change", args=[minute.meeting_id])).content.decode()
    assert 'name="attendance-0-kind"' not in page and "Councillor A" in page
    row.refresh_from_db()
    assert row.kind == "present"

"""A meeting's life follows MEETING_WORKFLOW: held once its minutes are drafted, cancelled by
an officer, never both, never back."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutiny.meetings import services
from scrutiny.meetings.models import (
    MEETING_WORKFLOW,
    OPEN_MEETING_STATUSES,
    Meeting,
    MeetingStatus,
    MeetingStep,
)
from scrutiny.minutes import services as minutes
from scrutiny.minutes.models import MinutesRecord
from tests.factories import CommitteeFactory, MeetingFactory
from tests.workflows import check_step, pairs

pytestmark = pytest.mark.django_db
D = dt.date


def _take(meeting, step):
    if step == MeetingStep.HOLD:
        return lambda: services.meeting_mark_held(meeting=meeting)
    if step == MeetingStep.CANCEL:
        return lambda: services.meeting_cancel(meeting=meeting)
    # Publishing (scrutiny.publishing.services) renders the packs; the step itself is the table's.
    return lambda: MEETING_WORKFLOW.step(meeting, step, by=None, refused=lambda m: f"{m} refused")


@pytest.mark.parametrize(("status", "step"), pairs(MEETING_WORKFLOW, MeetingStep))
def test_every_step_the_table_allows_is_taken_and_every_other_refused(status, step):
    meeting = MeetingFactory(date=D(2018, 2, 21), status=status)
    check_step(MEETING_WORKFLOW, meeting, step, _take(meeting, step), "meetings")


def test_a_meeting_still_to_come_is_scheduled_or_has_its_agenda_published():
    assert set(OPEN_MEETING_STATUSES) == {MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED}


def test_a_refusal_names_the_meeting_and_says_why():
    meeting = MeetingFactory(date=D(2018, 2, 21), status=MeetingStatus.HELD)
    with pytest.raises(ValidationError, match="The meeting of Wednesday 21 February 2018 is held: it cannot be cancelled"):
        services.meeting_cancel(meeting=meeting)


def test_the_minutes_of_a_cancelled_meeting_are_not_drafted():
    meeting = MeetingFactory(date=D(2018, 2, 21), status=MeetingStatus.CANCELLED)
    with pytest.raises(ValidationError, match="is cancelled: it cannot be recorded as held"):
        minutes.minutes_draft(meeting=meeting, today=D(2018, 2, 22))
    assert not MinutesRecord.objects.filter(meeting=meeting).exists()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_drafting_the_minutes_records_the_meeting_as_held_with_who(officer):
    meeting = MeetingFactory(date=D(2018, 2, 21), status=MeetingStatus.AGENDA_PUBLISHED)
    minutes.minutes_draft(meeting=meeting, by=officer, today=D(2018, 2, 22))
    assert meeting.status == MeetingStatus.HELD  # the caller's copy too
    latest = Meeting.objects.get(pk=meeting.pk).history.latest()
    assert (latest.status, latest.history_user) == (MeetingStatus.HELD, officer)


def test_the_admin_shows_the_status_and_cancels_through_the_service(client, superuser):
    client.force_login(superuser)
    committee = CommitteeFactory()
    coming = MeetingFactory(committee=committee, date=D(2018, 2, 21), status=MeetingStatus.SCHEDULED)
    held = MeetingFactory(committee=committee, date=D(2017, 7, 26), status=MeetingStatus.HELD)
    change = client.get(reverse("admin:meetings_meeting_change", args=[coming.pk]))
    assert "status" not in change.context["adminform"].form.fields  # shown, not edited
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "cancel_meetings", "_selected_action": [coming.pk, held.pk]},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert "The meeting of Wednesday 21 February 2018 is cancelled." in shown
    assert "The meeting of Wednesday 26 July 2017 is held: it cannot be cancelled." in shown
    coming.refresh_from_db()
    held.refresh_from_db()
    assert (coming.status, held.status) == (MeetingStatus.CANCELLED, MeetingStatus.HELD)
    assert coming.history.latest().history_user == superuser

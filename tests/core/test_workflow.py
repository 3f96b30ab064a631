"""The shared helpers every service writes through: saving with history, and a workflow step
(lock, check against the table, change, save, append the event)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scrutiny.core.history import save_with_history
from scrutiny.core.workflow import locked
from scrutiny.meetings.models import DatePrecision, Meeting, MeetingStatus
from scrutiny.meetings.selectors import later_meetings, next_meeting, previous_meeting
from scrutiny.minutes.services import action_record
from scrutiny.programme.models import (
    DRAW_DOWN_WORKFLOW,
    DrawDownRequest,
    DrawDownStatus,
    DrawDownStep,
    DrawDownStepKind,
)
from tests.factories import CommitteeFactory, MeetingFactory, MinuteFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def request_made():
    return DrawDownRequest.objects.create(
        committee=CommitteeFactory(), topic="Unauthorised encampments", requested_by_note="Lead Member"
    )


def _step_record(request, by):
    return DrawDownStep(request=request, sequence=1, kind=DrawDownStepKind.CHAIRMAN_AGREED, recorded_by=by)


def test_saving_with_history_validates_and_records_who(officer):
    meeting = Meeting(committee=CommitteeFactory(), date=D(2018, 2, 21))
    save_with_history(meeting, by=officer)
    assert meeting.history.get().history_user == officer
    meeting.date = D(2018, 2, 20)
    meeting.date_precision = DatePrecision.MONTH  # a month-only date must be the first of the month
    with pytest.raises(ValidationError, match="first of the month"):
        save_with_history(meeting, by=officer)
    assert Meeting.objects.get(pk=meeting.pk).date == D(2018, 2, 21)
    assert meeting.history.count() == 1


def test_a_change_saved_by_nobody_is_nobodys():
    meeting = MeetingFactory()
    meeting.venue = "Civic Centre"
    save_with_history(meeting, by=None)
    assert meeting.history.latest().history_user is None


def test_a_step_in_the_table_changes_saves_with_who_and_appends_its_event(request_made, officer):
    stepped = DRAW_DOWN_WORKFLOW.step(
        request_made,
        DrawDownStepKind.CHAIRMAN_AGREED,
        by=officer,
        refused=lambda r: "refused",
        apply=lambda r: setattr(r, "description", "Agreed at the briefing."),
        event=lambda r: _step_record(r, officer),
    )
    stored = DrawDownRequest.objects.get(pk=request_made.pk)
    assert (stored.status, stored.description) == (DrawDownStatus.CHAIRMAN_AGREED, "Agreed at the briefing.")
    assert stored.history.latest().history_user == officer
    assert stepped.record == stored and stepped.event.pk is not None
    assert list(stored.steps.values_list("kind", "recorded_by")) == [(DrawDownStepKind.CHAIRMAN_AGREED, officer.pk)]


def test_a_step_not_in_the_table_is_refused_in_its_words_before_anything_is_done(request_made):
    DrawDownRequest.objects.filter(pk=request_made.pk).update(status=DrawDownStatus.WITHDRAWN)
    applied = []
    with pytest.raises(ValidationError) as refused:
        DRAW_DOWN_WORKFLOW.step(
            request_made,  # the caller's copy still says "requested": the row is read again
            DrawDownStepKind.CHAIRMAN_AGREED,
            by=None,
            refused=lambda r: f"“{r.topic}” is {r.get_status_display().lower()}.",
            apply=applied.append,
            event=lambda r: _step_record(r, None),
        )
    assert refused.value.messages == ["“Unauthorised encampments” is withdrawn."]
    assert applied == [] and not DrawDownStep.objects.exists()
    assert DrawDownRequest.objects.get(pk=request_made.pk).history.count() == 1


@pytest.mark.skipif(not connection.features.has_select_for_update, reason="the database has no row locks")
def test_the_step_locks_the_row(request_made):
    with CaptureQueriesContext(connection) as queries:
        locked(request_made)
    assert "FOR UPDATE" in queries[0]["sql"]


def test_the_tables_answer_where_a_step_may_start_and_where_a_status_may_lead():
    assert DRAW_DOWN_WORKFLOW.statuses_allowing(DrawDownStepKind.WITHDRAWN) == (
        DrawDownStatus.REQUESTED,
        DrawDownStatus.CHAIRMAN_AGREED,
    )
    assert DRAW_DOWN_WORKFLOW.reachable_from(DrawDownStatus.CHAIRMAN_AGREED) == (
        DrawDownStatus.CHAIRMAN_AGREED,
        DrawDownStatus.APPROVED,
        DrawDownStatus.REFUSED,
        DrawDownStatus.WITHDRAWN,
    )
    assert DRAW_DOWN_WORKFLOW.reachable_from(DrawDownStatus.APPROVED) == (DrawDownStatus.APPROVED,)


# -- the next meeting ---------------------------------------------------------------------------


def test_the_next_meeting_is_the_committees_next_not_cancelled_one():
    committee = CommitteeFactory()
    july = MeetingFactory(committee=committee, date=D(2017, 7, 26), status=MeetingStatus.HELD)
    MeetingFactory(committee=committee, date=D(2017, 11, 1), status=MeetingStatus.CANCELLED)
    MeetingFactory(date=D(2017, 12, 1), status=MeetingStatus.SCHEDULED)  # another committee's
    february = MeetingFactory(committee=committee, date=D(2018, 2, 21), status=MeetingStatus.SCHEDULED)
    assert next_meeting(meeting=july) == february
    assert next_meeting(meeting=february) is None
    assert list(later_meetings(meeting=july)) == [february]
    assert list(later_meetings(meeting=july, held_only=True)) == []
    assert previous_meeting(meeting=february) == july
    assert previous_meeting(meeting=july) is None


def test_an_action_is_due_by_default_before_the_next_meeting_not_a_cancelled_one():
    committee = CommitteeFactory()
    july = MeetingFactory(committee=committee, date=D(2017, 7, 26), status=MeetingStatus.HELD)
    MeetingFactory(committee=committee, date=D(2017, 11, 1), status=MeetingStatus.CANCELLED)
    MeetingFactory(committee=committee, date=D(2018, 2, 21), status=MeetingStatus.SCHEDULED)
    action = action_record(minute=MinuteFactory(meeting=july), description="Respond", owner_note="Officers")
    assert action.due_on == D(2018, 2, 21)

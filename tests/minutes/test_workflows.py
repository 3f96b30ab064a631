"""The minutes, actions and recommendations follow their tables (MINUTES_WORKFLOW,
ACTION_WORKFLOW, RECOMMENDATION_WORKFLOW) through the services: every step the table allows
from a status is taken, every other refused with nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from scrutiny.governance.models import Organisation, OrganisationKind
from scrutiny.meetings.models import MeetingStatus
from scrutiny.minutes import services
from scrutiny.minutes.models import (
    ACTION_WORKFLOW,
    LOCKED_MINUTES_STATUSES,
    MINUTES_WORKFLOW,
    PUBLIC_MINUTES_STATUSES,
    RECOMMENDATION_WORKFLOW,
    UNMADE_RECOMMENDATION_STATUSES,
    Action,
    ActionStatus,
    ActionStep,
    MinutesEvent,
    MinutesEventKind,
    MinutesRecord,
    MinutesStatus,
    Recommendation,
    RecommendationStatus,
    RecommendationStep,
)
from tests.factories import CommitteeFactory, MeetingFactory, MinuteFactory, PersonFactory
from tests.workflows import check_step, pairs

pytestmark = pytest.mark.django_db
D = dt.date
APPS = ("minutes", "meetings")


@pytest.fixture
def july():
    """A held meeting with a minute, and the later held meeting of the same committee."""
    committee = CommitteeFactory()
    meeting = MeetingFactory(committee=committee, date=D(2017, 7, 26), status=MeetingStatus.HELD)
    february = MeetingFactory(committee=committee, date=D(2018, 2, 21), status=MeetingStatus.HELD)
    minute = MinuteFactory(meeting=meeting, number=5, position=5, narrative="Members noted the report.")
    return meeting, february, minute


# -- the minutes --------------------------------------------------------------------------------


def _minutes_in(status, meeting, february):
    locked = status in (MinutesStatus.CONFIRMED, MinutesStatus.SIGNED)
    return MinutesRecord.objects.create(
        meeting=meeting,
        status=status,
        published_on=D(2017, 8, 2) if status != MinutesStatus.DRAFT else None,
        confirmed_at=february if locked else None,
        signed_on=D(2018, 2, 21) if status == MinutesStatus.SIGNED else None,
    )


def _take_minutes_step(kind, meeting, february, minute):
    steps = {
        MinutesEventKind.DRAFTED: lambda: services.minutes_draft(meeting=meeting, today=D(2017, 7, 27)),
        MinutesEventKind.PUBLISHED: lambda: services.minutes_publish(meeting=meeting, today=D(2017, 8, 2), as_they_are=True),
        MinutesEventKind.CONFIRMED: lambda: services.minutes_confirm(meeting=meeting, at_meeting=february),
        MinutesEventKind.SIGNED: lambda: services.minutes_sign(
            meeting=meeting, chairman=PersonFactory(), signed_on=D(2018, 2, 21)
        ),
        MinutesEventKind.AMENDED: lambda: services.minute_amend(
            minute=minute,
            field="narrative",
            text="Members noted the report and its appendix.",
            reason="The appendix was omitted.",
            expected_revision=minute.revision,
        ),
    }
    return steps[kind]


@pytest.mark.parametrize(("status", "kind"), pairs(MINUTES_WORKFLOW, MinutesEventKind))
def test_every_step_of_the_minutes_follows_the_table(july, status, kind):
    meeting, february, minute = july
    record = _minutes_in(status, meeting, february)
    events = MinutesEvent.objects.filter(record=record)
    before = events.count()
    check_step(MINUTES_WORKFLOW, record, kind, _take_minutes_step(kind, meeting, february, minute), *APPS)
    if MINUTES_WORKFLOW.allows(status, kind):
        assert list(events.order_by("pk").values_list("kind", flat=True)[before:]) == [kind]


def test_minutes_are_public_once_published_and_locked_once_confirmed():
    assert set(PUBLIC_MINUTES_STATUSES) == {MinutesStatus.PUBLISHED, MinutesStatus.CONFIRMED, MinutesStatus.SIGNED}
    assert set(LOCKED_MINUTES_STATUSES) == {MinutesStatus.CONFIRMED, MinutesStatus.SIGNED}
    assert [MinutesRecord(status=s).is_public for s in MinutesStatus] == [False, True, True, True]


def test_an_amendment_leaves_the_record_as_it_was_and_is_an_event(july, officer):
    meeting, february, minute = july
    record = _minutes_in(MinutesStatus.CONFIRMED, meeting, february)
    history = record.history.count()
    services.minute_amend(
        minute=minute,
        field="narrative",
        text="Members noted the report and its appendix.",
        reason="The appendix was omitted.",
        expected_revision=minute.revision,
        by=officer,
    )
    assert record.history.count() == history  # the record itself did not change
    event = MinutesEvent.objects.get(record=record)
    assert (event.kind, event.by) == (MinutesEventKind.AMENDED, officer)
    assert event.note == "Minute 5, narrative: The appendix was omitted."


def test_signing_draft_minutes_is_refused_saying_why(july):
    meeting, february, _ = july
    _minutes_in(MinutesStatus.DRAFT, meeting, february)
    with pytest.raises(ValidationError, match="Only confirmed minutes are signed; the minutes of .* are draft"):
        services.minutes_sign(meeting=meeting, chairman=PersonFactory(), signed_on=D(2018, 2, 21))


# -- actions -------------------------------------------------------------------------------------


def _action_in(status, minute):
    return Action.objects.create(
        minute=minute,
        description="Report the outcome of the review.",
        owner_note="Officers",
        due_on=D(2018, 2, 21),
        status=status,
        closed_on=D(2017, 9, 1) if status != ActionStatus.OPEN else None,
    )


@pytest.mark.parametrize(("status", "step"), pairs(ACTION_WORKFLOW, ActionStep))
def test_every_step_of_an_action_follows_the_table(july, status, step):
    meeting, february, minute = july
    action = _action_in(status, minute)
    steps = {
        ActionStep.CLOSE_DONE: lambda: services.action_close(action=action, done=True, closed_on=D(2017, 9, 1)),
        ActionStep.CLOSE_DROPPED: lambda: services.action_close(action=action, done=False, closed_on=D(2017, 9, 1)),
        ActionStep.REOPEN: lambda: services.action_reopen(action=action, reason="Not answered after all"),
        ActionStep.REPORT: lambda: services.actions_report(committee=meeting.committee, meeting=february),
    }
    check_step(ACTION_WORKFLOW, action, step, steps[step], *APPS)
    reported = action.reports.filter(meeting=february).exists()
    assert reported == (step == ActionStep.REPORT and ACTION_WORKFLOW.allows(status, step))


def test_closing_an_action_reported_there_already_keeps_the_report_as_made(july):
    meeting, february, minute = july
    action = _action_in(ActionStatus.OPEN, minute)
    services.actions_report(committee=meeting.committee, meeting=february)
    services.action_close(action=action, done=True, closed_on=D(2018, 2, 21), reported_at=february)
    assert list(action.reports.values_list("meeting", "status")) == [(february.pk, ActionStatus.OPEN)]


# -- recommendations ---------------------------------------------------------------------------


def _recommendation_in(status, minute, february):
    reached = list(RecommendationStatus).index(status)
    on = [D(2017, 8, 1), D(2017, 8, 9), D(2017, 9, 1)]
    return Recommendation.objects.create(
        minute=minute,
        authority=Organisation.objects.create(
            name="Kent Police", slug=f"kent-police-{status.value}", kind=OrganisationKind.RESPONSIBLE_AUTHORITY
        ),
        text="That Kent Police publish its crime-recording audit.",
        status=status,
        sent_for_check_on=on[0] if reached >= 1 else None,
        made_on=on[1] if reached >= 2 else None,
        response_on=on[2] if reached >= 3 else None,
        response="The audit will be published." if reached >= 3 else "",
        reported_at=february if reached >= 4 else None,
    )


@pytest.mark.parametrize(("status", "step"), pairs(RECOMMENDATION_WORKFLOW, RecommendationStep))
def test_every_step_of_a_recommendation_follows_the_table(july, status, step):
    _, february, minute = july
    rec = _recommendation_in(status, minute, february)
    steps = {
        RecommendationStep.SEND_FOR_CHECK: lambda: services.recommendation_send_for_check(
            recommendation=rec, sent_on=D(2017, 8, 1)
        ),
        RecommendationStep.MAKE: lambda: services.recommendation_make(recommendation=rec, made_on=D(2017, 8, 9)),
        RecommendationStep.EXTEND: lambda: services.recommendation_extend(
            recommendation=rec, days=14, reason="Awaiting the HMIC report"
        ),
        RecommendationStep.RECORD_RESPONSE: lambda: services.recommendation_record_response(
            recommendation=rec, received_on=D(2017, 9, 1), response="The audit will be published."
        ),
        RecommendationStep.REPORT_BACK: lambda: services.recommendation_report_back(
            recommendation=rec, meeting=february
        ),
    }
    check_step(RECOMMENDATION_WORKFLOW, rec, step, steps[step], *APPS)


def test_a_recommendation_is_unmade_until_it_is_made_formally():
    assert set(UNMADE_RECOMMENDATION_STATUSES) == {RecommendationStatus.DRAFT, RecommendationStatus.FACTUAL_CHECK}


def test_a_refused_recommendation_step_names_the_authority_and_its_status(july):
    _, february, minute = july
    rec = _recommendation_in(RecommendationStatus.RESPONDED, minute, february)
    with pytest.raises(
        ValidationError,
        match="The recommendation to Kent Police is response received: only a recommendation awaiting its response",
    ):
        services.recommendation_extend(recommendation=rec, days=14, reason="Late")

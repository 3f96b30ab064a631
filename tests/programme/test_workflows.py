"""Work-programme items, work-plan versions and draw-down requests follow their tables
(ITEM_WORKFLOW, VERSION_WORKFLOW, DRAW_DOWN_WORKFLOW) through the services: every step the
table allows from a status is taken and recorded, every other refused with nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from scrutiny.core.models import BusinessKind
from scrutiny.meetings.models import MeetingStatus
from scrutiny.programme import services
from scrutiny.programme.models import (
    DRAW_DOWN_WORKFLOW,
    ITEM_WORKFLOW,
    VERSION_WORKFLOW,
    ChangeKind,
    DecidedBy,
    DrawDownRequest,
    DrawDownStep,
    DrawDownStepKind,
    ItemStatus,
    VersionStatus,
    VersionStep,
    WorkPlanVersion,
    WorkProgrammeChange,
    WorkProgrammeItem,
)
from tests.factories import CommitteeFactory, MeetingFactory, MinuteFactory
from tests.workflows import check_step, pairs

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2017, 7, 1)
APPS = ("programme",)


@pytest.fixture
def plan():
    committee = CommitteeFactory()
    held = MeetingFactory(committee=committee, date=D(2017, 2, 15), status=MeetingStatus.HELD)
    july = MeetingFactory(committee=committee, date=D(2017, 7, 26), status=MeetingStatus.SCHEDULED)
    february = MeetingFactory(committee=committee, date=D(2018, 2, 21), status=MeetingStatus.SCHEDULED)
    return committee, held, july, february


# -- items -----------------------------------------------------------------------------------

ITEM_STEPS = (ChangeKind.ACCEPTED, ChangeKind.MOVED, ChangeKind.CANCELLED, ChangeKind.CONSIDERED,
              ChangeKind.CARRIED_FORWARD, ChangeKind.DEFERRED)


def test_an_item_has_no_step_but_these_and_its_creation():
    others = set(ChangeKind) - set(ITEM_STEPS)
    assert all(ITEM_WORKFLOW.statuses_allowing(kind) == () for kind in others)
    # What a minute records is of a planned item only: a proposal is accepted first.
    for kind in (ChangeKind.CONSIDERED, ChangeKind.CARRIED_FORWARD, ChangeKind.DEFERRED):
        assert ITEM_WORKFLOW.statuses_allowing(kind) == (ItemStatus.PLANNED,)


def _postpone(item, meeting):
    return services.item_move(
        item=item,
        to_meeting=meeting,
        decided_by=DecidedBy.CHAIRMAN,
        decided_on=TODAY,
        reason="The PCP meets after July.",
        today=TODAY,
    )


@pytest.mark.parametrize(("status", "kind"), pairs(ITEM_WORKFLOW, ITEM_STEPS))
def test_every_step_of_an_item_follows_the_table(plan, status, kind):
    committee, held, july, february = plan
    item = WorkProgrammeItem.objects.create(
        committee=committee, key="pcp-update", title="PCP Update", target_meeting=july, status=status
    )
    minute = MinuteFactory(meeting=held, number=5)
    steps = {
        ChangeKind.CONSIDERED: lambda: services.item_consider(item=item, minute=minute),
        ChangeKind.CARRIED_FORWARD: lambda: services.item_carry_forward(item=item, minute=minute, to_meeting=february),
        ChangeKind.DEFERRED: lambda: services.item_defer(item=item, minute=minute, reason="Awaiting the strategy."),
        ChangeKind.ACCEPTED: lambda: services.item_accept(item=item, today=TODAY),
        ChangeKind.MOVED: lambda: _postpone(item, february),
        ChangeKind.CANCELLED: lambda: services.item_cancel(
            item=item, decided_by=DecidedBy.COMMITTEE, decided_on=TODAY, reason="No longer needed."
        ),
    }
    check_step(ITEM_WORKFLOW, item, kind, steps[kind], *APPS)
    recorded = list(WorkProgrammeChange.objects.filter(item=item).values_list("kind", flat=True))
    assert recorded == ([kind] if ITEM_WORKFLOW.allows(status, kind) else [])


def test_a_moved_item_records_where_it_moved_from(plan):
    committee, _, july, february = plan
    item = services.item_add(
        committee=committee,
        title="PCP Update",
        kind=BusinessKind.STANDARD,
        target_meeting=july,
        decided_by=DecidedBy.COMMITTEE,
        decided_on=TODAY,
        today=TODAY,
    )
    change = _postpone(item, february)
    assert (change.sequence, change.from_meeting, change.to_meeting) == (2, july, february)
    assert change.wording == "PCP Update postponed until February 2018."


# -- versions --------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "step"), pairs(VERSION_WORKFLOW, VersionStep))
def test_only_a_proposed_version_is_approved(plan, status, step):
    committee, held, _, _ = plan
    approved = status == VersionStatus.APPROVED
    version = WorkPlanVersion.objects.create(
        committee=committee,
        title="Work Plan 2017-18",
        status=status,
        prepared_on=D(2016, 7, 1),
        approved_at=MeetingFactory(committee=committee, date=D(2016, 7, 27)) if approved else None,
        approved_on=D(2016, 7, 27) if approved else None,
        snapshot=[],
    )

    def approve():
        return services.version_approve(
            committee=committee, meeting=held, resolution_text="That the plan be approved.", proposed=version, today=TODAY
        )

    if VERSION_WORKFLOW.allows(status, step):
        approval = approve()
        assert (approval.status, approval.based_on) == (VERSION_WORKFLOW.after(status, step), version)
        version.refresh_from_db()
        assert version.status == status  # frozen: the approval is a new version
    else:
        with pytest.raises(ValidationError, match="only a proposed work plan can be approved"):
            approve()
        assert WorkPlanVersion.objects.count() == 1


# -- draw-down requests ----------------------------------------------------------------------

DRAW_DOWN_STEPS = [k for k in DrawDownStepKind if k != DrawDownStepKind.REQUESTED]


def test_a_request_is_requested_only_when_it_is_made():
    assert DRAW_DOWN_WORKFLOW.statuses_allowing(DrawDownStepKind.REQUESTED) == ()


@pytest.mark.parametrize(("status", "kind"), pairs(DRAW_DOWN_WORKFLOW, DRAW_DOWN_STEPS))
def test_every_step_of_a_draw_down_follows_the_table(plan, status, kind):
    committee, _, july, _ = plan
    request = DrawDownRequest.objects.create(
        committee=committee, topic="Unauthorised encampments", requested_by_note="Lead Member", status=status
    )
    decide = {"request": request, "decided_on": TODAY}
    steps = {
        DrawDownStepKind.CHAIRMAN_AGREED: lambda: services.draw_down_chairman_decide(agreed=True, **decide),
        DrawDownStepKind.CHAIRMAN_DECLINED: lambda: services.draw_down_chairman_decide(agreed=False, **decide),
        DrawDownStepKind.DIRECTOR_APPROVED: lambda: services.draw_down_director_decide(
            approved=True, target_meeting=july, today=TODAY, **decide
        ),
        DrawDownStepKind.DIRECTOR_REFUSED: lambda: services.draw_down_director_decide(
            approved=False, today=TODAY, **decide
        ),
        DrawDownStepKind.WITHDRAWN: lambda: services.draw_down_withdraw(**decide),
    }
    check_step(DRAW_DOWN_WORKFLOW, request, kind, steps[kind], *APPS)
    allowed = DRAW_DOWN_WORKFLOW.allows(status, kind)
    assert list(DrawDownStep.objects.filter(request=request).values_list("kind", flat=True)) == (
        [kind] if allowed else []
    )
    request.refresh_from_db()
    assert (request.item is not None) == (allowed and kind == DrawDownStepKind.DIRECTOR_APPROVED)

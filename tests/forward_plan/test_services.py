"""Keeping the forward plan: a notice lists the decisions due, frozen as published; each
decision it lists is notified from its day; outcomes and exceptions are recorded, and the
rules flag a decision made without its notice."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from scrutiny.forward_plan import services
from scrutiny.forward_plan.models import ForwardPlanNotice, KeyDecision, KeyDecisionStatus
from scrutiny.forward_plan.selectors import decision_problem
from scrutiny.rules.key_decisions import Exception_
from tests.factories import CouncilFactory
from tests.forward_plan.factories import KeyDecisionFactory

pytestmark = pytest.mark.django_db
D = dt.date
NOTICE_DAY = D(2018, 1, 15)


@pytest.fixture
def council():
    return CouncilFactory(name="Dartford Borough Council")


def test_a_notice_lists_the_decisions_due_and_notifies_them_from_its_day(council):
    budget = services.key_decision_create(council=council, title="Revenue and Capital Budgets 2018/19",
                                          decision_maker="General Assembly of the Council", decision_on=D(2018, 2, 26))
    closed = services.key_decision_create(council=council, title="Write-off of National Non-Domestic Rates",
                                          decision_maker="Cabinet", decision_on=D(2018, 3, 8), private=True,
                                          exemption_ground="para3")
    later = KeyDecisionFactory(council=council, title="After the notice's months", decision_on=D(2018, 6, 1))
    past = KeyDecisionFactory(council=council, title="Before the notice", decision_on=D(2018, 1, 10))
    elsewhere = KeyDecisionFactory(title="Another council's", decision_on=D(2018, 2, 1))

    notice = services.forward_plan_publish(council=council, published_on=NOTICE_DAY, statement=" By Cabinet. ")
    assert notice.covers_to == D(2018, 5, 31) and notice.statement == "By Cabinet."
    assert [e["title"] for e in notice.entries] == [budget.title, closed.title]
    assert notice.entries[0]["when"] == "26 February 2018" and notice.entries[0]["open_or_closed"] == "OPEN"
    assert notice.entries[1]["open_or_closed"].startswith("CLOSED: Not for publication: exempt information as "
                                                          "defined in paragraph 3 of Part 1 of Schedule 12A")
    for decision in (budget, closed):
        decision.refresh_from_db()
        assert (decision.status, decision.notified_on) == (KeyDecisionStatus.NOTIFIED, NOTICE_DAY)
    for decision in (later, past, elsewhere):
        decision.refresh_from_db()
        assert (decision.status, decision.notified_on) == (KeyDecisionStatus.DRAFT, None)
    history = [h.status for h in budget.history.order_by("history_date")]
    assert history == [KeyDecisionStatus.DRAFT, KeyDecisionStatus.NOTIFIED]


def test_a_published_notice_is_frozen_and_the_next_one_keeps_the_first_day_notified(council):
    decision = KeyDecisionFactory(council=council, title="Homeless Strategy 2018")
    first = services.forward_plan_publish(council=council, published_on=NOTICE_DAY)
    services.key_decision_update(decision=decision, title="Homeless Strategy 2018 (revised)",
                                 decision_maker="Cabinet", decision_on=D(2018, 3, 8))
    second = services.forward_plan_publish(council=council, published_on=D(2018, 2, 15))
    first.refresh_from_db()
    assert first.entries[0]["title"] == "Homeless Strategy 2018"
    assert second.entries[0]["title"] == "Homeless Strategy 2018 (revised)"
    decision.refresh_from_db()
    assert decision.notified_on == NOTICE_DAY  # the 28 clear days run from the first notice


def test_a_notice_is_refused_for_a_day_to_come_or_a_day_already_published(council):
    with pytest.raises(ValidationError, match="still to come"):
        services.forward_plan_publish(council=council, published_on=timezone.localdate() + dt.timedelta(days=1))
    services.forward_plan_publish(council=council, published_on=NOTICE_DAY)
    with pytest.raises(ValidationError, match="already published"):
        services.forward_plan_publish(council=council, published_on=NOTICE_DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        ForwardPlanNotice.objects.create(council=council, published_on=NOTICE_DAY, covers_to=NOTICE_DAY)


def test_a_closed_decision_names_its_exempt_information_and_an_open_one_keeps_no_ground(council):
    with pytest.raises(ValidationError, match="exempt information"):
        services.key_decision_create(council=council, title="Closed", decision_maker="Cabinet",
                                     decision_on=D(2018, 3, 8), private=True)
    opened = services.key_decision_create(council=council, title="Open", decision_maker="Cabinet",
                                          decision_on=D(2018, 3, 8), exemption_ground="para3", private_reason="x")
    assert (opened.exemption_ground, opened.private_reason) == ("", "")
    with pytest.raises(ValidationError, match="ends on or after"):
        services.key_decision_create(council=council, title="Period", decision_maker="Cabinet",
                                     decision_on=D(2018, 3, 8), decision_by=D(2018, 3, 1))


def test_taken_and_withdrawn_are_recorded_once_and_close_the_decision(council):
    decision = KeyDecisionFactory(council=council)
    with pytest.raises(ValidationError, match="still to come"):
        services.key_decision_take(decision=decision, taken_on=timezone.localdate() + dt.timedelta(days=1))
    taken = services.key_decision_take(decision=decision, taken_on=D(2018, 3, 8))
    assert (taken.status, taken.taken_on) == (KeyDecisionStatus.TAKEN, D(2018, 3, 8))
    for attempt in (lambda: services.key_decision_take(decision=taken, taken_on=D(2018, 3, 9)),
                    lambda: services.key_decision_withdraw(decision=taken, reason="No longer needed."),
                    lambda: services.key_decision_update(decision=taken, title="Changed")):
        with pytest.raises(ValidationError, match="is taken"):
            attempt()
    other = KeyDecisionFactory(council=council)
    with pytest.raises(ValidationError, match="Say why"):
        services.key_decision_withdraw(decision=other, reason=" ")
    assert services.key_decision_withdraw(decision=other, reason="Deferred to next year.").status == \
        KeyDecisionStatus.WITHDRAWN


def test_a_decision_taken_without_its_notice_is_flagged_unless_an_exception_covers_it(council):
    notified = KeyDecisionFactory(council=council, title="Notified in time")
    services.forward_plan_publish(council=council, published_on=NOTICE_DAY)
    notified.refresh_from_db()
    assert decision_problem(services.key_decision_take(decision=notified, taken_on=D(2018, 3, 8))) is None

    urgent = KeyDecisionFactory(council=council, title="Urgent", decision_on=D(2018, 3, 8))
    taken = services.key_decision_take(decision=urgent, taken_on=D(2018, 3, 8))
    problem = decision_problem(taken)
    assert problem is not None and "Not notified 28 clear days before 8 March 2018" in problem

    late = KeyDecisionFactory(council=council, title="Late", decision_on=D(2018, 3, 8))
    with pytest.raises(ValidationError, match="chair of scrutiny's agreement"):
        services.key_decision_exception_record(decision=late, exception=Exception_.SPECIAL_URGENCY,
                                               exception_notice_on=None, exception_reasons="Funding deadline.")
    with pytest.raises(ValidationError, match="reasons"):
        services.key_decision_exception_record(decision=late, exception=Exception_.SPECIAL_URGENCY,
                                               exception_notice_on=None, chair_agreed_on=D(2018, 3, 5),
                                               exception_reasons="")
    services.key_decision_exception_record(decision=late, exception=Exception_.SPECIAL_URGENCY,
                                           exception_notice_on=D(2018, 3, 9), chair_agreed_on=D(2018, 3, 5),
                                           exception_reasons="The grant offer lapses on 9 March.")
    assert decision_problem(KeyDecision.internal.get(pk=late.pk)) is None


def test_a_decision_not_yet_listed_is_flagged_only_once_a_notice_would_be_late(council):
    decision = KeyDecisionFactory(council=council, decision_on=D(2018, 3, 8))  # notice due by 26 January 2018
    assert decision_problem(decision, today=D(2018, 1, 26)) is None
    late = decision_problem(decision, today=D(2018, 1, 29))
    assert late is not None and "due by 26 January 2018" in late

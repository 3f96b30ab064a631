"""The forward plan's notice rules (SI 2012/2089 regs 9-11), with real dates: the Cabinet of
8 March 2018 in Dartford's Regulation 9 notice (seed 003)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules.deadlines import Convention
from scrutiny.rules.key_decisions import (
    Exception_,
    general_exception_earliest,
    notice_covers_to,
    notice_problem,
)

D = dt.date
CABINET = D(2018, 3, 8)  # a Thursday


def test_a_notice_28_clear_days_before_is_enough_and_a_day_later_is_not():
    # Calendar days: 8 Feb .. 7 Mar 2018 are 28 clear days, so 7 February is the last day.
    assert notice_problem(decision_on=CABINET, notified_on=D(2018, 2, 7), convention=Convention.CALENDAR) is None
    late = notice_problem(decision_on=CABINET, notified_on=D(2018, 2, 8), convention=Convention.CALENDAR)
    assert late is not None and "due by 7 February 2018" in late and "reg 9" in late and "reg 10" in late


def test_working_days_ask_for_the_notice_weeks_earlier():
    # 28 working days before Thursday 8 March 2018 reach back to Monday 29 January: the notice
    # is due by Friday 26 January, not the 7 February that calendar days give.
    late = notice_problem(decision_on=CABINET, notified_on=D(2018, 1, 29))
    assert late is not None and "due by 26 January 2018" in late
    assert notice_problem(decision_on=CABINET, notified_on=D(2018, 1, 26)) is None


def test_never_notified_and_no_exception_is_flagged_and_a_private_decision_cites_reg_5():
    problem = notice_problem(decision_on=CABINET, notified_on=None, private=True)
    assert problem is not None and "reg 5" in problem and "special urgency" in problem


def test_the_general_exception_needs_five_clear_days_after_the_chair_is_told_and_the_notice():
    # Told on Wednesday 28 Feb 2018, notice the same day: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7
    # March are the 5 clear working days; the decision may be made on Thursday 8 March.
    assert general_exception_earliest(chair_informed_on=D(2018, 2, 28), notice_published_on=D(2018, 2, 28)) == CABINET
    on_time = {"decision_on": CABINET, "notified_on": None, "exception": Exception_.GENERAL}
    assert notice_problem(**on_time, chair_informed_on=D(2018, 2, 28), exception_notice_on=D(2018, 2, 28)) is None
    # The notice a day later than the chair was told: the later of the two counts.
    too_soon = notice_problem(**on_time, chair_informed_on=D(2018, 2, 28), exception_notice_on=D(2018, 3, 1))
    assert too_soon is not None and "not be made before 9 March 2018" in too_soon
    assert "chair of scrutiny told" in notice_problem(**on_time, chair_informed_on=D(2018, 2, 28))


def test_special_urgency_needs_the_chairs_agreement_by_the_day_of_the_decision():
    urgent = {"decision_on": CABINET, "notified_on": None, "exception": Exception_.SPECIAL_URGENCY}
    assert notice_problem(**urgent, chair_agreed_on=CABINET) is None
    assert "reg 11" in notice_problem(**urgent, chair_agreed_on=D(2018, 3, 9))
    assert "reg 11" in notice_problem(**urgent)


@given(st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31)), st.sampled_from(list(Convention)))
def test_the_notice_deadline_is_the_last_day_that_is_enough(decision_on, convention):
    """Whatever the day: notified on some day, and is fine; a day later, not (monotone)."""
    from scrutiny.rules.deadlines import key_decision_notice_deadline

    last = key_decision_notice_deadline(decision_on, convention=convention).date
    assert notice_problem(decision_on=decision_on, notified_on=last, convention=convention) is None
    assert notice_problem(decision_on=decision_on, notified_on=last + dt.timedelta(days=1), convention=convention)
    assert (decision_on - last).days > 28


def test_a_notice_looks_ahead_to_the_end_of_the_fourth_month_as_dartfords_did():
    # Seed 003: the notice of 15 January 2018 covered the decisions up to 31 May 2018; the
    # minutes of 26 July 2017 noted the notice "for the period 15 June 2017 to 31 October 2017".
    assert notice_covers_to(D(2018, 1, 15)) == D(2018, 5, 31)
    assert notice_covers_to(D(2017, 6, 15)) == D(2017, 10, 31)
    assert notice_covers_to(D(2019, 10, 31)) == D(2020, 2, 29)  # a leap year's February

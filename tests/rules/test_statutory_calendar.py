"""The statutory calendar, tested on real dates and across years (hypothesis)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.rules import deadlines as dl

D = dt.date


def publish_by(meeting, convention="working"):
    return dl.agenda_publication_deadline(meeting, convention=convention).date


@pytest.mark.parametrize(
    "meeting, working, calendar",
    [
        (D(2026, 5, 27), D(2026, 5, 18), D(2026, 5, 21)),  # DOMAIN.md's worked example: spring bank holiday
        (D(2018, 2, 21), D(2018, 2, 13), D(2018, 2, 15)),  # the seed's meeting
        (D(2024, 4, 3), D(2024, 3, 22), D(2024, 3, 28)),  # Easter: Good Friday and Easter Monday
        (D(2024, 1, 3), D(2023, 12, 21), D(2023, 12, 28)),  # Christmas, Boxing Day and New Year
        (D(2022, 6, 8), D(2022, 5, 27), D(2022, 6, 1)),  # the 2022 Platinum Jubilee bank holidays
        (D(2022, 9, 21), D(2022, 9, 12), D(2022, 9, 15)),  # the State Funeral, 19 September 2022
        (D(2023, 5, 10), D(2023, 4, 28), D(2023, 5, 4)),  # the Coronation bank holiday, 8 May 2023
    ],
)
def test_last_lawful_publication_day_on_real_dates(meeting, working, calendar):
    assert publish_by(meeting) == working
    assert publish_by(meeting, "calendar") == calendar


def test_the_reasoning_names_the_days_that_were_not_clear():
    lines = dl.agenda_publication_deadline(D(2022, 6, 8)).reasoning()
    assert "Not counted: Friday 3 June 2022 (Platinum Jubilee of Elizabeth II)." in lines
    assert "Not counted: Thursday 2 June 2022 (Spring Bank Holiday)." in lines
    assert "Not counted: Saturday 4 June 2022 (weekend)." in lines
    assert lines[0].startswith("Agenda and reports open to inspection at least five clear days")


def test_a_deadline_falling_when_offices_are_shut_moves_to_the_working_day_before():
    deadline = dl.agenda_publication_deadline(D(2026, 5, 30), convention="calendar")  # a Saturday meeting
    assert deadline.date == D(2026, 5, 22)  # not Sunday 24 May, nor the bank holiday... the Friday before
    assert any("offices are closed" in note for note in deadline.notes)


def test_other_period_formulas_from_the_domain_notes():
    assert dl.response_due(D(2026, 5, 27)).date == D(2026, 6, 24)
    assert dl.response_due(D(2026, 5, 27), extension_days=14).date == D(2026, 7, 8)
    assert dl.beginning_with(D(2026, 5, 11), 28).date == D(2026, 6, 7)
    assert dl.open_to_inspection_until(D(2026, 5, 27)).date == D(2032, 5, 26)
    assert dl.key_decision_notice_deadline(D(2018, 3, 8)).date == D(
        2018, 1, 26
    )  # Cabinet, 8 March 2018 (seed 003)
    assert dl.executive_documents_due(D(2026, 5, 20)).date == D(
        2026, 6, 4
    )  # ten working days, skipping 25 May
    first, second = dl.private_meeting_notices(D(2026, 5, 27))
    assert second.date == D(2026, 5, 18) and first.date < second.date


def _clear_working_days(after, before):
    day, count = after + dt.timedelta(days=1), 0
    while day < before:
        count += dl.is_working_day(day)
        day += dt.timedelta(days=1)
    return count


meetings = st.dates(D(1995, 1, 1), D(2045, 12, 31))


@settings(max_examples=300)
@given(meetings, st.integers(1, 30))
def test_working_day_deadlines_leave_enough_clear_days_and_are_the_latest_that_do(meeting, days):
    deadline = dl.clear_days_before(meeting, days, rule="r", citation="c").date
    assert dl.is_working_day(deadline)
    assert _clear_working_days(deadline, meeting) >= days
    day = deadline + dt.timedelta(days=1)
    while day < meeting:
        assert not dl.is_working_day(day) or _clear_working_days(day, meeting) < days
        day += dt.timedelta(days=1)


@settings(max_examples=300)
@given(meetings, st.integers(1, 30))
def test_calendar_deadlines_are_never_earlier_than_working_ones(meeting, days):
    working = dl.clear_days_before(meeting, days, rule="r", citation="c").date
    calendar = dl.clear_days_before(meeting, days, convention="calendar", rule="r", citation="c").date
    assert working <= calendar <= meeting - dt.timedelta(days=days + 1)
    assert dl.is_working_day(calendar)


@given(st.integers(1995, 2045))
def test_christmas_and_good_friday_are_never_working_days(year):
    import holidays

    assert not dl.is_working_day(D(year, 12, 25))
    good_friday = next(
        d
        for d, name in holidays.country_holidays("GB", subdiv="ENG", years=year).items()
        if name == "Good Friday"
    )
    assert not dl.is_working_day(good_friday)

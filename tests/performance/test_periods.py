import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.performance.periods import Period, PeriodError, month_add, month_parse


def test_quarter_compared_with_previous_quarter_and_last_year():
    q1 = Period.parse("2022-01", "2022-03")
    assert q1.length == 3 and q1.noun() == "quarter"
    assert q1.previous() == Period.parse("2021-10", "2021-12")
    assert q1.last_year() == Period.parse("2021-01", "2021-03")
    assert q1.label == "January to March 2022"
    assert q1.end_date == dt.date(2022, 3, 31)
    assert Period.parse("2021-11", "2022-02").label == "November 2021 to February 2022"
    assert Period.parse("2024-02", "2024-02").end_date == dt.date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2022-13", "2022-1", "Jan-22", "", "2022/01", "2022-00"])
def test_malformed_months_are_refused_with_the_form_to_use(text):
    with pytest.raises(PeriodError, match="YYYY-MM"):
        month_parse(text)


def test_period_ending_before_it_starts_is_refused():
    with pytest.raises(PeriodError, match="before it starts"):
        Period.parse("2022-03", "2022-01")


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(-600, 600))
def test_month_add_round_trips(day, months):
    month = day.replace(day=1)
    assert month_add(month_add(month, months), -months) == month
    assert month_add(month, 12 * (months // 12)).month == month.month

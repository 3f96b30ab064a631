import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules import municipal_year as rule

DARTFORD = {2018: dt.date(2018, 5, 9)}  # Annual Council on 9 May 2018 (seed 003)


def test_label_is_written_as_councils_write_it():
    assert rule.label(2017) == "2017-18"
    assert rule.label(1999) == "1999-00"


def test_recorded_annual_meeting_sets_the_boundary():
    assert rule.start_year_for(dt.date(2018, 5, 8), DARTFORD) == 2017
    assert rule.start_year_for(dt.date(2018, 5, 9), DARTFORD) == 2018
    assert rule.bounds(2017, DARTFORD) == (dt.date(2017, 5, 1), dt.date(2018, 5, 8))
    assert rule.bounds(2018, DARTFORD) == (dt.date(2018, 5, 9), dt.date(2019, 4, 30))


def test_without_a_recorded_meeting_the_may_convention_applies():
    assert rule.start_year_for(dt.date(2017, 7, 26), {}) == 2017  # a July meeting
    assert rule.start_year_for(dt.date(2018, 2, 21), {}) == 2017  # a February meeting
    assert rule.start_year_for(dt.date(2017, 4, 30), {}) == 2016


annual_meetings = st.dictionaries(
    st.integers(2000, 2040),
    st.dates(dt.date(2000, 3, 1), dt.date(2040, 5, 31)).filter(lambda d: 3 <= d.month <= 5),
).map(lambda m: {d.year: d for d in m.values()})


@given(day=st.dates(dt.date(2001, 1, 1), dt.date(2039, 12, 31)), meetings=annual_meetings)
def test_every_day_falls_in_exactly_the_year_whose_bounds_contain_it(day, meetings):
    year = rule.start_year_for(day, meetings)
    first, last = rule.bounds(year, meetings)
    assert first <= day <= last
    # the neighbouring years do not contain it
    assert not (rule.bounds(year - 1, meetings)[0] <= day <= rule.bounds(year - 1, meetings)[1])
    assert not (rule.bounds(year + 1, meetings)[0] <= day <= rule.bounds(year + 1, meetings)[1])


@given(year=st.integers(2001, 2039), meetings=annual_meetings)
def test_consecutive_years_are_contiguous(year, meetings):
    assert rule.bounds(year, meetings)[1] + dt.timedelta(days=1) == rule.bounds(year + 1, meetings)[0]

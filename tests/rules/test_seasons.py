"""The names a committee gives its seasons (rules.seasons), on Dartford's real meeting dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules.seasons import DEFAULT, label, parse, season_of

D = dt.date


def test_dartfords_rows_are_headed_as_its_work_plan_heads_them():
    seasons = parse(DEFAULT)
    assert label(D(2017, 7, 26), seasons) == "Summer 2017 (July)"
    assert label(D(2018, 2, 21), seasons) == "Winter 2018 (February)"
    assert label(D(2017, 11, 29), seasons) == "Winter 2017 (November)"


def test_a_council_with_three_seasons():
    seasons = parse("Spring: March; Summer: June, Autumn: Sept")
    assert seasons == [("Spring", 3), ("Summer", 6), ("Autumn", 9)]
    assert season_of(D(2018, 2, 21), seasons) == "Autumn"  # begun last September
    assert season_of(D(2018, 3, 1), seasons) == "Spring"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Name at least one season"),
        ("Summer April", "as a season's name and the month it begins"),
        ("Summer: Juky", "“Juky” is not the name of a month."),
        ("Summer: April, Winter: april", "Two seasons begin in the same month."),
        ("Summer: April, summer: October", "Two seasons have the same name."),
    ],
)
def test_a_badly_written_list_is_refused_with_a_message(text, message):
    with pytest.raises(ValidationError, match=message):
        parse(text)


season_lists = st.lists(
    st.tuples(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8), st.integers(1, 12)),
    min_size=1,
    max_size=12,
    unique_by=(lambda s: s[0], lambda s: s[1]),
)


@given(season_lists, st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)))
def test_every_day_falls_in_one_named_season_that_has_begun(seasons, day):
    name = season_of(day, seasons)
    starts = dict(seasons)
    begun = [m for m in starts.values() if m <= day.month]
    # the season named began no later in the calendar than the day, or (in January before any
    # season begins) is the one begun last in the year before
    assert starts[name] == (max(begun) if begun else max(starts.values()))
    text = ", ".join(f"{n}: {D(2001, m, 1):%B}" for n, m in seasons)
    assert parse(text) == list(seasons)

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules.deadlines import partner_request_deadline


def test_28_days_notice_for_the_meeting_of_21_february_2018():
    # Clear days: 28 whole days between the request and the meeting (22 Jan to 20 Feb).
    assert partner_request_deadline(dt.date(2018, 2, 21), days=28) == dt.date(2018, 1, 23)
    assert partner_request_deadline(dt.date(2018, 2, 21), days=28, counting="calendar") == dt.date(
        2018, 1, 24
    )


def test_other_protocols_use_other_numbers():
    assert partner_request_deadline(dt.date(2017, 7, 26), days=14) == dt.date(2017, 7, 11)


def test_nonsense_settings_are_refused():
    with pytest.raises(ValueError):
        partner_request_deadline(dt.date(2017, 7, 26), days=0)
    with pytest.raises(ValueError, match="Unknown way"):
        partner_request_deadline(dt.date(2017, 7, 26), days=28, counting="lunar")


@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), st.integers(1, 90))
def test_clear_days_are_always_the_more_cautious(meeting, days):
    clear = partner_request_deadline(meeting, days=days)
    calendar = partner_request_deadline(meeting, days=days, counting="calendar")
    assert clear == calendar - dt.timedelta(days=1)
    assert (meeting - clear).days - 1 == days  # the days strictly between

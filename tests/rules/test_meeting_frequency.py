import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules.dates import add_months
from scrutiny.rules.meeting_frequency import gaps, next_meeting_due_by

D = dt.date


def test_the_next_meeting_is_due_twelve_months_on():
    assert next_meeting_due_by(D(2018, 2, 21)) == D(2019, 2, 21)
    assert next_meeting_due_by(D(2016, 2, 29)) == D(2017, 2, 28)  # no 29 February in 2017


def test_dartfords_twice_yearly_meetings_leave_no_gap():
    meetings = [
        D(2016, 7, 27),
        D(2017, 2, 15),
        D(2017, 7, 26),
        D(2018, 2, 21),
        D(2018, 7, 25),
        D(2019, 2, 13),
    ]
    assert gaps(meetings, today=D(2018, 1, 1)) == []


def test_a_meeting_exactly_twelve_months_on_is_in_time_a_day_later_is_not():
    assert gaps([D(2017, 7, 26), D(2018, 7, 26)], today=D(2017, 8, 1)) == []
    (gap,) = gaps([D(2017, 7, 26), D(2018, 7, 27)], today=D(2017, 8, 1))
    assert gap.due_by == D(2018, 7, 26) and gap.overdue_days == 1


def test_nothing_scheduled_after_the_last_meeting_is_flagged_when_due_soon_or_past():
    (gap,) = gaps([D(2019, 7, 1)], today=D(2026, 11, 21))
    assert gap.before is None and gap.due_by == D(2020, 7, 1)
    assert gaps([D(2026, 7, 1)], today=D(2026, 11, 21)) == []  # due July 2027: not yet worth a warning
    assert len(gaps([D(2026, 2, 1)], today=D(2026, 11, 21))) == 1  # due 1 February 2027, within three months


@given(st.dates(D(1990, 1, 1), D(2090, 12, 31)), st.integers(-240, 240))
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day and (later + dt.timedelta(days=1)).day == 1)


@given(st.lists(st.dates(D(2000, 1, 1), D(2040, 12, 31)), min_size=2, max_size=12))
def test_every_reported_gap_really_leaves_twelve_months_without_a_meeting(dates):
    dates = sorted(set(dates))
    for gap in gaps(dates, today=D(1999, 1, 1)):
        if gap.before is None:
            continue
        assert not any(gap.after < d <= gap.due_by for d in dates)
    # and no unreported gap between consecutive meetings
    reported = {(g.after, g.before) for g in gaps(dates, today=D(1999, 1, 1))}
    for a, b in zip(dates, dates[1:], strict=False):
        assert ((a, b) in reported) == (b > add_months(a, 12))

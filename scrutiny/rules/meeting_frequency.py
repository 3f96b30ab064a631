"""How often the committee must meet.

The Crime and Disorder (Overview and Scrutiny) Regulations 2009 (SI 2009/942), reg 4: the
committee must meet to review or scrutinise decisions made, or other action taken, in
connection with the discharge by the responsible authorities of their crime and disorder
functions "at least once in every twelve month period". Read cautiously as a rolling twelve
months: no period of twelve months may pass without a meeting. So after a meeting on day D
the next must be held no later than D + 12 months (the same date a year on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import add_months

CITATION = "Crime and Disorder (Overview and Scrutiny) Regulations 2009, reg 4"
PERIOD_MONTHS = 12


def next_meeting_due_by(last_meeting: dt.date) -> dt.date:
    return add_months(last_meeting, PERIOD_MONTHS)


@dataclass(frozen=True)
class Gap:
    after: dt.date
    before: dt.date | None  # None: no later meeting is scheduled
    due_by: dt.date

    @property
    def overdue_days(self) -> int:
        end = self.before
        return (end - self.due_by).days if end else 0


def gaps(meeting_dates: Iterable[dt.date], *, today: dt.date) -> list[Gap]:
    """Every place where the meetings (held or scheduled, not cancelled) leave more than
    twelve months without a meeting, including after the last one when that date has passed
    or falls within the next three months without a meeting scheduled."""
    dates = sorted(set(meeting_dates))
    found = [
        Gap(after=a, before=b, due_by=next_meeting_due_by(a))
        for a, b in zip(dates, dates[1:], strict=False)
        if b > next_meeting_due_by(a)
    ]
    if dates:
        due = next_meeting_due_by(dates[-1])
        if due <= add_months(today, 3):
            found.append(Gap(after=dates[-1], before=None, due_by=due))
    return found

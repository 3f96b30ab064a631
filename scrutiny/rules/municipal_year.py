"""The municipal year.

A council's municipal year runs from its annual meeting to the day before the next one. It
is a convention, not a statutory term: the annual meeting is held in March, April or May, or
in a year of ordinary elections within 21 days after the retirement of councillors (Local
Government Act 1972, Schedule 12, paragraph 1). It is not the financial year (ending 31
March), nor the CSP's year (from 1 April, SI 2007/1830 reg 2), nor the committee's rolling
"once in every twelve months" (SI 2009/942 reg 4).

Where a council's annual meeting date is not recorded, the year is taken to begin on
1 May (the "May to May" convention); recording the date makes the boundary exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

CONVENTIONAL_START = (5, 1)  # month, day


def conventional_start(start_year: int) -> dt.date:
    return dt.date(start_year, *CONVENTIONAL_START)


def label(start_year: int) -> str:
    """'2017-18', as councils write it."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def start_of(start_year: int, annual_meetings: Mapping[int, dt.date]) -> dt.date:
    return annual_meetings.get(start_year) or conventional_start(start_year)


def bounds(start_year: int, annual_meetings: Mapping[int, dt.date]) -> tuple[dt.date, dt.date]:
    """First and last day of the municipal year beginning in `start_year`."""
    first = start_of(start_year, annual_meetings)
    last = start_of(start_year + 1, annual_meetings) - dt.timedelta(days=1)
    return first, last


def start_year_for(day: dt.date, annual_meetings: Mapping[int, dt.date]) -> int:
    """The year (by its first calendar year) that `day` falls in."""
    return day.year if day >= start_of(day.year, annual_meetings) else day.year - 1

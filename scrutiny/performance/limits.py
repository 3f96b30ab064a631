"""The bounds of the numbers and dates the performance imports take, each stated once.

The readers refuse what is beyond them, naming the row or the file, before the database is
asked to hold it: a figure past its column's digits is refused by PostgreSQL (the run then
stopped half-way) and kept by SQLite, which then breaks every page that reads it back; a
date past year 9999 is not a date at all.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

#: police.uk's street-level data begins with December 2010.
POLICE_UK_FIRST_MONTH = dt.date(2010, 12, 1)

#: A count of one LSOA's month, or a file's rows: PostgreSQL's integer, the narrower engine's
#: column of a PositiveIntegerField. Counting rows of a file never comes near it.
COUNT_MAX = 2_147_483_647

#: An area's population: more than the United Kingdom's (about 69 million) is no estimate.
POPULATION_MAX = 100_000_000
#: The years of the ONS estimates held (`Population`'s check constraint says the same).
POPULATION_FIRST_YEAR, POPULATION_LAST_YEAR = 1971, 2100

#: A partner's figure: `PartnerFigure.value`, numeric(14, 3).
FIGURE_DIGITS, FIGURE_PLACES = 14, 3
FIGURE_MAX = Decimal(10) ** (FIGURE_DIGITS - FIGURE_PLACES)  # exclusive

#: The earliest month a report may cover, or a partner's figure begin: a decade before
#: police.uk's first, for partners' older figures, and far enough from year 1 that the
#: comparisons a report makes (two years back) are always dates.
PERIOD_FIRST_MONTH = dt.date(2000, 1, 1)


def current_month() -> dt.date:
    """The first of this month, in the council's time zone: no data is later than it."""
    return timezone.localdate().replace(day=1)


def last_figure_day() -> dt.date:
    """The last day a partner's figure may cover: the end of next year (a quarter or year in
    progress ends after today, a plan's figure a little later)."""
    return dt.date(timezone.localdate().year + 1, 12, 31)

"""Periods of whole months, and the periods they are compared with."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from scrutiny.performance.limits import PERIOD_FIRST_MONTH, current_month

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    pass


def month_parse(text: str) -> dt.date:
    """'2022-01' as 1 January 2022; anything else is refused with the expected form."""
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < dt.MINYEAR:
        raise PeriodError(f"{text.strip()[:20]!r} is not a month: write it as YYYY-MM, e.g. 2022-01.")
    return dt.date(int(match[1]), int(match[2]), 1)


def month_add(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """From the first month to the last month, both included."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.first.day != 1 or self.last.day != 1:
            raise PeriodError("A period runs from the first of a month to the first of its last month.")
        if self.last < self.first:
            raise PeriodError(f"The period ends ({self.last:%B %Y}) before it starts ({self.first:%B %Y}).")

    @classmethod
    def parse(cls, first: str, last: str, *, earliest: dt.date = PERIOD_FIRST_MONTH,
              latest: dt.date | None = None) -> Period:
        """The months as written (YYYY-MM), from `earliest` to `latest` (default: this month) at
        most: a report's comparisons reach two years back, and nothing is held beyond this month."""
        latest = latest or current_month()
        months = month_parse(first), month_parse(last)
        for month in months:
            shown = f"{month.year:04d}-{month.month:02d}"  # strftime writes year 1 as "1"
            if month < earliest:
                raise PeriodError(f"{shown} is before {earliest:%B %Y}, the earliest month a report covers.")
            if month > latest:
                raise PeriodError(f"{shown} is after this month ({latest:%B %Y}): no figures are held for it yet.")
        return cls(*months)

    @property
    def length(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    @property
    def months(self) -> list[dt.date]:
        return [month_add(self.first, i) for i in range(self.length)]

    @property
    def end_date(self) -> dt.date:
        return self.last.replace(day=calendar.monthrange(self.last.year, self.last.month)[1])

    def shifted(self, months: int) -> Period:
        return Period(month_add(self.first, months), month_add(self.last, months))

    def previous(self) -> Period:
        """The period of the same length just before (the previous quarter, for a quarter)."""
        return self.shifted(-self.length)

    def last_year(self) -> Period:
        return self.shifted(-12)

    def compared(self, compare: str) -> Period:
        if compare == "previous":
            return self.previous()
        if compare == "last-year":
            return self.last_year()
        raise PeriodError(f"Compare with 'previous' or 'last-year', not {compare!r}.")

    @property
    def label(self) -> str:
        if self.length == 1:
            return f"{self.first:%B %Y}"
        if self.first.year == self.last.year:
            return f"{self.first:%B} to {self.last:%B %Y}"
        return f"{self.first:%B %Y} to {self.last:%B %Y}"

    @property
    def short(self) -> str:
        return f"{self.first:%Y-%m}" if self.length == 1 else f"{self.first:%Y-%m} to {self.last:%Y-%m}"

    @property
    def middle(self) -> dt.date:
        return month_add(self.first, (self.length - 1) // 2)

    def noun(self) -> str:
        """What people call a period of this length: month, quarter, year."""
        return {1: "month", 3: "quarter", 6: "half-year", 12: "year"}.get(self.length, "period")

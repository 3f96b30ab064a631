"""The statutory calendar: every deadline the committee works to, each rule written once
with its source. Periods are counted as the law words them; see ../shared/DOMAIN.md s3.

"Clear days" (no statutory definition): the day of publication and the day of the event are
excluded (R v Herefordshire Justices (1820); R v Swansea City Council, ex p Elitestone (CA,
1993)), and by default only working days count: not Saturdays, Sundays, Christmas Day, Good
Friday or bank holidays in England (from the `holidays` package, not a hand-kept list). A
committee may choose calendar days instead; the cautious working-day reading is the default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from django.db import models

from .dates import add_months


class Convention(models.TextChoices):
    WORKING = "working", "Working days (not weekends, Christmas Day, Good Friday or bank holidays)"
    CALENDAR = "calendar", "Calendar days"


@lru_cache(maxsize=256)
def _england(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def closed_because(day: dt.date) -> str | None:
    """Why the council's offices are shut on `day` (None on a working day)."""
    if day.weekday() == 5:
        return "Saturday"
    if day.weekday() == 6:
        return "Sunday"
    return _england(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return closed_because(day) is None


def _fmt(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Deadline:
    """A computed date with the reasoning a clerk would give for it."""

    date: dt.date
    rule: str
    citation: str
    convention: str = Convention.WORKING
    counted: tuple[dt.date, ...] = ()
    skipped: tuple[tuple[dt.date, str], ...] = ()
    notes: tuple[str, ...] = field(default=())

    def reasoning(self) -> list[str]:
        lines = [f"{self.rule} ({self.citation})."]
        if self.counted:
            days = ", ".join(f"{d:%a} {d.day} {d:%b}" for d in sorted(self.counted, reverse=True))
            lines.append(
                f"Clear days counted ({Convention(self.convention).label.split(' (')[0].lower()}): {days}."
            )
        for day, why in sorted(self.skipped, reverse=True):
            lines.append(f"Not counted: {_fmt(day)} ({'weekend' if why in ('Saturday', 'Sunday') else why}).")
        lines.extend(self.notes)
        return lines


def clear_days_before(
    event: dt.date, days: int, *, convention: str = Convention.WORKING, rule: str, citation: str
) -> Deadline:
    """The last day on which something may be done so that `days` clear days pass before `event`.

    If that day falls when the offices are shut, publishing then would still leave the clear
    days, but the papers could not be inspected: the deadline is the last working day before."""
    if days < 1:
        raise ValueError("A period of clear days is at least one day.")
    working = convention == Convention.WORKING
    counted: list[dt.date] = []
    skipped: list[tuple[dt.date, str]] = []
    day = event - dt.timedelta(days=1)
    while len(counted) < days:
        why = closed_because(day) if working else None
        if why:
            skipped.append((day, why))
        else:
            counted.append(day)
        day -= dt.timedelta(days=1)
    notes = []
    while (why := closed_because(day)) is not None:
        notes.append(
            f"{_fmt(day)} would leave the clear days but the offices are closed ({why}): the deadline is the working day before."
        )
        day -= dt.timedelta(days=1)
    return Deadline(day, rule, citation, convention, tuple(counted), tuple(skipped), tuple(notes))


def clear_days_after(
    start: dt.date, days: int, *, convention: str = Convention.WORKING, rule: str, citation: str
) -> Deadline:
    """The last day of `days` clear days after `start` (the day of the request not counted)."""
    if days < 1:
        raise ValueError("A period of clear days is at least one day.")
    working = convention == Convention.WORKING
    counted: list[dt.date] = []
    skipped: list[tuple[dt.date, str]] = []
    day = start
    while len(counted) < days:
        day += dt.timedelta(days=1)
        why = closed_because(day) if working else None
        if why:
            skipped.append((day, why))
        else:
            counted.append(day)
    return Deadline(day, rule, citation, convention, tuple(counted), tuple(skipped))


# -- the rules -----------------------------------------------------------------------------

AGENDA_CITATION = "Local Government Act 1972 s100B(3) and s100A(6)(a), applied to committees by s100E; five days since SI 2002/715"
KEY_DECISION_CITATION = "Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012, reg 9"
PRIVATE_MEETING_CITATION = "SI 2012/2089 reg 5"
EXECUTIVE_DOCUMENTS_CITATION = "SI 2012/2089 reg 17"
RESPONSE_CITATION = "Police and Justice Act 2006 s19(8A)-(8B); Crime and Disorder (Overview and Scrutiny) Regulations 2009 reg 7"
RETENTION_CITATION = "Local Government Act 1972 s100C(1)"
INTERESTS_CITATION = "Localism Act 2011 s30(1)"


def agenda_publication_deadline(meeting: dt.date, *, convention: str = Convention.WORKING) -> Deadline:
    """Agenda and reports open to inspection at least five clear days before the meeting."""
    return clear_days_before(
        meeting,
        5,
        convention=convention,
        rule="Agenda and reports open to inspection at least five clear days before the meeting",
        citation=AGENDA_CITATION,
    )


def key_decision_notice_deadline(decision: dt.date, *, convention: str = Convention.WORKING) -> Deadline:
    """Notice of a key decision published at least 28 clear days before it is taken."""
    return clear_days_before(
        decision,
        28,
        convention=convention,
        rule="Notice of a key decision at least 28 clear days before it is made",
        citation=KEY_DECISION_CITATION,
    )


def private_meeting_notices(
    meeting: dt.date, *, convention: str = Convention.WORKING
) -> tuple[Deadline, Deadline]:
    """A private executive meeting: notice of intention 28 clear days before, and a further
    notice 5 clear days before."""
    first = clear_days_before(
        meeting,
        28,
        convention=convention,
        rule="Notice of intention to meet in private at least 28 clear days before",
        citation=PRIVATE_MEETING_CITATION,
    )
    second = clear_days_before(
        meeting,
        5,
        convention=convention,
        rule="Further notice of the private meeting at least 5 clear days before",
        citation=PRIVATE_MEETING_CITATION,
    )
    return first, second


def executive_documents_due(request: dt.date, *, convention: str = Convention.WORKING) -> Deadline:
    """Executive documents requested by an overview and scrutiny member: no later than ten clear days after the request."""
    return clear_days_after(
        request,
        10,
        convention=convention,
        rule="Documents due no later than ten clear days after the request",
        citation=EXECUTIVE_DOCUMENTS_CITATION,
    )


def response_due(report: dt.date, *, extension_days: int = 0) -> Deadline:
    """A responsible authority responds 'within 28 days from the date of' the report
    (the day of the report not counted; no weekend extension): 27 May 2026 -> 24 June 2026."""
    date = report + dt.timedelta(days=28 + extension_days)
    notes = (f"Extended by {extension_days} days as the committee agreed.",) if extension_days else ()
    return Deadline(
        date,
        "Written response within 28 days from the date of the report or recommendation",
        RESPONSE_CITATION,
        Convention.CALENDAR,
        notes=notes,
    )


def beginning_with(
    day: dt.date,
    days: int,
    *,
    rule: str = "Before the end of the period beginning with the day",
    citation: str = INTERESTS_CITATION,
) -> Deadline:
    """'Before the end of 28 days beginning with the day': the day itself is day one
    (11 May 2026 -> Sunday 7 June 2026, no weekend extension)."""
    return Deadline(day + dt.timedelta(days=days - 1), rule, citation, Convention.CALENDAR)


def open_to_inspection_until(meeting: dt.date, *, years: int = 6) -> Deadline:
    """Minutes, agenda and public reports kept for six years beginning with the date of the
    meeting: 27 May 2026 -> to the end of 26 May 2032."""
    return Deadline(
        add_months(meeting, 12 * years) - dt.timedelta(days=1),
        f"Open to inspection for {years} years beginning with the date of the meeting",
        RETENTION_CITATION,
        Convention.CALENDAR,
    )


# The committee protocol's notice to partners (SI 2009/942 regs 5-6: "reasonable notice";
# Kent protocol 2009: 28 days, shorter only for urgent items). Number and counting are settings.
PARTNER_NOTICE_CITATION = "SI 2009/942 regs 5-6; the committee's protocol (Kent: 28 days' notice)"


def partner_request_deadline(meeting_date: dt.date, *, days: int, counting: str = "clear") -> dt.date:
    """The last day a request to attend or to provide information may go out.

    "clear": `days` whole days lie between the request and the meeting (neither counts),
    the cautious reading; "calendar": the meeting is `days` days after the request.
    """
    if days < 1:
        raise ValueError("Notice must be at least one day.")
    if counting == "clear":
        return meeting_date - dt.timedelta(days=days + 1)
    if counting == "calendar":
        return meeting_date - dt.timedelta(days=days)
    raise ValueError(f"Unknown way of counting days: {counting!r}")

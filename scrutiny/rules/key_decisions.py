"""The executive's forward plan: notice of key decisions, and the exceptions to it
(Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
Regulations 2012, SI 2012/2089; ../shared/DOMAIN.md s5).

- reg 9: a key decision may not be made until a notice stating it (the matter, the decision
  maker, the date or period, the documents) has been published at least 28 clear days before.
- reg 10, general exception: where that is impracticable, the decision may be made once the
  proper officer has told the chair of the relevant overview and scrutiny committee in
  writing, published that notice, and at least 5 clear days have passed since both.
- reg 11, special urgency: where the decision cannot wait even that long, it may be made if
  the chair of the relevant overview and scrutiny committee agrees that it is urgent and
  cannot reasonably be deferred; a notice of the reasons is published as soon as reasonably
  practicable after.
- reg 5: an executive meeting in private (a key decision taken in closed session) needs the
  same 28 clear days' notice of the intention, with the reasons (the notice's OPEN or
  CLOSED column), and a further notice 5 clear days before (`deadlines.private_meeting_notices`).

Clear days are counted as `deadlines` counts them: working days by default, the cautious
reading; a council may count calendar days.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import models

from .dates import add_months
from .deadlines import Convention, clear_days_after, key_decision_notice_deadline

REGULATIONS = "Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012"
NOTICE_CITATION = "SI 2012/2089 reg 9"
GENERAL_EXCEPTION_CITATION = "SI 2012/2089 reg 10"
SPECIAL_URGENCY_CITATION = "SI 2012/2089 reg 11"
PRIVATE_CITATION = "SI 2012/2089 reg 5"
KEY_DECISION_CITATION = "SI 2012/2089 reg 8"

#: How far ahead a council's notice looks, by its own practice (Dartford: "the forthcoming 4 months").
NOTICE_MONTHS = 4



def notice_covers_to(published_on: dt.date) -> dt.date:
    """The last day a notice looks ahead to: the end of the month `NOTICE_MONTHS` months on
    (Dartford's of 15 January 2018 listed the decisions up to 31 May 2018)."""
    ahead = add_months(published_on, NOTICE_MONTHS)
    return ahead.replace(day=calendar.monthrange(ahead.year, ahead.month)[1])


NOTICE_TITLE = "List of forthcoming key decisions: Regulation 9 notice"
NOTICE_STATEMENT = (
    f"This notice lists the key decisions due to be taken in the coming months, in accordance with the {REGULATIONS}. "
    "It also lists any item where the public is likely to be excluded because considering it in public would "
    "disclose confidential or exempt information, with the reasons for going into closed session. "
    "This notice supersedes all previous notices."
)
KEY_DECISION_DEFINITION = (
    "A key decision is an executive decision likely to result in significant expenditure or savings, or to have "
    f"a significant effect on communities living or working in two or more wards ({KEY_DECISION_CITATION})."
)


class Exception_(models.TextChoices):
    """How a key decision made without 28 clear days' notice may still be made."""

    NONE = "none", "None: the 28 clear days' notice (reg 9)"
    GENERAL = "general", "General exception: the chair of scrutiny told, 5 clear days (reg 10)"
    SPECIAL_URGENCY = "special_urgency", "Special urgency: the chair of scrutiny agreed (reg 11)"


def general_exception_earliest(
    *, chair_informed_on: dt.date, notice_published_on: dt.date, convention: str = Convention.WORKING
) -> dt.date:
    """The first day a decision may be made under the general exception: the day after 5 clear
    days have passed since the chair was told and the notice was published (both, so the later)."""
    start = max(chair_informed_on, notice_published_on)
    fifth = clear_days_after(start, 5, convention=convention, rule="General exception: 5 clear days",
                             citation=GENERAL_EXCEPTION_CITATION)
    return fifth.date + dt.timedelta(days=1)


def notice_problem(
    *,
    decision_on: dt.date,
    notified_on: dt.date | None,
    exception: str = Exception_.NONE,
    exception_notice_on: dt.date | None = None,
    chair_informed_on: dt.date | None = None,
    chair_agreed_on: dt.date | None = None,
    private: bool = False,
    convention: str = Convention.WORKING,
) -> str | None:
    """Why a key decision made (or to be made) on `decision_on` lacks the notice the law asks
    for; None when it has it. `notified_on` is the day a notice first listed it."""
    deadline = key_decision_notice_deadline(decision_on, convention=convention)
    if notified_on is not None and notified_on <= deadline.date:
        return None
    late = (
        f"Not notified 28 clear days before {decision_on:%-d %B %Y} (the notice was due by "
        f"{deadline.date:%-d %B %Y}; {NOTICE_CITATION}"
        + (f", and {PRIVATE_CITATION} for a decision in private" if private else "")
        + ")"
    )
    if exception == Exception_.GENERAL:
        if chair_informed_on is None or exception_notice_on is None:
            return f"{late}, and the general exception needs the chair of scrutiny told and a notice published ({GENERAL_EXCEPTION_CITATION})."
        earliest = general_exception_earliest(chair_informed_on=chair_informed_on,
                                              notice_published_on=exception_notice_on, convention=convention)
        if decision_on < earliest:
            return (f"{late}, and under the general exception it may not be made before {earliest:%-d %B %Y}, "
                    f"5 clear days after the chair was told and the notice published ({GENERAL_EXCEPTION_CITATION}).")
        return None
    if exception == Exception_.SPECIAL_URGENCY:
        if chair_agreed_on is None or chair_agreed_on > decision_on:
            return f"{late}, and special urgency needs the chair of scrutiny's agreement before it is made ({SPECIAL_URGENCY_CITATION})."
        return None
    return f"{late}, and without a general exception ({GENERAL_EXCEPTION_CITATION}) or special urgency ({SPECIAL_URGENCY_CITATION})."

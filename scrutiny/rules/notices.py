"""Statements the law requires on agendas, packs and pages, each worded once.

Local Government Act 1972, Part VA (applied to committees by s100E):
- s100B(4)(b): an item not open to inspection for five clear days may be considered only if
  the chair, "by reason of special circumstances, which shall be specified in the minutes",
  decides it should be considered as a matter of urgency: the supplementary item states them.
- s100A(7A)-(7D), inserted by the Openness of Local Government Bodies Regulations 2014
  (SI 2014/2095): anyone may film, photograph, record and report an open meeting.
- Part VA as a whole: agendas, reports and minutes are open to the public, exempt
  information (Schedule 12A) excepted; the wording of the exempt-information mark and of the
  exclusion resolution is in scrutiny.rules.exempt_information.
"""

from __future__ import annotations

import datetime as dt

URGENCY_CITATION = "LGA 1972 s100B(4)(b)"
RIGHT_TO_REPORT_CITATION = "Local Government Act 1972 s100A(7A)"

RIGHT_TO_REPORT = (
    "Members of the public may attend, film and report the open part of the meeting "
    f"({RIGHT_TO_REPORT_CITATION})."
)

PUBLICATION_BASIS = (
    "Agendas, reports and minutes are published under the Local Government Act 1972, Part VA. "
    "Exempt information (Schedule 12A) is not published."
)


def urgency_statement(reason: str) -> str:
    """The statement printed with a supplementary (late) item: the special circumstances for
    which the Chairman decided it is urgent."""
    return f"Supplementary item: considered as urgent because {reason.strip()}"


def late_agenda_statement(reason: str) -> str:
    """The statement printed once, at the head of an agenda published late as a whole (none of
    it was published in time, so no item is supplementary to another): the special
    circumstances for which its business is considered as a matter of urgency."""
    return f"This agenda was published after the last lawful day: its business is considered as urgent because {reason.strip()}"


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def late_agenda_refusal(*, meeting_day: str, deadline: dt.date) -> str:
    """Why an agenda cannot be published after its last lawful day without the reason for
    urgency, and what to record instead."""
    return (
        f"The last lawful day to publish the agenda for {meeting_day} was {_day(deadline)} "
        "(five clear days). To publish now, record the special circumstances for which the "
        f"Chairman decided the business is urgent ({URGENCY_CITATION})."
    )

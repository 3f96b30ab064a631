"""Deadlines the committee works to, each with its source.

This module will hold the whole statutory calendar (agenda publication, key decisions,
responses). It starts with the protocol's notice to partners.
"""

from __future__ import annotations

import datetime as dt

# The Crime and Disorder (Overview and Scrutiny) Regulations 2009 (SI 2009/942) oblige a
# responsible authority's officer to attend when given "reasonable notice" (reg 6) and to
# provide information requested in writing by the date the request gives (reg 5). The
# committee's protocol fixes the notice: 28 days in the Kent protocol (2009), "shorter only
# for urgent items". The number and how it is counted are settings of the committee.
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

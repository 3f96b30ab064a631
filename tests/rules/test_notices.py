"""The statements printed on agendas: worded once, with real dates where dates matter."""

import datetime as dt

from scrutiny.rules.deadlines import agenda_publication_deadline
from scrutiny.rules.notices import (
    RIGHT_TO_REPORT,
    late_agenda_refusal,
    late_agenda_statement,
    urgency_statement,
)


def test_the_urgency_statement_gives_the_special_circumstances():
    assert urgency_statement(" a serious incident on 15 February ") == (
        "Supplementary item: considered as urgent because a serious incident on 15 February"
    )


def test_an_agenda_late_as_a_whole_states_its_special_circumstances_once():
    assert late_agenda_statement(" the Strategic Assessment was agreed on 13 February ") == (
        "This agenda was published after the last lawful day: its business is considered as urgent "
        "because the Strategic Assessment was agreed on 13 February"
    )


def test_the_late_refusal_names_the_last_lawful_day_of_the_february_2018_meeting():
    deadline = agenda_publication_deadline(dt.date(2018, 2, 21)).date
    assert late_agenda_refusal(meeting_day="Wednesday 21 February 2018", deadline=deadline) == (
        "The last lawful day to publish the agenda for Wednesday 21 February 2018 was Tuesday 13 February "
        "2018 (five clear days). To publish now, record the special circumstances for which the Chairman "
        "decided the business is urgent (LGA 1972 s100B(4)(b))."
    )


def test_the_late_refusal_counts_over_the_spring_bank_holiday():
    # DOMAIN.md's worked example: meeting Wednesday 27 May 2026, bank holiday Monday 25 May.
    deadline = agenda_publication_deadline(dt.date(2026, 5, 27)).date
    text = late_agenda_refusal(meeting_day="Wednesday 27 May 2026", deadline=deadline)
    assert "was Monday 18 May 2026 (five clear days)" in text


def test_the_right_to_report_cites_the_act():
    assert RIGHT_TO_REPORT == (
        "Members of the public may attend, film and report the open part of the meeting "
        "(Local Government Act 1972 s100A(7A))."
    )

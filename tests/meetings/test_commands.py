import pytest
from django.core.management import CommandError, call_command


def test_deadlines_prints_the_last_lawful_day_and_why(capsys, db):
    call_command("deadlines", "2018-02-21")
    out = capsys.readouterr().out
    assert "Publish the agenda and reports by: Tuesday 13 February 2018" in out
    assert "Not counted: Saturday 17 February 2018 (weekend)." in out
    assert "Calendar days would give Thursday 15 February 2018" in out
    assert "Ask a partner to attend or to provide information by: Tuesday 23 January 2018" in out


def test_deadlines_with_calendar_counting(capsys, db):
    call_command("deadlines", "2026-05-27", "--convention", "calendar")
    assert "Publish the agenda and reports by: Thursday 21 May 2026" in capsys.readouterr().out


def test_deadlines_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="is not a date: write it as YYYY-MM-DD"):
        call_command("deadlines", "21/02/2018")

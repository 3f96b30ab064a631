import pytest
from django.core.management import CommandError, call_command

from scrutiny.governance.models import Person
from scrutiny.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_loaddemo_prints_how_to_sign_in_and_is_idempotent(capsys):
    call_command("loaddemo", "--performance-months", "2")
    out = capsys.readouterr().out
    assert "Sign in as 'officer'" in out and "Sign in as 'member'" in out
    assert "generated monthly counts, February 2022 to March 2022" in out
    assert Person.objects.get(slug="r-j-wells").user.username == "member"
    call_command("loaddemo", "--performance-months", "0")
    again = capsys.readouterr().out
    assert "0 record(s) created or updated" in again
    assert "password unchanged" in again


def test_loaddemo_dry_run(capsys):
    call_command("loaddemo", "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not Meeting.objects.exists()


def test_loaddemo_reports_bad_data_clearly(tmp_path):
    (tmp_path / "organisations.yaml").write_text("organisations: [")
    with pytest.raises(CommandError, match="nothing was loaded: organisations.yaml: not valid YAML"):
        call_command("loaddemo", "--source", str(tmp_path))

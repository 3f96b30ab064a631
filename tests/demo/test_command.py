import pytest
from django.core.management import CommandError, call_command

from scrutiny.governance.models import Person
from scrutiny.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_loaddemo_prints_how_to_sign_in_and_is_idempotent(capsys):
    call_command("loaddemo", "--performance-months", "2")
    out = capsys.readouterr().out
    for account in ("officer", "officer2", "member", "superuser"):
        assert f"Sign in as '{account}'" in out
    assert "Example District Council (invented) loaded" in out
    assert "generated monthly counts, February 2022 to March 2022" in out
    assert Person.objects.get(slug="r-j-wells").user.username == "member"
    call_command("loaddemo", "--performance-months", "0")
    again = capsys.readouterr().out
    assert again.count(" 0 record(s) created or updated") == 2  # Dartford, then the example
    assert "password unchanged" in again


def test_loaddemo_dry_run(capsys):
    call_command("loaddemo", "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not Meeting.objects.exists()


def test_loaddemo_reports_bad_data_clearly(tmp_path):
    (tmp_path / "organisations.yaml").write_text("organisations: [")
    with pytest.raises(CommandError, match="nothing of it was loaded: organisations.yaml: not valid YAML"):
        call_command("loaddemo", "--source", str(tmp_path))

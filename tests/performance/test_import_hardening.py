"""Careless and hostile input to the performance imports (issue 16, items 5 and 6): files with
nothing to count, zip bombs, impossible months and forces, numbers beyond their columns, and
import runs never left "running"."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DataError, connection
from django.utils import timezone

from scrutiny.performance import archives, ons, police, services
from scrutiny.performance.areas import AreaRefused, population_import
from scrutiny.performance.limits import current_month
from scrutiny.performance.models import (
    ImportRun,
    ImportStatus,
    PartnerFigure,
    PartnerIndicator,
    PoliceMonth,
    Population,
)
from scrutiny.performance.partner import FigureRow, PartnerSheetError, read_sheet
from scrutiny.performance.periods import Period, PeriodError
from scrutiny.performance.services import partner_figures_upload, police_import, police_month_clear
from tests.access.viewers import officer_of
from tests.factories import OrganisationFactory
from tests.performance.factories import count_total
from tests.performance.test_police_import import street_row, write_street

pytestmark = pytest.mark.django_db

JAN = dt.date(2022, 1, 1)
POLICE_URL = "/performance/imports/police/"
CLEAR_URL = "/performance/imports/police/clear/"
BOMB_BYTES = 200 * 1024 * 1024


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A zip of one member, 200 MB of zeros, written from a generator: about 200 KB."""
    buffer = io.BytesIO()
    with (zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf,
          zf.open("2022-01/2022-01-kent-street.csv", "w") as member):
        chunk = bytes(1 << 20)
        for _ in range(BOMB_BYTES >> 20):
            member.write(chunk)
    return buffer.getvalue()


@pytest.fixture
def january_held(tmp_path):
    """Kent's January 2022 held: three rows counted."""
    write_street(tmp_path / "held" / "2022-01-kent-street.csv", [street_row()] * 3)
    police_import(sources=[tmp_path / "held"])
    assert count_total(force="kent", month=JAN) == 3
    return tmp_path


def _header_only(path):
    write_street(path, [])


def _html_after_header(path):
    write_street(path, [], extra_lines="<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n")


# --- 1. a file with nothing to count never replaces a month -------------------------------------


@pytest.mark.parametrize("write", [_header_only, _html_after_header], ids=["header only", "an error page"])
def test_a_file_with_nothing_to_count_never_replaces_the_month_held(january_held, write):
    write(january_held / "new" / "2022-01-kent-street.csv")
    run = police_import(sources=[january_held / "new"])
    assert count_total(force="kent", month=JAN) == 3  # was 0: the month replaced with nothing
    assert PoliceMonth.objects.get(force="kent", month=JAN).rows_loaded == 3
    assert run.status == ImportStatus.FAILED
    refused = run.police_files.get()
    assert "2022-01-kent-street.csv: refused" in refused.error
    assert "The 3 rows held for kent 2022-01 are unchanged" in refused.error
    assert "--clear-month kent 2022-01" in refused.error
    assert "No file could be stored. 2022-01-kent-street.csv: refused" in run.message


def test_the_upload_page_says_why_a_file_with_nothing_to_count_is_refused(client, officer, january_held):
    client.force_login(officer)
    _header_only(january_held / "2022-01-kent-street.csv")
    upload = SimpleUploadedFile("2022-01-kent-street.csv", (january_held / "2022-01-kent-street.csv").read_bytes())
    response = client.post(POLICE_URL, {"files": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "2022-01-kent-street.csv: refused: it holds no rows after its header" in page
    assert "The 3 rows held for kent 2022-01 are unchanged" in page
    assert "Nothing was imported" not in page
    assert count_total(force="kent", month=JAN) == 3


def test_the_command_says_why_a_file_with_nothing_to_count_is_refused(january_held):
    _header_only(january_held / "new" / "2022-01-kent-street.csv")
    out = io.StringIO()
    with pytest.raises(CommandError, match="refused: it holds no rows after its header"):
        call_command("import-police", str(january_held / "new"), "--quiet-progress", stdout=out)
    assert "REFUSED: 2022-01-kent-street.csv: refused" in out.getvalue()
    assert count_total(force="kent", month=JAN) == 3


def test_a_month_is_cleared_only_on_purpose_with_a_reason_recorded(january_held, officer):
    with pytest.raises(ValidationError, match="Say why"):
        police_month_clear(force="kent", month=JAN, by=officer, reason="  ")
    with pytest.raises(ValidationError, match="No counts are held for kent 2021-12"):
        police_month_clear(force="kent", month=dt.date(2021, 12, 1), by=officer, reason="wrong file")
    assert count_total(force="kent", month=JAN) == 3
    run = police_month_clear(force="kent", month=JAN, by=officer, reason="Loaded from the wrong file")
    assert count_total(force="kent", month=JAN) == 0
    assert not PoliceMonth.objects.filter(force="kent", month=JAN).exists()
    assert run.by == officer and run.status == ImportStatus.COMPLETED
    assert run.report["reason"] == "Loaded from the wrong file" and run.report["cleared"]["rows_held"] == 3
    assert run.message == "kent 2022-01 cleared: the 3 rows held were removed. Reason: Loaded from the wrong file"


def test_the_command_clears_a_month(january_held):
    with pytest.raises(CommandError, match="--reason"):
        call_command("import-police", "--clear-month", "kent", "2022-01")
    with pytest.raises(CommandError, match="is not a month"):
        call_command("import-police", "--clear-month", "kent", "2022-1x", "--reason", "test")
    out = io.StringIO()
    call_command("import-police", "--clear-month", "kent", "2022-01", "--reason", "test", stdout=out)
    assert "kent 2022-01 cleared: the 3 rows held were removed." in out.getvalue()
    assert count_total(force="kent", month=JAN) == 0
    with pytest.raises(CommandError, match="No counts are held for kent 2022-01"):
        call_command("import-police", "--clear-month", "kent", "2022-01", "--reason", "again")


def test_an_officer_clears_a_month_on_the_import_screen(client, officer, january_held):
    assert client.get(CLEAR_URL).status_code in (302, 403)  # not signed in
    client.force_login(officer)
    assert "performance/imports/police/clear/" in client.get("/performance/imports/").content.decode()
    response = client.post(CLEAR_URL, {"force": "kent", "month": "2022-01", "reason": ""})
    assert response.status_code == 400 and "Say why the month is to be cleared" in response.content.decode()
    response = client.post(CLEAR_URL, {"force": "kent", "month": "2022-01", "reason": "A test load"})
    assert response.status_code == 302
    assert count_total(force="kent", month=JAN) == 0
    assert ImportRun.internal.filter(report__reason="A test load", by=officer).exists()


# --- 2. zip archives and workbooks checked before they are unpacked ----------------------------


def _never_unpacked(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(police, "member_copy", refuse)


def test_a_zip_bomb_of_police_files_is_refused_before_anything_is_unpacked(tmp_path, bomb, monkeypatch):
    assert len(bomb) < 1024 * 1024  # under 1 MB, 200 MB unpacked
    (tmp_path / "download.zip").write_bytes(bomb)
    _never_unpacked(monkeypatch)
    run = police_import(sources=[tmp_path / "download.zip"], dry_run=True)
    assert run.status == ImportStatus.FAILED
    assert run.message.startswith("download.zip: 2022-01/2022-01-kent-street.csv would unpack from 0.2 MB to 200.0 MB")
    assert "(a zip bomb?); nothing was unpacked." in run.message


def test_the_upload_page_refuses_a_zip_bomb(client, officer, bomb):
    client.force_login(officer)
    response = client.post(POLICE_URL, {"files": SimpleUploadedFile("download.zip", bomb)})
    assert response.status_code == 400
    assert "would unpack from 0.2 MB to 200.0 MB, more than 100 times" in response.content.decode()


def test_an_archive_of_too_many_files_or_too_large_is_refused(tmp_path, monkeypatch):
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for month in (1, 2, 3):
            zf.writestr(f"2022-0{month}/2022-0{month}-kent-street.csv", "x" * 1000)
    monkeypatch.setattr(police, "POLICE_ARCHIVE", archives.ArchiveLimits(members=2, unpacked_bytes=10**9, ratio=100,
                                                                         advice="unpack it"))
    run = police_import(sources=[archive])
    assert run.message == "download.zip: holds 3 files, more than the 2 an archive may hold; unpack it."
    monkeypatch.setattr(police, "POLICE_ARCHIVE", archives.ArchiveLimits(members=10, unpacked_bytes=2000, ratio=100,
                                                                         advice="unpack it"))
    run = police_import(sources=[archive])
    assert run.message.startswith("download.zip: would unpack to 0.0 MB, more than the 0.0 MB allowed")


def test_a_real_archive_is_unpacked_in_chunks_and_imported(tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "CHUNK_BYTES", 100)
    rows = tmp_path / "rows"
    write_street(rows / "2022-01-kent-street.csv", [street_row()] * 50)
    with zipfile.ZipFile(tmp_path / "download.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(rows / "2022-01-kent-street.csv", "2022-01/2022-01-kent-street.csv")
    run = police_import(sources=[tmp_path / "download.zip"])
    assert run.status == ImportStatus.COMPLETED and count_total(force="kent", month=JAN) == 50


def test_a_workbook_bomb_is_refused_before_openpyxl_reads_it(bomb, monkeypatch, world):
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(PartnerSheetError) as caught:
        read_sheet("fires.xlsx", bomb)
    assert "fires.xlsx: 2022-01/2022-01-kent-street.csv would unpack from 0.2 MB to 200.0 MB" in caught.value.problems[0]
    with pytest.raises(AreaRefused, match=r"population_mid2020\.xlsx: .* would unpack from 0\.2 MB to 200\.0 MB"):
        population_import(source=SimpleUploadedFile("population_mid2020.xlsx", bomb))
    with pytest.raises(ons.OnsFormatError, match="a zip bomb"):
        ons.read_lsoa_lookup(io.BytesIO(bomb))


# --- 3. months police.uk cannot have, forces it does not have -----------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2099-01-kent-street.csv", "2099-01-kent-street.csv: police.uk has no street-level data for January 2099"),
        ("2010-11-kent-street.csv", "2010-11-kent-street.csv: police.uk has no street-level data for November 2010"),
        ("2022-01-kentt-street.csv", "2022-01-kentt-street.csv: 'kentt' is not a force police.uk publishes"),
    ],
)
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_impossible_months_and_unknown_forces_are_refused_by_name(tmp_path, name, message, dry_run):
    month = name[:7]
    write_street(tmp_path / name, [street_row(Month=month)])
    write_street(tmp_path / "2022-02-kent-street.csv", [street_row(Month="2022-02")])
    run = police_import(sources=[tmp_path], dry_run=dry_run)
    refused = run.police_files.get(name=name)
    assert refused.error.startswith(message) and refused.rows_read == 0  # never read
    assert not run.police_files.get(name="2022-02-kent-street.csv").error
    assert message in run.message if dry_run else run.message == "1 of 2 files stored."
    assert not PoliceMonth.objects.filter(month=dt.date.fromisoformat(month + "-01")).exists()


def test_the_first_month_and_this_month_are_accepted():
    assert police.street_file_refusal(police.parse_street_name(police.Path("2010-12-kent-street.csv"))) is None
    this_month = current_month()
    name = f"{this_month:%Y-%m}-metropolitan-street.csv"
    assert police.street_file_refusal(police.parse_street_name(police.Path(name))) is None


# --- 4. numbers against their columns; periods on the public page --------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("999999999999", "the value '999999999999' is too large: a figure must be less than 100,000,000,000"),
        ("1e400", "the value '1e400' is too large"),
        ("1" * 40, "the value of 40 characters ('111111111111'...) is too large"),
        ("nan", "the value 'nan' is not a number"),
        ("inf", "the value 'inf' is not a number"),
        ("-Infinity", "the value '-Infinity' is not a number"),
    ],
)
def test_a_partner_figure_beyond_its_column_is_refused_naming_the_row(value, problem):
    sheet = f"Period,Value\n2022-Q1,12\n2022-Q2,{value}\n".encode()
    with pytest.raises(PartnerSheetError) as caught:
        read_sheet("fires.csv", sheet)
    assert caught.value.problems[0].startswith(f"row 3: {problem}")


def test_a_partner_figure_is_rounded_to_the_columns_places():
    rows = read_sheet("fires.csv", b"Period,Value\n2022-Q1,33.33333\n2022-Q2,99999999999.999\n")
    assert [r.value for r in rows] == [Decimal("33.333"), Decimal("99999999999.999")]


@pytest.mark.parametrize(
    ("period", "problem"),
    [
        ("9999-Q4", "row 2: the period '9999-Q4' is outside the years a figure may cover (2000 to "),
        ("9999-12", "row 2: the period '9999-12' is outside the years a figure may cover"),
        ("1066-01", "row 2: the period '1066-01' is outside the years a figure may cover"),
    ],
)
def test_a_partner_period_far_off_is_refused_clearly(period, problem):
    with pytest.raises(PartnerSheetError) as caught:
        read_sheet("fires.csv", f"Period,Value\n{period},3\n".encode())
    assert caught.value.problems[0].startswith(problem)
    assert "out of range" not in caught.value.problems[0]


def test_a_partner_date_far_off_is_refused_clearly():
    with pytest.raises(PartnerSheetError) as caught:
        read_sheet("fires.csv", b"Period start,Period end,Value\n01/10/9999,31/12/9999,3\n")
    assert caught.value.problems == ["row 2: the period 01/10/9999 to 31/12/9999 is outside the dates a figure may "
                                     f"cover (01/01/2000 to 31/12/{timezone.localdate().year + 1})"]


@pytest.mark.parametrize(
    ("population", "detail"),
    [
        ("9" * 400, "All ages has 400 digits, more than 100,000,000"),
        ("150000000", "All ages is 150,000,000: an estimate is from 1 to 100,000,000"),
        ("0", "All ages is 0: an estimate is from 1 to 100,000,000"),
    ],
)
def test_a_population_beyond_any_area_is_refused_naming_the_line(population, detail):
    text = f"Code,Name,Geography,All ages\nE07000107,Dartford,Non-metropolitan District,{population}\n" \
           "E07000105,Ashford,Non-metropolitan District,132000\n"
    run = population_import(source=SimpleUploadedFile("population_mid2020_LAD.csv", text.encode()))
    assert f"1 rows not loaded (line 2: E07000107: {detail})" in run.message
    assert list(Population.objects.values_list("area__code", "population")) == [("E07000105", 132000)]


def test_a_population_year_outside_those_held_is_refused(tmp_path):
    text = b"Code,Name,Geography,All ages\nE07000107,Dartford,Non-metropolitan District,100000\n"
    run = population_import(source=SimpleUploadedFile("population_mid1950_LAD.csv", text))
    assert "line 2: mid-1950 for E07000107: estimates are held for 1971 to 2100" in run.message
    assert not Population.objects.exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=0001-01", "0001-01 is before January 2000, the earliest month a report covers."),
        ("?from=0000-01", "&#x27;0000-01&#x27; is not a month"),
        ("?from=9999-12", "9999-12 is after this month"),
        ("?from=2022-01&to=9999-12", "9999-12 is after this month"),
        ("?from=9999-Q4", "&#x27;9999-Q4&#x27; is not a month: write it as YYYY-MM"),
    ],
)
def test_the_public_page_answers_far_off_periods_with_a_message(client, world, query, message):
    home, *_ = world
    response = client.get(f"/performance/{home.code}/{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert client.get(f"/performance/{home.code}/report.pdf{query}").status_code == 404


def test_a_period_is_bounded_by_the_earliest_month_and_this_month():
    with pytest.raises(PeriodError, match="before January 2000"):
        Period.parse("1999-12", "2000-01")
    with pytest.raises(PeriodError, match="after this month"):
        Period.parse("2022-01", "2099-01")
    assert Period.parse("2000-01", "2000-03").length == 3


@pytest.fixture
def fires(world):
    *_, group = world
    return PartnerIndicator.internal.create(committee=group.committee, organisation=OrganisationFactory(),
                                            name="Deliberate fires", slug="fires")


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="only SQLite keeps what its column cannot hold")
@pytest.mark.parametrize("stored", ["999999999999", "1e400"])
def test_the_public_page_never_fails_on_a_figure_stored_before_the_checks(client, world, fires, stored):
    """SQLite kept such figures as given (they are refused now); the page leaves them out."""
    home, *_ = world
    PartnerFigure.internal.create(indicator=fires, period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 3, 31),
                                  value=Decimal(1))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {PartnerFigure._meta.db_table} SET value = {stored}")  # noqa: S608 (test data)
    query = "?from=2022-01&to=2022-03"
    response = client.get(f"/performance/{home.code}/{query}")
    assert response.status_code == 200 and "Deliberate fires" in response.content.decode()
    assert client.get(f"/performance/{home.code}/report.pdf{query}").status_code == 200
    assert client.get(f"/performance/{home.code}/report.docx{query}").status_code == 200


# --- 5. no import run left "running" ------------------------------------------------------------


def test_a_database_refusal_of_partner_figures_leaves_the_run_failed_not_running(fires, monkeypatch):
    def refuse(*args, **kwargs):
        raise DataError("numeric field overflow")

    monkeypatch.setattr(type(PartnerFigure.internal), "update_or_create", refuse)
    with pytest.raises(PartnerSheetError) as caught:
        partner_figures_upload(indicator=fires, name="fires.csv", content=b"Period,Value\n2022-Q1,3\n", by=None)
    assert caught.value.problems == ["fires.csv: the database refused the figures (DataError); none were stored."]
    run = ImportRun.internal.get(kind="partner")
    assert run.status == ImportStatus.FAILED and run.finished_at is not None
    assert run.message == "Nothing stored: the database refused the figures (DataError); none were stored"


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL refuses what numeric(14, 3) cannot hold")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_an_overflow_past_the_reader_leaves_the_run_failed(fires, monkeypatch):
    """The reader refuses such figures; were one to pass it, PostgreSQL's DataError aborts the
    transaction, and the run is marked failed after the rollback."""
    monkeypatch.setattr(services, "read_sheet", lambda name, content: [
        FigureRow(line=2, period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 3, 31),
                  value=Decimal("999999999999"), note=""),
    ])
    with pytest.raises(PartnerSheetError):
        partner_figures_upload(indicator=fires, name="fires.csv", content=b"", by=None)
    run = ImportRun.internal.get(kind="partner")
    assert run.status == ImportStatus.FAILED
    assert not PartnerFigure.internal.exists()


def test_the_upload_page_shows_a_refused_figure_with_its_row(client, officer, fires):
    client.force_login(officer_of(fires.committee.council, username="csm"))
    sheet = SimpleUploadedFile("fires.csv", b"Period,Value\n2022-Q1,1e400\n")
    response = client.post(f"/performance/partner-indicators/{fires.pk}/upload/", {"file": sheet})
    assert response.status_code == 400
    assert "row 2: the value &#x27;1e400&#x27; is too large" in response.content.decode()
    assert ImportRun.internal.get(kind="partner").status == ImportStatus.FAILED

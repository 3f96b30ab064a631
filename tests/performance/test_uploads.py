"""Officers upload police.uk files and ONS files on the web: the same imports as the commands."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scrutiny.performance.models import Area, ImportRun, Population
from tests.factories import UserFactory
from tests.performance.factories import count_total
from tests.performance.test_police_import import MESSY_ROWS, street_row, write_street

pytestmark = pytest.mark.django_db

KENT = Path(__file__).resolve().parents[2] / "scrutiny" / "performance" / "data" / "kent"
POLICE_URL = "/performance/imports/police/"
ONS_URL = "/performance/imports/ons/"


def street_bytes(tmp_path, name: str, rows) -> bytes:
    path = tmp_path / name
    write_street(path, rows)
    return path.read_bytes()


def total() -> int:
    return count_total()


def test_officer_uploads_street_files_and_sees_the_history(client, officer, tmp_path):
    client.force_login(officer)
    jan = street_bytes(tmp_path, "2022-01-kent-street.csv", [street_row(), street_row()])
    feb = street_bytes(tmp_path, "2022-02-kent-street.csv",
                       [street_row(Month="2022-02"), street_row(Month="2022-02", **{"LSOA code": ""})])
    response = client.post(POLICE_URL, {"files": [SimpleUploadedFile("2022-01-kent-street.csv", jan),
                                                  SimpleUploadedFile("2022-02-kent-street.csv", feb)]})
    assert response.status_code == 302 and response.url == "/performance/imports/"
    assert total() == 3  # the row with no LSOA is rejected, not counted
    run = ImportRun.internal.get()
    assert run.by == officer and run.rows_read == 4 and run.rows_rejected == 1
    history = client.get(response.url).content.decode()
    assert "2022-02-kent-street.csv" in history


def test_a_zip_as_downloaded_replaces_the_month_without_double_counting(client, officer, tmp_path):
    client.force_login(officer)
    csv_bytes = street_bytes(tmp_path, "street.csv", MESSY_ROWS)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2022-01/2022-01-kent-street.csv", csv_bytes)
        zf.writestr("2022-01/2022-01-kent-outcomes.csv", "Crime ID,Month\n")
    for _ in range(2):
        response = client.post(POLICE_URL, {"files": SimpleUploadedFile("download.zip", archive.getvalue())})
        assert response.status_code == 302
    once = total()
    assert once > 0
    assert count_total(month="2022-01-01", force="kent") == once
    assert ImportRun.internal.count() == 2


def test_a_dry_run_stores_no_counts(client, officer, tmp_path):
    client.force_login(officer)
    jan = street_bytes(tmp_path, "2022-01-kent-street.csv", [street_row()])
    response = client.post(POLICE_URL, {"files": SimpleUploadedFile("2022-01-kent-street.csv", jan), "dry_run": "on"})
    assert response.status_code == 302
    assert total() == 0
    assert "dry run" in ImportRun.internal.get().message.lower()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.pdf", b"%PDF-1.4", "is not a zip archive or a CSV file"),
        ("notes.csv", b"a,b\n1,2\n", "Nothing was imported"),
        ("broken.zip", b"PK\x03\x04 not really", "Nothing was imported"),
    ],
)
def test_files_that_are_not_police_data_are_refused_with_a_message(client, officer, name, content, message):
    client.force_login(officer)
    response = client.post(POLICE_URL, {"files": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert total() == 0


def test_no_file_chosen_is_a_clear_error(client, officer):
    client.force_login(officer)
    response = client.post(POLICE_URL, {})
    assert response.status_code == 400
    assert "Choose the police.uk zip archive or street-level files to upload" in response.content.decode()


def test_officer_uploads_ons_lookup_and_population(client, officer):
    client.force_login(officer)
    lookup = (KENT / "lsoa_ward_district.csv").read_bytes()
    response = client.post(ONS_URL, {"kind": "lookup", "file": SimpleUploadedFile("lookup.csv", lookup)})
    assert response.status_code == 302
    dartford = Area.objects.get(code="E07000107")
    assert dartford.level == "district"
    population = (KENT / "population_kent.csv").read_bytes()
    response = client.post(ONS_URL, {"kind": "population", "file": SimpleUploadedFile("pop.csv", population)})
    assert response.status_code == 302
    assert Population.objects.get(area=dartford, year=2020).population == 114_051


def test_ons_dry_run_and_refusal_store_nothing(client, officer):
    client.force_login(officer)
    lookup = (KENT / "lsoa_ward_district.csv").read_bytes()
    response = client.post(ONS_URL, {"kind": "lookup", "file": SimpleUploadedFile("lookup.csv", lookup),
                                     "dry_run": "on"})
    assert response.status_code == 302
    assert not Area.objects.exists()
    response = client.post(ONS_URL, {"kind": "population", "file": SimpleUploadedFile("x.csv", b"nothing,here\n1,2\n")})
    assert response.status_code == 400
    assert "Nothing was stored" in response.content.decode()
    assert not Population.objects.exists()


def test_only_officers_may_upload(client, tmp_path):
    jan = street_bytes(tmp_path, "2022-01-kent-street.csv", [street_row()])
    for url in (POLICE_URL, ONS_URL):
        assert client.get(url).status_code == 302  # to sign in
    client.force_login(UserFactory(username="resident"))
    for url in (POLICE_URL, ONS_URL):
        assert client.get(url).status_code == 403
    assert client.post(POLICE_URL, {"files": SimpleUploadedFile("2022-01-kent-street.csv", jan)}).status_code == 403
    assert total() == 0 and not ImportRun.internal.exists()


def test_the_imports_page_links_the_uploads_and_file_inputs_accept_the_right_files(client, officer):
    client.force_login(officer)
    page = client.get("/performance/imports/").content.decode()
    assert 'href="/performance/imports/police/"' in page and 'href="/performance/imports/ons/"' in page
    police = client.get(POLICE_URL).content.decode()
    assert 'accept=".zip,.csv" multiple' in police
    assert 'accept=".csv,.xls,.xlsx"' in client.get(ONS_URL).content.decode()


def test_a_damaged_zip_is_refused_by_name_and_the_history_names_the_upload(client, officer, tmp_path):
    client.force_login(officer)
    csv_bytes = street_bytes(tmp_path, "street.csv", [street_row()] * 50)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("2022-01/2022-01-kent-street.csv", csv_bytes)
    damaged = bytearray(archive.getvalue())
    middle = len(damaged) // 2
    damaged[middle:middle + 8] = b"XXXXXXXX"  # the member's data, so its CRC no longer matches
    response = client.post(POLICE_URL, {"files": SimpleUploadedFile("kent-2022-01.zip", bytes(damaged))})
    assert response.status_code == 400
    assert "kent-2022-01.zip: a damaged or unreadable zip archive" in response.content.decode()
    assert total() == 0
    run = ImportRun.internal.get()
    assert run.status == "failed" and run.source == "Uploaded: kent-2022-01.zip"
    assert "police-upload-" not in run.source  # not the temporary folder it was read from

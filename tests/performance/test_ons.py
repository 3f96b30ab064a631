"""Reading ONS lookups and population estimates: the published files, messy inputs, the Kent fixtures."""

from __future__ import annotations

import dataclasses
import functools
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from scrutiny.dev.kent_fixtures import write_kent_fixtures
from scrutiny.performance.ons import (
    KENT_DISTRICTS,
    KENT_FIXTURES_DIR,
    DistrictRow,
    LookupRead,
    LsoaRow,
    OnsFormatError,
    PopulationRead,
    PopulationRow,
    geography_for_code,
    read_district_lookup,
    read_lsoa_lookup,
    read_population,
    year_from_text,
)

DARTFORD = "E07000107"
GRAVESHAM = "E07000109"
DARTFORD_AND_GRAVESHAM_CSP = "E22000352"
FOOTNOTE = (
    '"1. Further information, on how the different tiers of administrative geography in the United Kingdom '
    "fit together, is given in the 'Admin geography hierarchy' tab.\",,,,,"
)


# The published files are read once per test run: the LSOA lookup has 34,753 rows.
@functools.cache
def lsoa_2017(shared: Path) -> LookupRead[LsoaRow]:
    return read_lsoa_lookup(shared / "ons" / "LSOA11_WD17_LAD17_EW_lookup.csv")


@functools.cache
def population(shared: Path, name: str) -> PopulationRead:
    return read_population(shared / "ons" / name)


def write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def upload(data: bytes, name: str | None = None) -> io.BytesIO:
    """A file-like object as a form upload gives it: bytes, and the client's file name if any."""
    handle = io.BytesIO(data)
    if name:
        handle.name = name
    return handle


# --- the published files ---------------------------------------------------------------------


def test_lsoa_lookup_2017(shared_data):
    read = lsoa_2017(shared_data)
    assert read.kind == "lsoa"
    assert read.vintages == {"lsoa": "2011", "ward": "2017", "district": "2017"}
    assert read.report.columns["ward_name"] == "WD17NM"  # never the Welsh WD17NMW
    assert read.report.columns["ward_name_welsh"] == "WD17NMW"
    assert len(read.rows) == read.report.rows_read == 34_753
    assert read.report.rows_rejected == 0
    dartford = [row for row in read.rows if row.district_code == DARTFORD]
    assert len(dartford) == 58
    assert {row.district_name for row in dartford} == {"Dartford"}
    assert all(row.lsoa_name.startswith("Dartford ") and row.ward_code.startswith("E05") for row in dartford)


def test_lsoa_lookup_repairs_double_encoded_welsh_names(shared_data):
    read = lsoa_2017(shared_data)
    # The published file holds "Llanarmon-yn-IÃ¢l/Llandegla": UTF-8 read as Windows-1252 and saved again.
    llanarmon = next(row for row in read.rows if row.lsoa_code == "W01000203")
    assert (llanarmon.ward_name, llanarmon.ward_name_welsh) == (
        "Llanarmon-yn-Ial/Llandegla",
        "Llanarmon-yn-Iâl/Llandegla",
    )
    assert "Canolbarth Môn" in {row.ward_name for row in read.rows}
    assert "Yr Hôb" in {row.ward_name_welsh for row in read.rows}
    assert not any("Ã" in row.ward_name or "Ã" in row.ward_name_welsh for row in read.rows)
    assert read.report.count("repaired_text") == 90
    assert {row.ward_name_welsh for row in read.rows if row.ward_code.startswith("E")} == {""}


def test_district_lookups_in_either_column_order(shared_data):
    read_2017 = read_district_lookup(shared_data / "ons" / "LAD17_CSP17_PFA17_EW_lookup.csv")
    read_2019 = read_district_lookup(shared_data / "ons" / "LAD19_CSP19_PFA19_EW_lookup.csv")
    assert read_2017.report.columns["district_code"] == "LAD17CD"
    assert list(read_2019.report.columns.values()) == [
        "LAD19CD",
        "LAD19NM",
        "CSP19CD",
        "CSP19NM",
        "PFA19CD",
        "PFA19NM",
    ]
    assert read_2017.vintages == {"district": "2017", "csp": "2017", "force": "2017"}
    assert read_2019.vintages == {"district": "2019", "csp": "2019", "force": "2019"}
    by_code_2017 = {row.district_code: row for row in read_2017.rows}
    by_code_2019 = {row.district_code: row for row in read_2019.rows}
    assert by_code_2017[DARTFORD] == DistrictRow(
        DARTFORD, "Dartford", DARTFORD_AND_GRAVESHAM_CSP, "Dartford and Gravesham", "E23000032", "Kent"
    )
    # Same fields whichever the column order: the 2019 file starts with FID, the 2017 one ends with it.
    assert by_code_2019[DARTFORD] == by_code_2017[DARTFORD]
    assert by_code_2017[GRAVESHAM].csp_code == by_code_2019[GRAVESHAM].csp_code == DARTFORD_AND_GRAVESHAM_CSP
    # Shepway became Folkestone and Hythe in 2018; its CSP kept the old name in the 2019 lookup.
    assert by_code_2017["E07000112"].district_name == "Shepway"
    assert (by_code_2019["E07000112"].district_name, by_code_2019["E07000112"].csp_name) == (
        "Folkestone and Hythe",
        "Shepway",
    )
    kent = {code for code, row in by_code_2019.items() if row.force_code == "E23000032"}
    assert kent == set(KENT_DISTRICTS)


def test_district_lookup_2019_reports_districts_in_several_partnerships(shared_data):
    read = read_district_lookup(shared_data / "ons" / "LAD19_CSP19_PFA19_EW_lookup.csv")
    assert (read.report.rows_read, read.report.rows_kept) == (342, 339)
    group = read.report.group("duplicate_code")
    assert group is not None and group.count == 3
    assert [issue.line for issue in group.examples] == [134, 319, 320]
    assert "E07000244 already on line 133" in group.examples[0].detail
    assert "'Waveney' (was 'Suffolk Coastal')" in group.examples[0].detail
    east_suffolk = next(row for row in read.rows if row.district_code == "E07000244")
    assert east_suffolk.csp_name == "Suffolk Coastal"  # the first is kept


def test_population_mid2019(shared_data):
    read = population(shared_data, "population_mid2019_LAD.csv")
    assert read.year == 2019
    assert read.report.format == "csv (utf-8-sig)"
    assert read.report.columns["geography"] == "Geography1"
    assert read.get(DARTFORD) == PopulationRow(
        DARTFORD, "Dartford", "Non-metropolitan District", 112_606, 2019
    )
    assert read.get("E10000016").population == 1_581_555
    assert read.get("E92000001").name == "ENGLAND"
    assert {row.geography for row in read.rows} >= {
        "Country", "Region", "County", "Non-metropolitan District", "Unitary Authority", "London Borough",
        "Metropolitan District", "Metropolitan County", "Council Area", "Local Government District",
    }  # fmt: skip
    assert read.report.clean
    assert (read.report.rows_read, read.report.rows_kept, read.report.blank_lines) == (426, 426, 9)
    assert read.report.notes[0].startswith("line 433: 1. Further information")


def test_population_mid2020(shared_data):
    read = population(shared_data, "population_mid2020_LAD.csv")
    assert read.year == 2020
    assert read.report.columns["geography"] == "Geography"
    assert read.get(DARTFORD).population == 114_051
    assert read.get("E06000062").name == "West Northamptonshire"  # published with a trailing no-break space
    assert read.report.clean and len(read.rows) == 420


def test_population_mid2015_workbook(shared_data):
    read = population(shared_data, "population_mid2015_LAD_MYE2.xls")
    assert read.year == 2015
    assert read.report.format == "xls, sheet 'UK persons'"
    assert read.report.header_line == 3
    assert read.report.columns == {"code": "CODE", "name": "NAME", "population": "ALL AGES"}
    assert read.get(DARTFORD) == PopulationRow(
        DARTFORD, "Dartford", "Non-metropolitan District", 103_892, 2015
    )
    assert read.get("E07000112").name == "Shepway"
    assert read.get("E10000016").geography == "County"
    # Northern Ireland's districts are ":" (data not available) in this workbook.
    group = read.report.group("non_numeric_population")
    assert group is not None and group.count == 11
    assert group.examples[0].line == 433 and "N09000001" in group.examples[0].detail
    assert ": Data not available" in " ".join(read.report.notes)


def test_population_year_from_the_title_when_the_name_has_none(shared_data):
    data = (shared_data / "ons" / "population_mid2015_LAD_MYE2.xls").read_bytes()
    read = read_population(upload(data))
    assert read.source == "<upload>"
    assert read.year == 2015  # from "MYE2: Population Estimates ... in the UK, mid-2015"
    assert read.get(DARTFORD).population == 103_892
    assert "year mid-2015 taken from the title" in read.report.notes


def test_years_from_file_names():
    assert year_from_text("population_mid2019_LAD.csv") == 2019
    assert year_from_text("population_mid2015_LAD_MYE2.xls") == 2015
    assert year_from_text("Mid-2020 estimates.xlsx") == 2020
    assert year_from_text("pop_MID_2018.csv") == 2018
    assert year_from_text("ukpopestimatesmid2020on2021geography.xls") == 2020
    assert year_from_text("Mid-year population estimates 2017") == 2017
    assert year_from_text("LAD19_CSP19_PFA19_EW_lookup.csv") is None


# --- messy hand-made files ---------------------------------------------------------------------


MESSY_POPULATION = "\n".join(
    [
        "\ufeffCode,Name,Geography1,All ages,0,1,,,",
        'E92000001,ENGLAND,Country,"56,286,961","618,858","644,056",,,',
        "",
        'E07000107,Dartford\u00a0,Non-metropolitan District,"112,606",1,2,,,',
        'E07000107,Dartford,Non-metropolitan District,"112,606",,,,,',
        "E07000108,Dover,Non-metropolitan District,:,,,,,",
        "E07000109,Gravesham,Non-metropolitan District,-5,,,,,",
        ',Nowhere,Non-metropolitan District,"1,000",,,,,',
        'E0700011,Short,Non-metropolitan District,"1,000",,,,,',
        'E07000110,,Non-metropolitan District,"171,826",,,,,',
        'E07000111,Sevenoaks,,"120,750",,,,,',
        ",,,,,,,,",
        FOOTNOTE,
        "",
    ]
)


def test_population_messy_csv(tmp_path):
    path = write(tmp_path / "population_mid2019_LAD.csv", MESSY_POPULATION, newline="\r\n")
    read = read_population(path)
    assert read.year == 2019
    assert [(r.code, r.name, r.geography, r.population) for r in read.rows] == [
        ("E92000001", "ENGLAND", "Country", 56_286_961),
        ("E07000107", "Dartford", "Non-metropolitan District", 112_606),
        ("E07000110", "", "Non-metropolitan District", 171_826),
        ("E07000111", "Sevenoaks", "Non-metropolitan District", 120_750),  # the level from the code
    ]
    report = read.report
    assert (report.rows_read, report.rows_kept, report.rows_rejected, report.blank_lines) == (9, 4, 5, 2)
    lines = {group.kind: [issue.line for issue in group.examples] for group in report.issues}
    assert lines == {
        "blank_code": [8],
        "malformed_code": [9],
        "duplicate_code": [5],
        "non_numeric_population": [6],
        "negative_population": [7],
        "missing_name": [10],
    }
    assert "repeats" not in report.group("duplicate_code").examples[0].detail
    assert "the same figure" in report.group("duplicate_code").examples[0].detail
    assert "ONS marker" in report.group("non_numeric_population").examples[0].detail
    assert report.notes[0].startswith("line 13: 1. Further information")


def test_population_header_below_titles_with_old_column_names(tmp_path):
    text = "\n".join(
        [
            "Mid-2018 Population Estimates for local authorities,,",
            "ALL PERSONS,,",
            ",,",
            "Area code,Area name,ALL  AGES,0",
            "E07000107,Dartford,109709,1",
            "E07000108,Dover,-12,1",
            "W06000001,Ynys Môn,69723,1",
            "E07000109,Gravesham,x,1",
            "E07000110,Maidstone,1.5,1",
        ]
    )
    read = read_population(write(tmp_path / "estimates.csv", text, encoding="cp1252"))
    assert read.year == 2018
    assert read.report.header_line == 4
    assert read.report.format == "csv (cp1252)"
    assert read.rows == (
        PopulationRow(DARTFORD, "Dartford", "Non-metropolitan District", 109_709, 2018),
        PopulationRow("W06000001", "Ynys Môn", "Unitary Authority", 69_723, 2018),
    )
    assert read.report.count("negative_population") == 1
    assert read.report.count("non_numeric_population") == 2


def test_population_duplicate_with_another_figure_is_reported(tmp_path):
    text = "Code,Name,Geography,All ages\nE07000107,Dartford,X,100\nE07000107,Dartford,X,200\n"
    read = read_population(write(tmp_path / "mid2019.csv", text))
    assert [r.population for r in read.rows] == [100]
    assert "200 (was 100)" in read.report.group("duplicate_code").examples[0].detail


def test_population_year_argument_wins(shared_data, tmp_path):
    path = write(tmp_path / "population_mid2019.csv", "Code,Name,All ages\nE07000107,Dartford,5\n")
    read = read_population(path, year=2021)
    assert read.year == 2021 and read.rows[0].year == 2021
    assert "year 2021 as asked, though the file says mid-2019" in read.report.notes


def test_population_without_a_year_asks_for_one(tmp_path):
    path = write(tmp_path / "estimates.csv", "Code,Name,All ages\nE07000107,Dartford,5\n")
    with pytest.raises(OnsFormatError, match=r"estimates\.csv: cannot tell which year .* --year"):
        read_population(path)
    assert read_population(path, year=2019).rows[0].population == 5


def test_population_upload_with_a_name():
    handle = upload(MESSY_POPULATION.encode("utf-8"), name="C:\\Users\\x\\population_mid-2020.csv")
    with pytest.raises(OnsFormatError):
        read_lsoa_lookup(handle)  # tried first, as an import that does not know the kind of file might
    read = read_population(handle)  # reads the whole upload again
    assert read.source == "population_mid-2020.csv"
    assert read.year == 2020
    assert read.get(DARTFORD).population == 112_606


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude\n1,2022-01,Kent Police,Kent Police,0.2,51.4\n",
            "population_mid2019_LAD.csv: no 'Code' and 'All ages' columns found in the first 20 rows; "
            "expected ONS mid-year population estimates (MYE2, persons).",
        ),
        (b"", "population_mid2019_LAD.csv: the file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "population_mid2019_LAD.csv: not a CSV or Excel file"),
    ],
)
def test_population_wrong_file(tmp_path, content, message):
    path = tmp_path / "population_mid2019_LAD.csv"
    path.write_bytes(content)
    with pytest.raises(OnsFormatError) as raised:
        read_population(path)
    assert str(raised.value).startswith(message)


def test_a_lookup_is_not_a_population_file_and_the_other_way_round(tmp_path):
    lookup = write(
        tmp_path / "LAD19_lookup_mid2019.csv", "LAD19CD,LAD19NM,CSP19CD\nE07000107,Dartford,E22000352\n"
    )
    with pytest.raises(OnsFormatError, match=r"^LAD19_lookup_mid2019\.csv: no 'Code' and 'All ages' columns"):
        read_population(lookup)
    with pytest.raises(
        OnsFormatError, match=r"^LAD19_lookup_mid2019\.csv: no LAD.*CSPyyCD / PFAyyCD columns found"
    ):
        read_district_lookup(lookup)
    pop = write(tmp_path / "population_mid2019_LAD.csv", MESSY_POPULATION)
    with pytest.raises(
        OnsFormatError, match="expected an ONS LSOA to ward to local authority district lookup"
    ):
        read_lsoa_lookup(pop)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2022-01-kent-street.csv", "Month\n")
    with pytest.raises(
        OnsFormatError, match=r"^mid2019\.xlsx: a zip archive, but not an Excel \(\.xlsx\) workbook"
    ):
        read_population(upload(buffer.getvalue(), "mid2019.xlsx"))


def test_population_xlsx_made_with_openpyxl():
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["These estimates are persons."])
    for title in ("Males", "Persons"):
        sheet = book.create_sheet(title)
        sheet.append([f"Mid-2021 population estimates ({title.lower()})"])
        sheet.append([])
        sheet.append(["Area Code", "Area Name", "Geography", "All Ages", "0"])
        sheet.append(
            ["E07000107", "Dartford", "Non-metropolitan District", 116_800.0 if title == "Persons" else 1, 5]
        )
        sheet.append([])
        sheet.append(["E07000108", " Dover ", None, "118,000", 4])
        sheet.append(["E07000109", "Gravesham", "Non-metropolitan District", ":", 4])
        sheet.append(["E07000110", "Maidstone", "Non-metropolitan District", None, 4])
        sheet.append(["Source: ONS"])
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_population(upload(buffer.getvalue()))
    assert read.year == 2021
    assert read.report.format == "xlsx, sheet 'Persons'"
    assert read.report.header_line == 3
    assert read.rows == (
        PopulationRow(DARTFORD, "Dartford", "Non-metropolitan District", 116_800, 2021),
        PopulationRow("E07000108", "Dover", "Non-metropolitan District", 118_000, 2021),
    )
    group = read.report.group("non_numeric_population")
    assert [(i.line, i.detail) for i in group.examples] == [
        (7, "E07000109: All ages is ':' (ONS marker: data not available)"),
        (8, "E07000110: All ages is blank"),
    ]
    assert read.report.notes == ("year mid-2021 taken from the title", "line 9: Source: ONS")


def test_population_long_form_holds_several_years(tmp_path):
    text = "Code,Name,Geography,Year,All ages\nE07000107,Dartford,X,2019,112606\nE07000107,Dartford,X,2020,114051\n"
    text += "E07000107,Dartford,X,mid-2018,109709\nE07000107,Dartford,X,last year,1\nE07000107,Dartford,X,2020,1\n"
    path = write(tmp_path / "population_mid2019.csv", text)  # the Year column wins over the name
    read = read_population(path)
    assert read.year is None
    assert read.years == (2018, 2019, 2020)
    assert read.get(DARTFORD, 2020).population == 114_051
    assert read.report.count("bad_year") == 1 and read.report.count("duplicate_code") == 1
    one_year = read_population(path, year=2020)
    assert one_year.year == 2020 and [r.population for r in one_year.rows] == [114_051]
    assert one_year.report.rows_skipped == 2  # 2019 and 2018; the second 2020 is a duplicate


def test_lsoa_lookup_any_vintage_order_and_encoding(tmp_path):
    text = "\n".join(
        [
            "ObjectId,LAD22NM,LAD22CD,WD22NMW,WD22NM,WD22CD,LSOA21NM,LSOA21CD",
            "1,Dartford,E07000107,,Brent & Stone,E05013715,Dartford 001A,E01024136",
            "2,Dartford,E07000107,,Brent & Stone,E05013715,Dartford 001A,E01024136",
            "3,Dartford,E07000107,,,E05013715,Dartford 001B,E01024137",
            "4,Dartford,E07000107,,Brent,,Dartford 001C,E01024138",
            "5,Dartford,E07000107,,Brent,E05013715,Dartford 001D,E0102413",
            "6,Anglesey,W06000001,Yr Hôb,Hope,W05000001,Isle of Anglesey 001A,W01000001",
        ]
    )
    read = read_lsoa_lookup(
        write(tmp_path / "LSOA21_WD22_LAD22_EW_LU.csv", text, encoding="cp1252", newline="\r\n")
    )
    assert read.vintages == {"lsoa": "2021", "ward": "2022", "district": "2022"}
    assert read.report.format == "csv (cp1252)"
    assert read.rows == (
        LsoaRow("E01024136", "Dartford 001A", "E05013715", "Brent & Stone", DARTFORD, "Dartford"),
        LsoaRow("E01024137", "Dartford 001B", "E05013715", "", DARTFORD, "Dartford"),
        LsoaRow("W01000001", "Isle of Anglesey 001A", "W05000001", "Hope", "W06000001", "Anglesey", "Yr Hôb"),
    )
    lines = {group.kind: [(i.line, i.detail) for i in group.examples] for group in read.report.issues}
    assert lines == {
        "blank_code": [(5, "WD22CD is blank")],
        "malformed_code": [
            (6, "LSOA21CD 'E0102413' is not a GSS code (a letter E, W, S, N or K and 8 digits)")
        ],
        "duplicate_code": [(3, "E01024136 repeats line 2 exactly")],
        "missing_name": [(4, "WD22NM is blank for E05013715")],
    }


def test_lookup_mojibake_is_repaired_and_utf16_tab_text_read(tmp_path):
    lsoa = "LSOA11CD,LSOA11NM,WD17CD,WD17NM,WD17NMW,LAD17CD,LAD17NM\n"
    lsoa += "W01000001,Cardiff 001A,W05000001,Llanrumney,Llanrhymni,W06000015,Cardiff\n"
    lsoa += (
        "W01000002,Conwy 001A,W05000002,Canolbarth M\u00c3\u00b4n,Canolbarth M\u00c3\u00b4n,W06000003,Conwy\n"
    )
    read = read_lsoa_lookup(write(tmp_path / "lsoa.csv", lsoa))
    assert read.rows[1].ward_name == read.rows[1].ward_name_welsh == "Canolbarth Môn"
    assert read.report.count("repaired_text") == 2
    # Excel's "Unicode text": UTF-16 with tabs, columns in another order.
    district = "PFA19NM\tPFA19CD\tCSP19NM\tCSP19CD\tLAD19NM\tLAD19CD\nKent\tE23000032\tDartford and Gravesham\tE22000352\t"
    district += "Dartford\tE07000107\n"
    read_d = read_district_lookup(upload(district.encode("utf-16"), "lookup.txt"))
    assert read_d.rows == (
        DistrictRow(
            DARTFORD, "Dartford", DARTFORD_AND_GRAVESHAM_CSP, "Dartford and Gravesham", "E23000032", "Kent"
        ),
    )
    assert read_d.report.format == "csv (utf-16)"


def test_results_are_frozen_and_summarised(tmp_path):
    read = read_population(write(tmp_path / "population_mid2019_LAD.csv", MESSY_POPULATION))
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.year = 2020  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.rows[0].population = 1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.report.rows_kept = 1  # type: ignore[misc]
    summary = read.summary()
    assert summary.startswith("Population estimates, mid-2019: 4 areas")
    assert "9 rows read, 4 kept, 5 rejected, 2 blank lines." in summary
    assert (
        "- duplicate code (the first was kept): 1\n    line 5: E07000107 for mid-2019 already on line 4"
        in summary
    )
    assert "Note: line 13: 1. Further information" in summary
    assert geography_for_code("E07000107") == "Non-metropolitan District"
    assert geography_for_code("X99") == ""


# --- the shipped Kent fixtures ---------------------------------------------------------------------


def test_kent_fixtures_read_cleanly():
    lsoa = read_lsoa_lookup(KENT_FIXTURES_DIR / "lsoa_ward_district.csv")
    assert lsoa.report.clean and lsoa.vintages == {"lsoa": "2011", "ward": "2017", "district": "2017"}
    assert {row.district_code for row in lsoa.rows} == set(KENT_DISTRICTS)
    assert sum(row.district_code == DARTFORD for row in lsoa.rows) == 58
    assert len(lsoa.rows) == 1_065

    districts = read_district_lookup(KENT_FIXTURES_DIR / "district_csp_force.csv")
    assert districts.report.clean and len(districts.rows) == 13
    assert {row.district_code: row.district_name for row in districts.rows} == KENT_DISTRICTS
    assert {row.force_name for row in districts.rows} == {"Kent"}

    populations = read_population(KENT_FIXTURES_DIR / "population_kent.csv")
    assert populations.report.clean
    assert populations.year is None and populations.years == (2015, 2019, 2020)
    assert [populations.get(DARTFORD, y).population for y in (2015, 2019, 2020)] == [
        103_892,
        112_606,
        114_051,
    ]
    assert populations.get("E10000016", 2020) == PopulationRow("E10000016", "Kent", "County", 1_589_057, 2020)
    assert len(populations.rows) == 3 * 15


def test_kent_fixtures_are_reproducible(shared_data, tmp_path):
    written = write_kent_fixtures(shared_data, tmp_path)
    for path in written.values():
        assert path.read_bytes() == (KENT_FIXTURES_DIR / path.name).read_bytes(), path.name
    assert (KENT_FIXTURES_DIR / "README.md").is_file()

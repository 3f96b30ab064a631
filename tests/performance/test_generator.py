"""The synthetic police.uk generator: layout and bytes as police.uk, ground truth, messy rows, lookups."""

import csv
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from scrutiny.dev.police_data import (
    FORCE_SLUGS,
    LOOKUP_NAMES,
    MESS_KINDS,
    MIN_PER_FILE,
    REJECT_KINDS,
    Manifest,
    build_geography,
    generate,
)
from scrutiny.performance.crime_types import ANTI_SOCIAL_BEHAVIOUR, CRIME_TYPES, STREET_COLUMNS

MONTHS = ["2022-01", "2022-02"]
SMALL = {"months": MONTHS, "forces": 3, "lsoas": 90, "rows_per_month": 1500, "seed": 7}
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
LSOA_RE = re.compile(r"^[EW]01\d{6}$")
HEADER = ",".join(STREET_COLUMNS) + "\r\n"
LSOA_LOOKUP_HEADER = ["LSOA11CD", "LSOA11NM", "WD17CD", "WD17NM", "WD17NMW", "LAD17CD", "LAD17NM", "FID"]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Manifest:
    out = tmp_path_factory.mktemp("police") / "out"
    return generate(out_dir=out, zip_archive=True, lookups=True, **SMALL)


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))[1:]


def classify(row: list[str], month: str) -> str:
    """Independently of the generator: the importer's rules, first that applies."""
    if not MONTH_RE.match(row[1]):
        return "malformed_month"
    if row[1] != month:
        return "other_month"
    if not row[7]:
        return "no_lsoa"
    if not LSOA_RE.match(row[7]):
        return "malformed_lsoa"
    if row[9] not in CRIME_TYPES:
        return "unknown_crime_type"
    try:
        lon, lat = float(row[4]), float(row[5])
    except ValueError:
        return "bad_coordinates"
    return "ok" if 49.8 <= lat <= 60.95 and -8.7 <= lon <= 1.8 else "bad_coordinates"


def test_layout_header_and_bytes_as_police_uk(small):
    expected = {f"{m}/{m}-{slug}-street.csv" for m in MONTHS for slug in FORCE_SLUGS[:3]}
    written = {p.relative_to(small.out_dir).as_posix() for p in small.out_dir.glob("*/*-street.csv")}
    assert written == expected == {f.path.relative_to(small.out_dir).as_posix() for f in small.files}
    for f in small.files:
        raw = f.path.read_bytes()
        text = raw.decode("utf-8")  # UTF-8, no BOM, CRLF everywhere, no blank line at the end
        assert text.startswith(HEADER)
        assert raw.count(b"\n") == raw.count(b"\r\n") == f.rows + 1
        assert text.endswith(",\r\n") and not text.endswith("\r\n\r\n")
        # quoted only when needed: csv.writer (QUOTE_MINIMAL, excel dialect) writes the same bytes
        rewritten = io.StringIO(newline="")
        csv.writer(rewritten).writerows(csv.reader(io.StringIO(text, newline="")))
        assert rewritten.getvalue() == text


def test_rows_look_like_police_uk(small):
    for f in small.files:
        rows = read_rows(f.path)
        assert all(len(r) == 12 and r[2] == r[3] == f.force_name and r[11] == "" for r in rows)
        for r in rows:
            if r[9] == ANTI_SOCIAL_BEHAVIOUR:
                assert r[0] == "" and r[10] == ""  # ASB: no Crime ID, no outcome
            elif r[9] in CRIME_TYPES:
                assert re.fullmatch(r"[0-9a-f]{64}", r[0]) and r[10]
            assert r[6] == "No Location" if not r[4] and not r[7] else r[6].startswith("On or near ")
        # sorted by LSOA name, as police.uk sorts, rows with no LSOA last
        names = [r[8] for r in rows if r[7]]
        assert names == sorted(names)
        assert all(not r[7] for r in rows[len(names) :])
    assert small.file("avon-and-somerset", "2022-01").force_name == "Avon and Somerset Constabulary"


def test_manifest_is_exactly_what_the_files_hold(small):
    total = Counter()
    for f in small.files:
        rows = read_rows(f.path)
        kinds = Counter(classify(r, f.month) for r in rows)
        assert len(rows) == f.rows
        assert {k: n for k, n in kinds.items() if k in REJECT_KINDS} == f.rejects
        assert kinds["bad_coordinates"] == f.bad_coordinates
        assert kinds["ok"] + kinds["bad_coordinates"] == f.rows_counted
        valid = Counter((r[7], r[1], r[9]) for r in rows if classify(r, f.month) in ("ok", "bad_coordinates"))
        assert valid == f.counts
        asb = sum(n for (_, _, crime_type), n in valid.items() if crime_type == ANTI_SOCIAL_BEHAVIOUR)
        assert asb == f.anti_social_behaviour
        total.update(valid)
    assert total == small.counts
    assert small.rows == SMALL["rows_per_month"] * len(MONTHS)  # exact, messy rows included


def test_the_importer_agrees_with_the_manifest(small):
    from scrutiny.performance.police import DuckDBReader, parse_street_name

    reader = DuckDBReader(threads=1)
    try:
        for f in small.files[:2]:
            got = reader.aggregate(parse_street_name(f.path))
            assert got.rows_read == f.rows
            assert got.rejects == f.rejects
            assert got.warnings == f.warnings
            assert {(lsoa, f.month, t): n for lsoa, t, n in got.counts} == f.counts
            assert got.force_name == f.force_name
    finally:
        reader.close()


def test_every_messy_kind_in_every_file_and_none_when_tidy(small, tmp_path):
    for f in small.files:
        for kind in MESS_KINDS:
            assert getattr(f, kind) >= MIN_PER_FILE, (f.name, kind)
    malformed = {r[1] for f in small.files for r in read_rows(f.path) if not MONTH_RE.match(r[1])}
    assert len(malformed) >= 3
    assert malformed <= {"2022-13", "", "Jan-22", "Feb-22", "2022/01", "2022/02", "2022-1", "2022-2"}
    for f, before in zip(small.files, ["2021-12"] * 3 + ["2022-01"] * 3, strict=True):
        # other months: the one before the file's
        assert {r[1] for r in read_rows(f.path) if MONTH_RE.match(r[1]) and r[1] != f.month} == {before}
    assert {r[9] for f in small.files for r in read_rows(f.path)} - set(CRIME_TYPES)  # unknown types
    quoted = [r[6] for f in small.files for r in read_rows(f.path) if "," in r[6] or '"' in r[6]]
    assert len(quoted) == sum(f.quoted_location for f in small.files)

    tidy = generate(out_dir=tmp_path, months=["2022-01"], forces=2, lsoas=20, rows_per_month=300, messy=False)
    for f in tidy.files:
        assert f.rows_counted == f.rows and not f.rejects and not f.warnings and f.quoted_location == 0
        assert all(classify(r, f.month) == "ok" for r in read_rows(f.path))


def test_cross_border_rows_fall_in_other_forces_lsoas(small):
    owner = {lsoa.code: lsoa.force for lsoa in small.geography.lsoas}
    for f in small.files:
        rows = read_rows(f.path)
        foreign = [r for r in rows if r[7] in owner and owner[r[7]] != f.force]
        assert foreign and len(foreign) == sum(
            1 for r in rows if r[7] and owner.get(r[7], f.force) != f.force
        )
        assert f.cross_border >= len(foreign)  # plus any whose code was damaged on purpose


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    args = {"months": ["2022-03"], "forces": 2, "lsoas": 30, "rows_per_month": 400, "zip_archive": True}
    a = generate(out_dir=tmp_path / "a", seed=3, **args)
    b = generate(out_dir=tmp_path / "b", seed=3, **args)
    c = generate(out_dir=tmp_path / "c", seed=4, **args)
    assert [f.path.read_bytes() for f in a.files] == [f.path.read_bytes() for f in b.files]
    assert a.zip_path.read_bytes() == b.zip_path.read_bytes()
    assert a.counts == b.counts
    assert [f.path.read_bytes() for f in a.files] != [f.path.read_bytes() for f in c.files]


def test_zip_holds_month_folders_as_police_uk_downloads(small):
    with zipfile.ZipFile(small.zip_path) as zf:
        names = zf.namelist()
        assert sorted(names) == sorted(f"{f.month}/{f.name}" for f in small.files)
        for f in small.files:
            assert zf.read(f"{f.month}/{f.name}") == f.path.read_bytes()


def test_lookups_have_the_ons_headers_and_agree_with_the_geography(small):
    geo = small.geography
    paths = small.lookup_paths
    assert {p.name for p in paths.values()} == set(LOOKUP_NAMES.values())

    with open(paths["lsoa_ward_district"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == LSOA_LOOKUP_HEADER
    assert [r["LSOA11CD"] for r in rows] == sorted(lsoa.code for lsoa in geo.lsoas)
    assert [r["FID"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]

    with open(paths["district_csp_force"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["FID", "LAD19CD", "LAD19NM", "CSP19CD", "CSP19NM", "PFA19CD", "PFA19NM"]
    assert {r["LAD19CD"] for r in rows} == {d.code for d in geo.districts}
    assert {r["PFA19NM"] for r in rows} == {"Avon and Somerset", "Bedfordshire", "Cambridgeshire"}

    raw = paths["population"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfCode,Name,Geography,All ages,0,1,2,") and b"\r\n" in raw
    with open(paths["population"], encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:4] == ["Code", "Name", "Geography", "All ages"]
    assert header[4:95] == [*map(str, range(90)), "90+"] and set(header[95:]) == {""}
    assert {len(r) for r in rows} == {256}  # padded with empty cells, as the ONS file
    by_code = {r[0]: r for r in rows[1:] if r[0]}
    for d in geo.districts:
        row = by_code[d.code]
        assert row[2] == "Non-metropolitan District"
        assert int(row[3].replace(",", "")) == d.population == geo.district_populations[d.code]
        assert sum(int(x.replace(",", "")) for x in row[4:95]) == d.population
    assert f"{geo.districts[0].population:,}" in raw.decode("utf-8-sig")  # "123,456", quoted


def test_geography_shape_codes_and_names(shared_data):
    geo = build_geography(forces=43, lsoas=35000, seed=1)
    assert len(geo.forces) == 43 and len(geo.lsoas) == 35000
    assert 250 <= len(geo.districts) <= 350 and 5000 <= len(geo.wards) <= 7000
    assert len({lsoa.code for lsoa in geo.lsoas}) == 35000 and len({lsoa.name for lsoa in geo.lsoas}) == 35000
    assert {f.code for f in geo.forces if f.slug == "kent"} == {"E23900019"}
    assert all(re.fullmatch(r"[EW]019\d{5}", lsoa.code) for lsoa in geo.lsoas)
    assert all(50.0 <= lsoa.lat <= 55.8 and -5.6 <= lsoa.lon <= 1.7 for lsoa in geo.lsoas)
    # nothing clashes with the real geography: neither codes nor district names
    lookup = shared_data / "ons" / "LSOA11_WD17_LAD17_EW_lookup.csv"
    with open(lookup, encoding="utf-8-sig", newline="") as fh:
        real = list(csv.DictReader(fh))
    real_codes = {r[k] for r in real for k in ("LSOA11CD", "WD17CD", "LAD17CD")}
    ours = {lsoa.code for lsoa in geo.lsoas} | {w.code for w in geo.wards} | {d.code for d in geo.districts}
    assert not real_codes & ours
    assert not {r["LAD17NM"] for r in real} & {d.name for d in geo.districts}


def test_realistic_proportions_and_hot_spots(tmp_path):
    m = generate(out_dir=tmp_path, months=["2022-06"], forces=2, lsoas=200, rows_per_month=8000, seed=2)
    counts = m.counts
    by_type = Counter()
    by_lsoa = Counter()
    for (lsoa, _, crime_type), n in counts.items():
        by_type[crime_type] += n
        by_lsoa[lsoa] += n
    total = sum(by_type.values())
    assert 0.22 <= by_type[ANTI_SOCIAL_BEHAVIOUR] / total <= 0.34
    assert 0.25 <= by_type["Violence and sexual offences"] / total <= 0.36
    assert set(by_type) == set(CRIME_TYPES)
    per_lsoa = sorted(by_lsoa.values())
    assert per_lsoa[-1] > 5 * per_lsoa[len(per_lsoa) // 2]  # town centres
    no_location = sum(f.no_lsoa for f in m.files)
    assert 0.005 * m.rows <= no_location <= 0.02 * m.rows


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="YYYY-MM"):
        generate(out_dir=tmp_path, months=["2022-13"])
    with pytest.raises(ValueError, match="between 1 and 43"):
        generate(out_dir=tmp_path, months=["2022-01"], forces=44)
    with pytest.raises(ValueError, match="slugs"):
        generate(out_dir=tmp_path, months=["2022-01"], forces=["kent", "atlantis"])
    with pytest.raises(ValueError, match="messy kinds"):
        generate(out_dir=tmp_path, months=["2022-01"], mess_rates={"typos": 0.1})
    assert not any(tmp_path.iterdir())


def test_clean_removes_what_was_written_before_and_nothing_else(tmp_path):
    generate(out_dir=tmp_path, months=["2021-12"], forces=["kent"], lsoas=10, rows_per_month=50, lookups=True)
    (tmp_path / "notes.txt").write_text("mine")
    m = generate(out_dir=tmp_path, months=["2022-01"], forces=["kent"], lsoas=10, rows_per_month=50,
                 clean=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2022-01", "notes.txt"]
    assert m.files[0].cross_border == 0  # one force: no other force's LSOAs to fall in


def test_command_writes_files_and_says_what(tmp_path):
    out = io.StringIO()
    call_command(
        "generate-police-data", str(tmp_path), "--months", "2022-01", "2022-02", "--forces", "kent,sussex",
        "--rows", "400", "--lsoas", "40", "--seed", "5", "--zip", "--lookups", stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    assert (tmp_path / "2022-02" / "2022-02-sussex-street.csv").is_file()
    assert (tmp_path / "police-uk.zip").is_file()
    assert (tmp_path / "lookups" / LOOKUP_NAMES["population"]).is_file()
    assert "2022-01/2022-01-kent-street.csv:" in text and "malformed month" in text
    assert "Wrote 4 files, 800 rows" in text


def test_thousands_of_lsoas_imported_in_one_pass_agree_with_the_manifest(tmp_path):
    """At a scale nearer the real one: 1,500 LSOAs over four forces."""
    from scrutiny.performance.police import DuckDBReader, street_files

    m = generate(out_dir=tmp_path, months=["2022-01"], forces=4, lsoas=1500, rows_per_month=30_000, seed=11)
    assert len(m.geography.lsoas) == 1500 and len({lsoa.code for lsoa in m.geography.lsoas}) == 1500
    in_files = {lsoa for f in m.files for (lsoa, _month, _type) in f.counts}
    assert len(in_files) >= 1000  # the rows really spread over thousands of LSOAs, not a few
    assert {t for f in m.files for (_l, _m, t) in f.counts} == set(CRIME_TYPES)
    reader = DuckDBReader()
    try:
        with street_files([tmp_path]) as (files, _skipped):
            read = reader.aggregate_many(files)
    finally:
        reader.close()
    by_name = {f.path.name: f for f in m.files}
    assert len(read) == len(m.files) == 4
    for aggregate in read.values():
        expected = by_name[aggregate.file.name]
        assert aggregate.rows_read == expected.rows and aggregate.rejects == expected.rejects
        assert {(lsoa, expected.month, t): n for lsoa, t, n in aggregate.counts} == expected.counts

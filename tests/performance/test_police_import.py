"""Importing police.uk street-level files: counts, replacement, rejects, dry runs, failures."""

import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.management import call_command

from scrutiny.performance import services
from scrutiny.performance.crime_types import CRIME_TYPES, STREET_COLUMNS
from scrutiny.performance.forces import POLICE_UK_FORCES
from scrutiny.performance.models import CrimeCount, ImportRun, ImportStatus, PoliceFile, PoliceMonth
from scrutiny.performance.police import DuckDBReader, FileAggregate, PoliceFileError
from scrutiny.performance.services import police_import
from tests.performance.factories import count_total

pytestmark = pytest.mark.django_db

JAN = dt.date(2022, 1, 1)


def street_row(**values) -> dict:
    row = {
        "Crime ID": "ab" * 32,
        "Month": "2022-01",
        "Reported by": "Kent Police",
        "Falls within": "Kent Police",
        "Longitude": "0.218",
        "Latitude": "51.446",
        "Location": "On or near Lowfield Street",
        "LSOA code": "E01024144",
        "LSOA name": "Dartford 008A",
        "Crime type": "Burglary",
        "Last outcome category": "Under investigation",
        "Context": "",
    }
    row.update(values)
    return row


def write_street(path, rows, *, extra_lines: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=STREET_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue() + extra_lines, encoding="utf-8")


def total(**filters) -> int:
    return count_total(**filters)


MESSY_ROWS = [
    street_row(),
    street_row(**{"Crime type": "Burglary"}),
    street_row(**{"Crime ID": "", "Crime type": "Anti-social behaviour", "Last outcome category": ""}),
    street_row(**{"LSOA code": "E01024145", "Crime type": "Shoplifting"}),
    # counted, with a warning: the LSOA places it
    street_row(**{"Longitude": "abc", "Crime type": "Shoplifting", "LSOA code": "E01024145"}),
    street_row(**{"Latitude": "999.0", "Crime type": "Drugs"}),
    # rejected, one reason each
    street_row(**{"Month": "2022-13"}),
    street_row(**{"Month": "Jan-22"}),
    street_row(**{"Month": ""}),
    street_row(**{"Month": "2021-12"}),
    street_row(**{"LSOA code": "", "LSOA name": "", "Longitude": "", "Latitude": "", "Location": "No Location"}),
    street_row(**{"LSOA code": "E0102414"}),
    street_row(**{"Crime type": "Violent crime"}),
    street_row(**{"Crime type": "Burglry"}),
]


def test_real_kent_files_import_whole_and_reimport_replaces(shared_data):
    folder = shared_data / "police-uk"
    run = police_import(sources=[folder])
    assert run.status == ImportStatus.COMPLETED
    assert list(PoliceMonth.objects.values_list("force", "month", "rows_loaded")) == [
        ("kent", dt.date(2022, 1, 1), 16159),
        ("kent", dt.date(2022, 2, 1), 15220),
        ("kent", dt.date(2022, 3, 1), 17109),
    ]
    # Every row of the files is either counted or rejected with a reason (header excluded).
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in folder.rglob("*-street.csv"))
    assert run.rows_read == lines
    assert run.rows_loaded + run.rows_rejected == lines
    assert run.report["rejects"] == {"no_lsoa": 179 + 163 + 201}
    assert total() == 16159 + 15220 + 17109
    # Dartford town centre's LSOA, January: checked against the file by a plain csv count.
    jan = folder / "2022-01" / "2022-01-kent-street.csv"
    with open(jan, encoding="utf-8") as fh:
        by_hand = sum(1 for r in csv.DictReader(fh) if r["LSOA code"] == "E01024144")
    assert total(lsoa_code="E01024144", month=JAN) == by_hand > 0

    again = police_import(sources=[folder / "2022-01"])
    assert total() == 16159 + 15220 + 17109  # never double counts
    assert PoliceMonth.objects.get(month=JAN).run == again
    assert again.police_files.get().replaced_rows == 16159


def test_messy_file_counts_and_reports_every_row(tmp_path):
    path = tmp_path / "2022-01" / "2022-01-kent-street.csv"
    write_street(path, MESSY_ROWS, extra_lines='x,2022-01,"unterminated\n')
    run = police_import(sources=[path])
    f = run.police_files.get()
    assert f.rows_read == len(MESSY_ROWS) + 1
    assert f.rows_loaded == 6
    assert f.rejects == {
        "malformed_month": 3,
        "other_month": 1,
        "no_lsoa": 1,
        "malformed_lsoa": 1,
        "unknown_crime_type": 2,
        "unreadable": 1,
    }
    assert f.warnings == {"bad_coordinates": 2}
    assert sorted(f.examples["unknown_crime_type"]) == ["'Burglry'", "'Violent crime'"]
    assert "'2022-13'" in f.examples["malformed_month"]
    assert total(crime_type="Burglary") == 2
    assert total(crime_type="Shoplifting", lsoa_code="E01024145") == 2
    assert total(crime_type="Anti-social behaviour") == 1
    assert run.status == ImportStatus.COMPLETED


def test_crime_types_spelt_otherwise_are_trimmed_or_rejected(tmp_path):
    """Rows whose type is not spelt exactly as police.uk spells it take the reader's other path."""
    path = tmp_path / "2022-01-kent-street.csv"
    only_unknown = "E01024200"
    write_street(path, [
        street_row(**{"Crime type": " Burglary "}),  # counted as Burglary
        street_row(**{"Crime type": "Burglary", "Latitude": ""}),  # counted, with a warning
        street_row(**{"Crime type": "  Drugs", "Longitude": "x"}),  # counted, with a warning
        street_row(**{"Crime type": "", "Latitude": ""}),  # rejected: its coordinates are no warning
        street_row(**{"Crime type": "Violent crime", "LSOA code": only_unknown}),
        street_row(**{"Crime type": "Drugs", "LSOA code": "E0102", "Latitude": ""}),  # rejected for its LSOA
    ])
    run = police_import(sources=[path])
    f = run.police_files.get()
    assert (f.rows_read, f.rows_loaded) == (6, 3)
    assert f.rejects == {"unknown_crime_type": 2, "malformed_lsoa": 1}
    assert f.examples["unknown_crime_type"] == ["''", "'Violent crime'"]
    assert f.warnings == {"bad_coordinates": 2}
    assert total(crime_type="Burglary") == 2 and total(crime_type="Drugs") == 1
    # An LSOA none of whose rows counted has no row stored (the table holds only counts).
    assert not CrimeCount.objects.filter(lsoa_code=only_unknown).exists()
    assert CrimeCount.objects.count() == 1


@pytest.mark.parametrize("files", [1, 2], ids=["alone", "in one pass with another"])
def test_a_coordinate_that_is_not_a_number_only_warns(tmp_path, files):
    """A latitude or longitude that is not a number is a warning on a counted row, and nothing on
    a rejected one, whichever way the file is read (DuckDB once rejected such a latitude's row as
    unreadable, casting it in the CSV reader: duckdb/duckdb#23818)."""
    rows = [
        street_row(),
        street_row(**{"Latitude": "abc"}),
        street_row(**{"Longitude": "abc"}),
        street_row(**{"Latitude": "n/a", "Longitude": "n/a", "Crime type": "Drugs"}),
        street_row(**{"Latitude": "abc", "Month": "2022-13"}),  # rejected for its month, not unreadable
    ]
    write_street(tmp_path / "2022-01-kent-street.csv", rows)
    if files == 2:
        write_street(tmp_path / "2022-01-essex-street.csv", rows)
    run = police_import(sources=[tmp_path])
    for f in run.police_files.all():
        assert (f.rows_read, f.rows_loaded) == (5, 4), f.name
        assert f.rejects == {"malformed_month": 1} and f.warnings == {"bad_coordinates": 3}, f.name
    assert total(force="kent", crime_type="Burglary") == 3 and total(force="kent", crime_type="Drugs") == 1


def test_dry_run_stores_nothing_but_reports(tmp_path):
    path = tmp_path / "2022-01-kent-street.csv"
    write_street(path, MESSY_ROWS)
    run = police_import(sources=[path], dry_run=True)
    assert run.status == ImportStatus.DRY_RUN
    assert CrimeCount.objects.count() == 0 and PoliceMonth.objects.count() == 0
    assert run.police_files.get().rows_loaded == 6


def test_zip_archive_as_downloaded_and_other_files_skipped(tmp_path):
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for month in ("2022-01", "2022-02"):
            rows = [street_row(Month=month), street_row(Month=month, **{"Crime type": "Drugs"})]
            write_street(tmp_path / "src" / f"{month}-kent-street.csv", rows)
            zf.write(tmp_path / "src" / f"{month}-kent-street.csv", f"{month}/{month}-kent-street.csv")
            zf.writestr(f"{month}/{month}-kent-outcomes.csv", "Crime ID,Month\n")
        zf.writestr("../../evil/2022-03-kent-street.csv", "not,a,police,file\n1,2,3,4\n")
    run = police_import(sources=[archive])
    assert PoliceMonth.objects.count() == 2
    assert total() == 4
    skipped = {s["name"]: s["reason"] for s in run.report["skipped"]}
    assert "not a street-level file" in skipped["download.zip:2022-01-kent-outcomes.csv"]
    # The hostile member name is read from a temporary folder, never written where it points.
    refused = run.police_files.get(name="2022-03-kent-street.csv")
    assert "not a police.uk street-level file" in refused.error
    assert not (tmp_path.parent / "evil").exists()


def test_failure_while_writing_leaves_the_month_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "2022-01-kent-street.csv"
    write_street(path, [street_row(), street_row()])
    police_import(sources=[path])
    assert total() == 2

    write_street(path, [street_row(**{"LSOA code": f"E01{24100 + i:06d}"}) for i in range(50)])
    real_insert = services.counts_insert_many

    def half_then_crash(*, blocks):
        real_insert(blocks=[(force, month, rows[: len(rows) // 2]) for force, month, rows in blocks])
        raise OSError("disk full")

    monkeypatch.setattr(services, "counts_insert_many", half_then_crash)
    run = police_import(sources=[path])
    f = run.police_files.get()
    assert "disk full" in f.error and "unchanged" in f.error
    assert total() == 2  # the old month, whole: the half-written new one was rolled back
    assert PoliceMonth.objects.get().rows_loaded == 2
    assert run.status == ImportStatus.FAILED


def test_a_month_is_stored_together_and_one_file_refused_leaves_only_its_own_month(tmp_path, monkeypatch):
    """A month's files go into the database together; if it refuses them, each is stored alone,
    so the one it refuses keeps its old month, with the reason, and the others are stored."""
    forces = ("kent", "surrey", "sussex")
    for force in forces:
        write_street(tmp_path / "old" / f"2022-01-{force}-street.csv", [street_row()])
    police_import(sources=[tmp_path / "old"])
    for force in forces:
        write_street(tmp_path / "new" / f"2022-01-{force}-street.csv", [street_row()] * 3)

    statements: list[int] = []
    real_insert = services.counts_insert_many

    def refusing_surrey(*, blocks):
        statements.append(len(blocks))
        real_insert(blocks=blocks)  # written, then refused: the transaction must undo it
        if any(force == "surrey" for force, _month, _rows in blocks):
            raise OSError("surrey refused")

    monkeypatch.setattr(services, "counts_insert_many", refusing_surrey)
    run = police_import(sources=[tmp_path / "new"])

    assert statements == [3, 1, 1, 1]  # the month together, then file by file
    assert {f.force: f.error for f in run.police_files.all()} == {
        "kent": "", "sussex": "",
        "surrey": "Not stored: surrey refused. The month held before is unchanged.",
    }
    assert {f: total(force=f) for f in forces} == {"kent": 3, "surrey": 1, "sussex": 3}
    assert dict(PoliceMonth.objects.values_list("force", "rows_loaded")) == {"kent": 3, "surrey": 1, "sussex": 3}
    assert run.status == ImportStatus.COMPLETED and run.rows_loaded == 6


def test_counts_stored_since_the_import_looked_are_replaced_not_doubled(tmp_path):
    """Together, only the months held when the import began are deleted; counts that arrived
    otherwise (here written straight in, as another import might have meanwhile) take the key,
    the database refuses the month, and file by file each month is deleted first."""
    for force in ("kent", "surrey"):
        write_street(tmp_path / f"2022-01-{force}-street.csv", [street_row()] * 3)
    services.counts_insert(force="kent", month=JAN, lsoa_rows=[("E01024144", *([0] * 2), 5, *([0] * 11))])
    assert not PoliceMonth.objects.exists() and total(force="kent") == 5

    run = police_import(sources=[tmp_path])
    assert [f.error for f in run.police_files.all()] == ["", ""]
    assert {f: total(force=f) for f in ("kent", "surrey")} == {"kent": 3, "surrey": 3}
    assert CrimeCount.objects.get(force="kent").burglary == 3


def test_a_month_together_is_one_insert_and_one_delete(tmp_path, django_assert_max_num_queries):
    forces = sorted(POLICE_UK_FORCES)[:10]
    for force in forces:
        write_street(tmp_path / f"2022-01-{force}-street.csv", [street_row()] * 2)
    police_import(sources=[tmp_path])
    reader = DuckDBReader()
    try:
        # Once again: every month replaced. The run's own records and the history, the months
        # held looked up, a delete, the counts, the months and the files: not a statement per file.
        with django_assert_max_num_queries(12):
            run = police_import(sources=[tmp_path], reader=reader)
    finally:
        reader.close()
    assert run.rows_loaded == 20 and total() == 20
    assert PoliceFile.objects.filter(run=run).count() == 10


def test_reader_crash_marks_run_failed_and_stores_nothing(tmp_path):
    for month in ("2022-01", "2022-02"):
        write_street(tmp_path / f"{month}-kent-street.csv", [street_row(Month=month)])

    class Exploding:
        """A reader of the plain protocol (file by file), which dies on the second file."""

        def __init__(self):
            self.inner = DuckDBReader()

        def aggregate(self, file) -> FileAggregate:
            if file.month.month == 2:
                raise MemoryError("out of memory")
            return self.inner.aggregate(file)

        def close(self):
            self.inner.close()

    with pytest.raises(MemoryError):
        police_import(sources=[tmp_path], reader=Exploding())
    run = ImportRun.internal.get()
    assert run.status == ImportStatus.FAILED and "out of memory" in run.message
    # January was complete before the crash and stays; February never started.
    assert list(PoliceMonth.objects.values_list("month", flat=True)) == [JAN]


def test_not_a_police_file_is_refused_by_name(tmp_path):
    path = tmp_path / "2022-01-kent-street.csv"
    path.write_text("Code,Name\nE07000107,Dartford\n", encoding="utf-8")
    run = police_import(sources=[path])
    assert "no column 'Month'" in run.police_files.get().error
    assert run.status == ImportStatus.FAILED
    with pytest.raises(PoliceFileError, match="no such file"):
        list(services.street_files([tmp_path / "missing"]).__enter__())


def test_badly_named_file_is_skipped_with_reason(tmp_path):
    path = tmp_path / "kent january.csv"
    write_street(path, [street_row()])
    run = police_import(sources=[path])
    assert "YYYY-MM-<force>-street.csv" in run.report["skipped"][0]["reason"]
    assert not PoliceFile.objects.exists()


def test_command_prints_report_and_progress(tmp_path):
    path = tmp_path / "2022-01" / "2022-01-kent-street.csv"
    write_street(path, MESSY_ROWS)
    out, err = io.StringIO(), io.StringIO()
    call_command("import-police", str(tmp_path), "--dry-run", stdout=out, stderr=err)
    text = out.getvalue()
    assert "2022-01-kent-street.csv: 14 rows read, 6 counted" in text
    assert "unknown crime type 2" in text and "bad coordinates 2" in text
    assert "Dry run" in text
    assert "100%" in err.getvalue()
    assert CrimeCount.objects.count() == 0


def test_one_pass_over_many_files_equals_file_by_file(tmp_path):
    """The parallel pass and the file-by-file reading agree on every count, reject and example."""
    from scrutiny.dev.police_data import generate
    from scrutiny.performance.police import street_files

    manifest = generate(out_dir=tmp_path, months=["2022-01", "2022-02"], forces=["kent", "essex", "sussex"],
                        lsoas=200, rows_per_month=3000, seed=5)
    reader = DuckDBReader()
    with street_files([tmp_path]) as (files, _):
        together = reader.aggregate_many(files)
        for spec in files:
            alone = reader.aggregate(spec)
            both = together[spec.path]
            assert (both.rows_read, sorted(both.counts), both.rejects, both.warnings, both.examples, both.force_name) == (
                alone.rows_read, sorted(alone.counts), alone.rejects, alone.warnings, alone.examples, alone.force_name
            )
            expected = manifest.file(spec.force, spec.month_text)
            assert both.rejects == expected.rejects and both.warnings == expected.warnings
            assert both.rows_read == expected.rows
    run = police_import(sources=[tmp_path])
    assert total() == manifest.rows_counted
    by_key = {}
    for c in CrimeCount.objects.all():
        for crime_type in CRIME_TYPES:
            if c.count_of(crime_type):
                key = (c.lsoa_code, f"{c.month:%Y-%m}", crime_type)
                by_key[key] = by_key.get(key, 0) + c.count_of(crime_type)
    assert by_key == manifest.counts
    assert run.status == ImportStatus.COMPLETED


def test_a_failure_midway_through_a_months_counts_leaves_every_force_as_it_was(tmp_path, monkeypatch):
    """Half of each statement's counts written, then the database fails: the month together,
    then each force alone, all rolled back; imported again, every force's month is the new one."""
    forces = ("kent", "surrey", "sussex")
    for force in forces:
        write_street(tmp_path / "old" / f"2022-01-{force}-street.csv", [street_row()])
    police_import(sources=[tmp_path / "old"])
    for force in forces:
        write_street(tmp_path / "new" / f"2022-01-{force}-street.csv",
                     [street_row(**{"LSOA code": f"E01{24100 + i:06d}"}) for i in range(40)])
    real_insert = services.counts_insert_many
    sent: list[int] = []

    def half_then_crash(*, blocks):
        rows = [(force, month, row) for force, month, lsoa_rows in blocks for row in lsoa_rows]
        sent.append(len(rows))
        real_insert(blocks=[(force, month, [row]) for force, month, row in rows[: len(rows) // 2]])
        raise OSError("disk full")

    monkeypatch.setattr(services, "counts_insert_many", half_then_crash)
    run = police_import(sources=[tmp_path / "new"])
    assert sent == [120, 40, 40, 40]  # the month together, then (refused) file by file
    assert {f: total(force=f) for f in forces} == {"kent": 1, "surrey": 1, "sussex": 1}
    assert dict(PoliceMonth.objects.values_list("force", "rows_loaded")) == {"kent": 1, "surrey": 1, "sussex": 1}
    assert all("disk full" in f.error for f in run.police_files.all())
    monkeypatch.undo()
    run = police_import(sources=[tmp_path / "new"])
    assert {f: total(force=f) for f in forces} == {"kent": 40, "surrey": 40, "sussex": 40}
    assert run.status == ImportStatus.COMPLETED


@pytest.mark.parametrize("files", [1, 2], ids=["alone", "in one pass with another"])
def test_a_line_with_columns_too_many_is_one_unreadable_row(tmp_path, files):
    extra = "x,2022-01,Kent Police,Kent Police,0.2,51.4,loc,E01024144,n,Burglary,o,c,ONE,TWO,THREE\n"
    write_street(tmp_path / "2022-01-kent-street.csv", [street_row()], extra_lines=extra)
    if files == 2:
        write_street(tmp_path / "2022-01-essex-street.csv", [street_row()])
    run = police_import(sources=[tmp_path])
    kent = run.police_files.get(force="kent")
    assert (kent.rows_read, kent.rows_loaded, kent.rejects) == (2, 1, {"unreadable": 1})
    assert kent.examples["unreadable"] == ["line 3"]


def test_a_file_of_only_its_header_does_not_hide_another_files_broken_line(tmp_path):
    """Read in one pass with a file holding only its header, DuckDB 2.0 lost the broken last line
    of a file after it (neither counted nor rejected); such files are read on their own."""
    broken = 'x,2022-01,"unterminated\n'
    for force, rows, extra in [("avon-and-somerset", [street_row()], ""), ("bedfordshire", [street_row()], broken), ("cheshire", [], ""),
                               ("dorset", [street_row()], ""), ("essex", [street_row()], broken)]:
        write_street(tmp_path / f"2022-01-{force}-street.csv", rows, extra_lines=extra)
    run = police_import(sources=[tmp_path])
    files = {f.force: f for f in run.police_files.all()}
    assert {force: (f.rows_read, f.rows_loaded, f.rejects) for force, f in files.items()} == {
        "avon-and-somerset": (1, 1, {}), "bedfordshire": (2, 1, {"unreadable": 1}), "cheshire": (0, 0, {}),
        "dorset": (1, 1, {}), "essex": (2, 1, {"unreadable": 1}),
    }
    assert "holds no rows after its header" in files["cheshire"].error  # refused: nothing to count


def test_a_broken_file_among_many_does_not_stop_the_others(tmp_path):
    write_street(tmp_path / "2022-01-kent-street.csv", [street_row()])
    write_street(tmp_path / "2022-01-essex-street.csv", [street_row()], extra_lines='x,2022-01,"unterminated\n')
    (tmp_path / "2022-01-sussex-street.csv").write_bytes(b"\xff\xfe\x00garbage")
    run = police_import(sources=[tmp_path])
    files = {f.force: f for f in run.police_files.all()}
    assert files["kent"].rows_loaded == 1 and not files["kent"].error
    assert files["essex"].rows_loaded == 1 and files["essex"].rejects == {"unreadable": 1}
    assert "cannot be read" in files["sussex"].error


# --- progress -------------------------------------------------------------------------------------


def test_polled_work_reports_rising_progress_from_the_callers_thread():
    import threading

    from scrutiny.performance.police import polled

    # Each poll takes the next reading; the work ends once every reading was taken, so the
    # test does not depend on how fast the machine is.
    readings = iter((0.2, 0.2, 0.5, 0.4, 0.9))  # 0.4: a poll that goes back is not reported
    all_taken = threading.Event()

    def poll() -> float:
        try:
            return next(readings)
        except StopIteration:
            all_taken.set()
            return 0.9

    def work():
        assert all_taken.wait(timeout=10)
        return "read"

    heard: list[tuple[float, str]] = []
    result = polled(work, poll=poll, interval=0.001,
                    report=lambda v: heard.append((v, threading.current_thread().name)))
    assert result == "read"
    assert [v for v, _ in heard] == [0.0, 0.2, 0.5, 0.9, 1.0]  # rising, each said once, 1.0 at the end
    assert {name for _, name in heard} == {threading.current_thread().name}


def test_import_progress_moves_while_reading_and_storing(tmp_path):
    """Hand-computed: reading is three fifths of the whole (READ_SHARE), spread by the reader's
    progress; storing the other two fifths, by the files' bytes."""
    from scrutiny.performance.progress import ImportProgress

    jan, feb = tmp_path / "2022-01-kent-street.csv", tmp_path / "2022-02-kent-street.csv"
    write_street(jan, [street_row(Month="2022-01")] * 3)
    write_street(feb, [street_row(Month="2022-02")] * 9)
    small, large = jan.stat().st_size, feb.stat().st_size

    class Reporting(DuckDBReader):
        def aggregate_many(self, files, progress=None, poll_interval=0.2):
            for share in (0.25, 0.5, 0.75):  # as DuckDB would report its pass
                progress(share)
            return super().aggregate_many(files)

    heard: list[ImportProgress] = []
    reader = Reporting()
    try:
        run = police_import(sources=[tmp_path], progress=heard.append, reader=reader)
    finally:
        reader.close()
    assert run.status == ImportStatus.COMPLETED
    assert [(p.phase, round(p.fraction, 6)) for p in heard] == [
        ("reading", 0.0), ("reading", 0.15), ("reading", 0.3), ("reading", 0.45),
        ("storing", 0.6),  # January next, nothing stored yet
        ("storing", round(0.6 + 0.4 * small / (small + large), 6)),  # January stored, February next
        ("done", 1.0),
    ]
    assert [p.files_done for p in heard[-3:]] == [0, 1, 2] and heard[-1].rows == 12
    assert heard[4].current == jan.name and heard[5].current == feb.name


def test_duckdb_pass_reports_its_progress_in_order(tmp_path):
    from scrutiny.dev.police_data import generate
    from scrutiny.performance.police import street_files

    # Big enough, and watched often enough, for DuckDB to be caught part-way (a smaller pass
    # was once seen only at its start and end).
    generate(out_dir=tmp_path, months=["2022-01"], forces=["kent", "essex", "sussex", "surrey"], lsoas=1000,
             rows_per_month=400_000, seed=3)
    heard: list[float] = []
    reader = DuckDBReader()
    try:
        with street_files([tmp_path]) as (files, _skipped):
            read = reader.aggregate_many(files, progress=heard.append, poll_interval=0.001)
    finally:
        reader.close()
    assert sum(a.rows_read for a in read.values()) == 400_000
    assert heard[0] == 0.0 and heard[-1] == 1.0 and heard == sorted(heard)
    assert any(0 < v < 1 for v in heard), heard  # it moved during the one pass, not only at its end


def _percents(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"(?:^|\r)\s*(\d+)%\|", text, flags=re.MULTILINE)]


STEPS = (0.0, 0.05, 0.31, 0.5, 0.74, 1.0)


def _shown(bar) -> None:
    from scrutiny.performance.progress import ImportProgress

    for fraction in STEPS:
        done = fraction == 1
        bar(ImportProgress("done" if done else "reading", fraction, 2 if done else 0, 2, 12 if done else 0,
                           "" if done else "reading the files"))


def test_progress_bar_on_a_log_writes_a_line_at_each_tenth():
    from scrutiny.performance.progress import ProgressBar

    stream = io.StringIO()
    _shown(ProgressBar(stream))
    lines = stream.getvalue().splitlines()
    assert _percents(stream.getvalue()) == [0, 31, 50, 74, 100]  # 5% is within the first tenth
    assert "\r" not in stream.getvalue() and len(lines) == 5  # plain lines, nothing redrawn
    assert "reading: 0/2 files stored, 0 rows  reading the files" in lines[1]
    assert lines[-1].startswith("100%|" + "#" * 30 + "|") and "done: 2/2 files stored, 12 rows" in lines[-1]


def test_progress_bar_on_a_terminal_redraws_one_line_at_every_step():
    from scrutiny.performance.progress import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    _shown(ProgressBar(stream))
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")  # one line, redrawn, ended once done
    shown = _percents(text)
    assert shown == sorted(shown) and {0, 5, 31, 50, 74, 100} <= set(shown)  # every step, none skipped
    assert "done: 2/2 files stored, 12 rows" in text.rsplit("\r", 1)[-1]


def test_import_history_page_shows_what_was_not_counted_and_why(client, tmp_path, officer):
    path = tmp_path / "2022-01" / "2022-01-kent-street.csv"
    write_street(path, MESSY_ROWS, extra_lines='x,2022-01,"unterminated\n')
    run = police_import(sources=[path])
    client.force_login(officer)
    html = " ".join(client.get("/performance/imports/").content.decode().split())
    # the run's row: 15 read, 6 counted, 9 not counted (3 + 1 + 1 + 1 + 2 + 1)
    assert run.rows_rejected == 9
    assert ('<td class="govuk-table__cell govuk-table__cell--numeric">15</td> '
            '<td class="govuk-table__cell govuk-table__cell--numeric">6</td> '
            '<td class="govuk-table__cell govuk-table__cell--numeric">9</td>') in html
    assert "2022-01-kent-street.csv: 15 read, 6 counted" in html
    for words in ("not counted, malformed month: 3", "not counted, other month: 1", "not counted, no LSOA: 1",
                  "not counted, malformed LSOA: 1", "not counted, unknown crime type: 2", "not counted, unreadable: 1",
                  "warning, bad coordinates: 2"):
        assert words in html, words


def test_folders_named_like_patterns_are_read_as_themselves(tmp_path):
    """DuckDB reads a path as a pattern: 'c*' would also read 'cc', and '[ab]' would read 'a'."""
    starred, beside = tmp_path / "c*" / "2022-01-kent-street.csv", tmp_path / "cc" / "2022-01-essex-street.csv"
    bracketed, lookalike = tmp_path / "d[ab]" / "2022-02-kent-street.csv", tmp_path / "da" / "2022-02-kent-street.csv"
    write_street(starred, [street_row()])
    write_street(beside, [street_row()] * 5)  # must not be read in the starred file's place
    write_street(bracketed, [street_row(Month="2022-02")] * 2)
    write_street(lookalike, [street_row(Month="2022-02")] * 7)
    plain = tmp_path / "a" / "2022-03-kent-street.csv"
    write_street(plain, [street_row(Month="2022-03")] * 3)
    run = police_import(sources=[starred, bracketed, plain])
    assert {f.name: f.rows_loaded for f in run.police_files.all()} == {
        "2022-01-kent-street.csv": 1, "2022-02-kent-street.csv": 2, "2022-03-kent-street.csv": 3}
    assert (total(force="kent"), total(force="essex")) == (6, 0)


def test_a_file_with_columns_of_its_own_is_read_and_one_duckdb_cannot_read_fails_alone(tmp_path, monkeypatch):
    extra = tmp_path / "2022-01-kent-street.csv"
    columns = [*STREET_COLUMNS, "k", "file_id"]  # names the reader uses inside its query
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows([{**street_row(), "k": "1", "file_id": "9"}] * 4)
    extra.write_text(buffer.getvalue(), encoding="utf-8")
    write_street(tmp_path / "2022-02-kent-street.csv", [street_row(Month="2022-02")])
    run = police_import(sources=[tmp_path])
    assert {f.name: (f.rows_loaded, f.error) for f in run.police_files.all()} == {
        "2022-01-kent-street.csv": (4, ""), "2022-02-kent-street.csv": (1, "")}

    import duckdb

    from scrutiny.performance.police import DuckDBReader as Reader

    def refuses(self, files, columns, **kwargs):
        raise duckdb.BinderException("a column DuckDB cannot bind")

    monkeypatch.setattr(Reader, "_read", refuses)
    again = police_import(sources=[extra])
    f = again.police_files.get()
    assert "could not be read" in f.error and again.status == ImportStatus.FAILED
    assert total(month=JAN) == 4  # the month held before is as it was


def test_a_header_naming_a_column_twice_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "2022-01-kent-street.csv"
    columns = [*STREET_COLUMNS, "Month"]
    path.write_text(",".join(columns) + "\n" + ",".join([*street_row().values(), "2022-01"]) + "\n", encoding="utf-8")
    run = police_import(sources=[path])
    f = run.police_files.get()
    assert "names a column twice: 'Month'" in f.error and f.rows_loaded == 0
    assert run.status == ImportStatus.FAILED and not CrimeCount.objects.exists()

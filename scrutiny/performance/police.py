"""Reading police.uk street-level files: finding them, and aggregating each with DuckDB.

police.uk publishes one CSV per force per month, `YYYY-MM/YYYY-MM-<force>-street.csv`, in
a folder or a zip archive with other kinds of file beside them (outcomes, stop and search),
which are skipped. Each file is aggregated to counts per LSOA and crime type; every row is
accounted for, as counted or as rejected with its reason:

- `malformed_month`: the Month column is not a year and month ("2022-13", "Jan-22", blank);
- `other_month`: a well-formed month other than the file's own;
- `no_lsoa`: no LSOA code ("No location" rows; about 1% of real rows);
- `malformed_lsoa`: an LSOA code that is not one (not E01/W01 and six digits);
- `unknown_crime_type`: a crime type police.uk does not use today;
- `unreadable`: a line the CSV parser could not read (wrong number of fields, broken quotes).

The first reason that applies, in this order, is the one reported. Coordinates are not needed
to count a row (the LSOA places it), so a row with an LSOA and bad coordinates is counted
and reported as a warning (`bad_coordinates`), not rejected.

Nothing here touches the application database: `services.police_import` stores the result.
The reader is injectable, so tests can count on a reader that fails half-way.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import operator
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from scrutiny.performance.archives import POLICE_ARCHIVE, ArchiveRefused, archive_check, member_copy
from scrutiny.performance.crime_types import CRIME_TYPES, STREET_COLUMNS
from scrutiny.performance.forces import POLICE_UK_FORCES
from scrutiny.performance.limits import POLICE_UK_FIRST_MONTH, current_month

if TYPE_CHECKING:
    import duckdb

STREET_FILE = re.compile(r"^(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9-]+?)-street\.csv$")
REJECT_REASONS = (
    "malformed_month",
    "other_month",
    "no_lsoa",
    "malformed_lsoa",
    "unknown_crime_type",
    "unreadable",
)
REQUIRED_COLUMNS = ("Month", "LSOA code", "Crime type", "Longitude", "Latitude", "Falls within")
# Great Britain, generously: a coordinate outside it is a fault in the data.
LAT_RANGE = (49.8, 60.95)
LON_RANGE = (-8.7, 1.8)


class PoliceFileError(Exception):
    """A file that cannot be read as a police.uk street-level file at all."""


@dataclass(frozen=True)
class StreetFile:
    path: Path
    name: str
    force: str
    month: dt.date

    @property
    def month_text(self) -> str:
        return f"{self.month:%Y-%m}"


#: The counts of an LSOA, as stored: its code, then a count per type in CRIME_TYPES order.
LsoaRow = tuple[Any, ...]


@dataclass
class FileAggregate:
    """What one file holds: counts of the rows counted, and every other row with its reason."""

    file: StreetFile
    force_name: str = ""
    rows_read: int = 0
    rows_counted: int = 0
    rejects: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    lsoa_rows: list[LsoaRow] = field(default_factory=list, repr=False)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """The counts as (LSOA, crime type, n), for every n above nought."""
        return [(row[0], t, n) for row in self.lsoa_rows for t, n in zip(CRIME_TYPES, row[1:], strict=True) if n]

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejects.values())


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


def parse_street_name(path: Path) -> StreetFile | None:
    match = STREET_FILE.match(path.name)
    if not match:
        return None
    try:
        month = dt.datetime.strptime(match["month"], "%Y-%m").date()  # noqa: DTZ007 (a month, not a moment)
    except ValueError:
        return None
    return StreetFile(path=path, name=path.name, force=match["force"], month=month)


@contextmanager
def street_files(sources: Sequence[Path | str]) -> Iterator[tuple[list[StreetFile], list[Skipped]]]:
    """The street-level files in folders, zip archives or single files, and what was skipped.

    Zip archives are unpacked into a temporary folder that lasts as long as the context.
    """
    with tempfile.TemporaryDirectory(prefix="police-uk-") as tmp:
        found: list[StreetFile] = []
        skipped: list[Skipped] = []
        for number, source in enumerate(Path(s) for s in sources):
            if not source.exists():
                raise PoliceFileError(f"{source}: no such file or folder.")
            if source.is_dir():
                _collect(sorted(p for p in source.rglob("*.csv") if p.is_file()), found, skipped)
            elif zipfile.is_zipfile(source):
                _collect(_unzip(source, Path(tmp) / str(number)), found, skipped, label=source.name)
            else:
                _collect([source], found, skipped)
        yield _unpatterned(_without_duplicates(found, skipped), Path(tmp) / "links"), skipped


#: DuckDB takes each path it reads as a pattern (`*`, `?`, `[ab]`), which could read another
#: file in its place, or several.
PATTERN_CHARACTERS = frozenset("*?[]{}")


def _unpatterned(files: list[StreetFile], into: Path) -> list[StreetFile]:
    """The files, any whose path DuckDB would read as a pattern reached through a link of a plain name."""
    plain: list[StreetFile] = []
    for number, spec in enumerate(files):
        if PATTERN_CHARACTERS & set(str(spec.path)):
            link = into / f"{number:05d}" / spec.path.name  # a police.uk name holds none of them
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(spec.path.resolve())
            spec = replace(spec, path=link)
        plain.append(spec)
    return plain


def _collect(paths: Iterable[Path], found: list[StreetFile], skipped: list[Skipped], label: str = "") -> None:
    for path in paths:
        spec = parse_street_name(path)
        shown = f"{label}:{path.name}" if label else path.name
        if spec is not None:
            found.append(spec)
        elif path.name.endswith(("-outcomes.csv", "-stop-and-search.csv")):
            skipped.append(Skipped(shown, "not a street-level file (outcomes and stop and search are not imported)"))
        else:
            skipped.append(Skipped(shown, "the name is not YYYY-MM-<force>-street.csv, as police.uk names its files"))


def _unzip(archive: Path, into: Path) -> list[Path]:
    try:
        return _unzip_members(archive, into)
    except ArchiveRefused as exc:
        raise PoliceFileError(str(exc)) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:  # RuntimeError: encrypted
        raise PoliceFileError(f"{archive.name}: a damaged or unreadable zip archive ({exc}).") from exc


def _unzip_members(archive: Path, into: Path) -> list[Path]:
    """The archive's CSV files, unpacked once the archive is checked (archives.py: its
    entries, and the size and compression of the files to be unpacked), each in chunks."""
    paths: list[Path] = []
    with zipfile.ZipFile(archive) as zf:
        members = [info for info in zf.infolist() if not info.is_dir() and Path(info.filename).name.endswith(".csv")]
        archive_check(zf, name=archive.name, limits=POLICE_ARCHIVE, members=members)
        for info in members:
            # Flattened, by base name: member names never choose where a file is written.
            target = into / f"{len(paths):05d}" / Path(info.filename).name
            target.parent.mkdir(parents=True, exist_ok=True)
            member_copy(zf, info, target, name=archive.name)
            paths.append(target)
    return sorted(paths, key=lambda p: p.name)


def street_file_refusal(file: StreetFile) -> str | None:
    """Why a file is refused by its name alone, before it is read: a force police.uk does not
    publish for, or a month outside what police.uk can have published (from December 2010 to
    this month). None: the name is a police.uk file's."""
    if file.force not in POLICE_UK_FORCES:
        return (f"{file.name}: '{file.force}' is not a force police.uk publishes street-level files for "
                "(check the name: police.uk names its files like 2022-01-kent-street.csv).")
    latest = current_month()
    if not POLICE_UK_FIRST_MONTH <= file.month <= latest:
        return (f"{file.name}: police.uk has no street-level data for {file.month:%B %Y}: it holds months from "
                f"{POLICE_UK_FIRST_MONTH:%B %Y} to {latest:%B %Y} at the latest (check the name).")
    return None


def _without_duplicates(found: list[StreetFile], skipped: list[Skipped]) -> list[StreetFile]:
    seen: dict[tuple[str, dt.date], StreetFile] = {}
    for spec in found:
        key = (spec.force, spec.month)
        if key in seen:
            skipped.append(Skipped(spec.name, f"a second file for {spec.force} {spec.month_text}: the first was used"))
        else:
            seen[key] = spec
    return sorted(seen.values(), key=lambda s: (s.month, s.force))


#: reading progress: the share of the bytes read so far, 0 to 1, never going back.
ReadProgress = Callable[[float], None]
T = TypeVar("T")


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def polled(work: Callable[[], T], *, poll: Callable[[], float], report: ReadProgress, interval: float = 0.2,
           interrupt: Callable[[], None] | None = None) -> T:
    """Do `work` in a worker thread while this thread reports `poll()` (0 to 1) every `interval`.

    The reports come from the caller's thread, rise only, and end with 1.0 once the work is
    done. If this thread is interrupted (Ctrl-C), `interrupt` stops the work before it re-raises.
    """
    last = 0.0
    report(last)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="police-read") as pool:
        future = pool.submit(work)
        try:
            while True:
                try:
                    result = future.result(timeout=interval)
                    break
                except TimeoutError:
                    value = min(max(poll(), 0.0), 0.99)  # 1.0 is said once, when it is true
                    if value > last:
                        last = value
                        report(last)
        except BaseException:
            if interrupt is not None:
                interrupt()
            raise
    report(1.0)
    return result


class PoliceReader(Protocol):
    def aggregate(self, file: StreetFile) -> FileAggregate: ...

    def close(self) -> None: ...


@runtime_checkable
class BatchReader(PoliceReader, Protocol):
    """A reader that also reads many files in one pass, reporting its progress as it goes."""

    def aggregate_many(
        self, files: Sequence[StreetFile], progress: ReadProgress | None = None, poll_interval: float = 0.2
    ) -> dict[Path, FileAggregate | PoliceFileError]: ...


class DuckDBReader:
    """Aggregates files with DuckDB: in C++, in parallel, whatever their size."""

    def __init__(self, threads: int | None = None) -> None:
        import duckdb  # heavy: loaded when files are read, not by every process that loads the app

        self.con: duckdb.DuckDBPyConnection = duckdb.connect(config={"threads": threads} if threads else {})

    def close(self) -> None:
        self.con.close()

    def aggregate(self, file: StreetFile) -> FileAggregate:
        import duckdb  # heavy: see __init__

        columns = self._columns(file)
        self._check_columns(file, columns)
        try:
            return self._read([file], columns)[0]
        except duckdb.InterruptException:
            raise
        except duckdb.Error as exc:  # one file DuckDB cannot make sense of is that file's failure, not the run's
            raise PoliceFileError(f"{file.name}: could not be read as a police.uk street-level file ({exc}).") from exc

    def aggregate_many(
        self, files: Sequence[StreetFile], progress: ReadProgress | None = None, poll_interval: float = 0.2
    ) -> dict[Path, FileAggregate | PoliceFileError]:
        """Every file, in one parallel pass for those with police.uk's own header, else one by one.

        A file that cannot be read comes back as its PoliceFileError; the others are unaffected.
        `progress` hears the share of the bytes read: during the one pass from DuckDB's own
        progress of the query (polled), then file by file for the others.
        """
        import duckdb  # heavy: see __init__

        sizes = {f.path: file_size(f.path) for f in files}
        total = sum(sizes.values()) or 1

        def tell(share: float) -> None:
            if progress is not None:
                progress(min(share, 1.0))

        results: dict[Path, FileAggregate | PoliceFileError] = {}
        standard: list[StreetFile] = []
        for file in files:
            try:
                columns = self._columns(file)
            except PoliceFileError as exc:
                results[file.path] = exc
                continue
            if tuple(columns) == STREET_COLUMNS and _holds_rows(file):
                standard.append(file)
        batched: set[Path] = set()
        done_bytes = 0
        if len(standard) > 1:
            share = sum(sizes[f.path] for f in standard) / total
            try:
                batch = self._read(standard, STREET_COLUMNS, poll_interval=poll_interval,
                                   progress=None if progress is None else (lambda r: tell(r * share)))
            except duckdb.Error:
                pass  # something in one file upset the batch: they are read one by one below
            else:
                results.update({a.file.path: a for a in batch})
                batched = {f.path for f in standard}
                done_bytes = sum(sizes[path] for path in batched)
        for file in files:
            if file.path in batched:
                continue
            if file.path not in results:
                try:
                    results[file.path] = self.aggregate(file)
                except PoliceFileError as exc:
                    results[file.path] = exc
            done_bytes += sizes[file.path]
            tell(done_bytes / total)
        tell(1.0)
        return results

    @staticmethod
    def _check_columns(file: StreetFile, columns: Sequence[str]) -> None:
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise PoliceFileError(
                f"{file.name}: not a police.uk street-level file: no column {', '.join(repr(c) for c in missing)}."
            )
        twice = sorted({c for c in columns if c and columns.count(c) > 1})
        if twice:
            raise PoliceFileError(f"{file.name}: the header names a column twice: {', '.join(map(repr, twice))}.")

    def _read(self, files: Sequence[StreetFile], columns: Sequence[str], *, progress: ReadProgress | None = None,
              poll_interval: float = 0.2) -> list[FileAggregate]:
        """Classify and count `files`, all of them with this header, in one pass; each file is known
        by its place in the list (DuckDB's `file_index`)."""
        con = self.con
        con.execute("DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans")
        con.execute("CREATE OR REPLACE TEMP TABLE street_files AS SELECT unnest($ids) AS file_id, "
                    "unnest($months) AS expected",
                    {"ids": list(range(len(files))), "months": [f.month_text for f in files]})
        classify = f"CREATE OR REPLACE TEMP TABLE street_groups AS {CLASSIFY_SQL}"
        parameters = {
            "paths": [str(f.path) for f in files],
            # The file's own header, in its order: no sniffing, which a damaged line can mislead.
            "columns": {name or f"column{i}": "VARCHAR" for i, name in enumerate(columns)},
            "types": list(CRIME_TYPES),
            "lat_min": LAT_RANGE[0], "lat_max": LAT_RANGE[1], "lon_min": LON_RANGE[0], "lon_max": LON_RANGE[1],
        }
        if progress is None:
            con.execute(classify, parameters)
        else:
            # DuckDB tracks a query's progress only with its progress bar on (printing off); the
            # reading is the one long statement of an import, so it is the one watched.
            con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0")
            try:
                polled(lambda: con.execute(classify, parameters), poll=lambda: con.query_progress() / 100,
                       report=progress, interval=poll_interval, interrupt=con.interrupt)
            finally:
                con.execute("SET enable_progress_bar = false")
        con.execute(SETTLE_SQL)
        return self._results(files)

    def _results(self, files: Sequence[StreetFile]) -> list[FileAggregate]:
        """Each file's counts, rejects, warnings and examples, in the order of `files`."""
        aggregates = [FileAggregate(file=f, force_name=_force_name(f)) for f in files]
        counted = " + ".join(COUNT_COLUMNS)
        for file_id, rows_counted, bad_xy in self.con.execute(
            f"SELECT file_id, sum({counted})::BIGINT, sum(bad_xy)::BIGINT FROM street_counts GROUP BY file_id"  # noqa: S608 (column names only)
        ).fetchall():
            aggregates[file_id].rows_read += rows_counted
            aggregates[file_id].rows_counted = rows_counted
            if bad_xy:
                aggregates[file_id].warnings["bad_coordinates"] = bad_xy
        # In LSOA order within a file: the order of the table's key.
        rows = self.con.execute(
            f"SELECT file_id, lsoa, {', '.join(COUNT_COLUMNS)} FROM street_counts ORDER BY file_id, lsoa"  # noqa: S608 (column names only)
        ).fetchall()
        for file_id, group in itertools.groupby(rows, key=operator.itemgetter(0)):
            aggregates[file_id].lsoa_rows = [row[1:] for row in group]
        for file_id, status, n in self.con.execute(
            "SELECT file_id, status, sum(n)::BIGINT FROM street_rejects GROUP BY ALL"
        ).fetchall():
            aggregates[file_id].rows_read += n
            aggregates[file_id].rejects[status] = n
        self._examples(aggregates)
        self._unreadable(aggregates)
        return aggregates

    def _unreadable(self, aggregates: list[FileAggregate]) -> None:
        # DuckDB's own tables of rejected lines know each file by its path (by number, per scan).
        by_path = {str(a.file.path): a for a in aggregates}
        rows = self.con.execute(
            # DuckDB logs an error per extra column of a line: a line is one row, however many.
            "SELECT s.file_path, list(DISTINCT e.line ORDER BY e.line) FROM reject_errors e "
            "JOIN reject_scans s ON s.scan_id = e.scan_id AND s.file_id = e.file_id GROUP BY ALL"
        ).fetchall()
        for path, lines in rows:
            result = aggregates[0] if len(aggregates) == 1 else by_path[path]
            result.rejects["unreadable"] = len(lines)
            result.rows_read += len(lines)
            result.examples["unreadable"] = [f"line {line}" for line in lines[:5]]

    def _columns(self, file: StreetFile) -> list[str]:
        try:
            with open(file.path, encoding="utf-8-sig", newline="") as fh:
                return [c.strip() for c in next(csv.reader([fh.readline()]), [])]
        except (OSError, UnicodeDecodeError) as exc:
            raise PoliceFileError(f"{file.name}: cannot be read as a UTF-8 CSV file ({exc}).") from exc

    def _examples(self, aggregates: list[FileAggregate]) -> None:
        rows = self.con.execute(
            "SELECT file_id, status, list(DISTINCT example) FROM street_rejects "
            "WHERE status <> 'no_lsoa' GROUP BY ALL"
        ).fetchall()
        for file_id, status, values in rows:
            aggregates[file_id].examples[status] = sorted(repr(v) for v in values if v is not None)[:5] or ["(blank)"]


#: The counts' columns in DuckDB's tables: c0 to c13, a type each in CRIME_TYPES order.
COUNT_COLUMNS = tuple(f"c{i}" for i in range(len(CRIME_TYPES)))

#: The rows of the files grouped and classified.
#:
#: Rows are grouped by their file, raw month and LSOA, with a count per crime type: a month
#: holds many rows of each LSOA, so the checks run once per group, and the counts come out in
#: the table's shape. A type is looked up as spelt, and only if that fails once trimmed (the
#: lookup is lazy: the trim is made only for the rows not spelt as police.uk spells them).
#: The types not known either way (a blank, a misspelling) are kept in the group as a short
#: list, `unknown`, to be rejected and shown as examples after (SETTLE_SQL). Each row's type
#: is its place in CRIME_TYPES (1 to 14; 0: not a type), found once, and counted by number.
CLASSIFY_SQL = f"""
    WITH g AS (
        SELECT file_id, "Month" AS m0, "LSOA code" AS l0,
               {", ".join(f"count(*) FILTER (WHERE k = {i + 1}) AS {c}" for i, c in enumerate(COUNT_COLUMNS))},
               count(*) FILTER (WHERE k > 0 AND NOT (
                   coalesce(try_cast("Latitude" AS DOUBLE) BETWEEN $lat_min AND $lat_max, false) AND
                   coalesce(try_cast("Longitude" AS DOUBLE) BETWEEN $lon_min AND $lon_max, false))) AS bad_xy,
               list("Crime type") FILTER (WHERE k = 0) AS unknown,
               count(*) AS n
        FROM (  -- only the columns used, by name: a file's other columns cannot clash with these
            -- The coordinates are cast above this projection, never in it: there, DuckDB 2.0
            -- would push the try_cast into the CSV reader as a plain cast, and reject the row of
            -- a bad latitude as unreadable (duckdb/duckdb#23818).
            SELECT "Month", "LSOA code", "Crime type", "Latitude", "Longitude", file_index AS file_id,
                   coalesce(list_position($types, "Crime type"), list_position($types, trim("Crime type")), 0) AS k
            FROM read_csv($paths, header = true, auto_detect = false, columns = $columns, delim = ',',
                          quote = '"', escape = '"', null_padding = true, store_rejects = true)
        )
        GROUP BY ALL
    ), r AS (
        SELECT g.*, trim(coalesce(m0, '')) AS m, trim(coalesce(l0, '')) AS l, expected
        FROM g JOIN street_files USING (file_id)
    )
    SELECT  -- only what the settling uses
        CASE
            WHEN NOT regexp_full_match(m, '[0-9]{{4}}-(0[1-9]|1[0-2])') THEN 'malformed_month'
            WHEN m <> expected THEN 'other_month'
            WHEN l = '' THEN 'no_lsoa'
            WHEN NOT regexp_full_match(l, '[EW]01[0-9]{{6}}') THEN 'malformed_lsoa'
            ELSE 'ok'
        END AS status, file_id, m, l, {", ".join(COUNT_COLUMNS)}, bad_xy, unknown, n
    FROM r
"""  # noqa: S608 (column names only; the values are parameters)

#: From the classified groups, the counts per file and LSOA, and the rejects with examples.
#:
#: Groups whose month and LSOA are the same once trimmed are counted together; a group's
#: `unknown` rows are rejected as `unknown_crime_type`, and a group all of whose rows were
#: rejected leaves no counts.
SETTLE_SQL = f"""
    CREATE OR REPLACE TEMP TABLE street_counts AS
        SELECT file_id, l AS lsoa, {", ".join(f"sum({c})::BIGINT AS {c}" for c in COUNT_COLUMNS)},
               sum(bad_xy)::BIGINT AS bad_xy
        FROM street_groups WHERE status = 'ok'
        GROUP BY file_id, l
        HAVING {" + ".join(f"sum({c})" for c in COUNT_COLUMNS)} > 0;
    CREATE OR REPLACE TEMP TABLE street_rejects AS
        SELECT file_id, status, CASE
            WHEN status IN ('malformed_month', 'other_month') THEN m
            WHEN status = 'malformed_lsoa' THEN l END AS example, sum(n)::BIGINT AS n
        FROM street_groups WHERE status <> 'ok' GROUP BY ALL
        UNION ALL
        SELECT file_id, 'unknown_crime_type', trim(coalesce(t, '')), count(*)
        FROM (SELECT file_id, unnest(unknown) AS t FROM street_groups WHERE status = 'ok' AND unknown IS NOT NULL)
        GROUP BY ALL;
"""  # noqa: S608 (column names only)


def _holds_rows(file: StreetFile) -> bool:
    """Whether a file holds anything after its header line: one that does not is read on its own,
    as DuckDB 2.0, reading it in one pass with others, could lose the broken last line of a
    file after it (neither counted nor rejected)."""
    try:
        with open(file.path, "rb") as fh:
            fh.readline()
            return bool(fh.read(4096).strip())
    except OSError:
        return True  # the reading says what is wrong with it


def _force_name(file: StreetFile, *, look: int = 100) -> str:
    """The force as the file names it ("Falls within"), from its first rows that say (read here,
    not carried through DuckDB's grouping of every row)."""
    try:
        with open(file.path, encoding="utf-8-sig", newline="") as fh:
            rows = csv.reader(itertools.islice(fh, look + 1))
            header = [c.strip() for c in next(rows, [])]
            if "Falls within" not in header:
                return ""
            at = header.index("Falls within")
            return next((row[at].strip() for row in rows if len(row) > at and row[at].strip()), "")
    except (OSError, UnicodeDecodeError, csv.Error):
        return ""

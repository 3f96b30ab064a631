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
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, TypeVar

from scrutiny.performance.crime_types import CRIME_TYPES, STREET_COLUMNS

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


@dataclass(eq=False)  # its counts may be held elsewhere (HeldCounts): no field-by-field equality
class FileAggregate:
    """What one file holds: counts of the rows counted, and every other row with its reason."""

    file: StreetFile
    force_name: str = ""
    rows_read: int = 0
    rows_counted: int = 0
    rejects: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    #: Set while the counts are still held by the reader that made them (see HeldCounts).
    held: HeldCounts | None = field(default=None, repr=False, compare=False)
    _rows: list[tuple] = field(default_factory=list, repr=False)

    @property
    def lsoa_rows(self) -> list[tuple]:
        """The counts as stored: a tuple per LSOA, its code then a count per type in CRIME_TYPES order."""
        if self.held is not None:
            self._rows, self.held = self.held.rows(self.file.path), None
        return self._rows

    @lsoa_rows.setter
    def lsoa_rows(self, rows: list[tuple]) -> None:
        self._rows, self.held = rows, None

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """The counts as (LSOA, crime type, n), for every n above nought."""
        return [(row[0], t, n) for row in self.lsoa_rows for t, n in zip(CRIME_TYPES, row[1:], strict=True) if n]

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejects.values())


class HeldCounts:
    """A batch's counts left in DuckDB until asked for, by a reader made with `hold_counts=True`.

    Asked as tuples (`FileAggregate.lsoa_rows`), every file's come at once, as an eager reader
    would have fetched them. Asked as PostgreSQL COPY text (`copy_text`), files' counts come as
    text made by DuckDB, part by part: no Python tuple is made for them.
    They last as long as the reader: asked for after it closed, they raise PoliceFileError.
    """

    def __init__(self, con, *, counts: str, files: str, ids: dict[Path, int], lsoas: dict[Path, int]) -> None:
        self.con, self.counts_table, self.files_table = con, counts, files
        self.ids, self.lsoas = ids, lsoas
        self._rows: dict[Path, list[tuple]] | None = None
        self.open = True

    def _check(self) -> None:
        if not self.open:
            raise PoliceFileError("The counts were held by a police.uk reader that has since closed.")

    def rows(self, path: Path) -> list[tuple]:
        self._check()
        if self._rows is None:
            columns = ", ".join(f"c{i}" for i in range(len(CRIME_TYPES)))
            rows = self.con.execute(
                f"SELECT lsoa, {columns} FROM {self.counts_table} ORDER BY file_id, lsoa"  # noqa: S608
            ).fetchall()
            self._rows, start = {}, 0
            for file_path in sorted(self.ids, key=self.ids.__getitem__):  # the rows' order
                self._rows[file_path] = rows[start:start + self.lsoas.get(file_path, 0)]
                start += self.lsoas.get(file_path, 0)
        return self._rows[path]

    def copy_text(self, paths: Sequence[Path], *, part_rows: int = 8000) -> Iterator[str]:
        """The counts of these files as COPY text lines (force, month, LSOA, a count per type),
        in parts of about `part_rows` lines, each in key order: DuckDB makes the next part while
        the server stores the last (a third quicker than one text made first)."""
        self._check()
        values = ", ".join(["f.force", "f.expected || '-01'", "c.lsoa", *(f"c.c{i}" for i in range(len(CRIME_TYPES)))])
        part: list[int] = []
        rows = 0
        for number, path in enumerate(paths, start=1):
            part.append(self.ids[path])
            rows += self.lsoas.get(path, 0)
            if rows >= part_rows or number == len(paths):
                # Only the tables' names, made here, go into the statement; the files go as a parameter.
                # No value is NULL (concat_ws would leave it out); were one, the server would refuse the
                # line for want of a column, never store it shifted.
                (text,) = self.con.execute(
                    f"SELECT string_agg(concat_ws(chr(9), {values}) || chr(10), '' "  # noqa: S608
                    f"ORDER BY c.lsoa, f.expected, f.force) FROM {self.counts_table} c "
                    f"JOIN {self.files_table} f USING (file_id) WHERE file_id IN (SELECT unnest(?::BIGINT[]))",
                    [part],
                ).fetchone()
                if text:
                    yield text
                part, rows = [], 0


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
                _collect(sorted(p for p in source.rglob("*.csv") if p.is_file()), found, skipped, source)
            elif zipfile.is_zipfile(source):
                _collect(_unzip(source, Path(tmp) / str(number)), found, skipped, None, label=source.name)
            else:
                _collect([source], found, skipped, None)
        yield _unpatterned(_without_duplicates(found, skipped), Path(tmp) / "links"), skipped


#: DuckDB takes each path it reads as a pattern (`*`, `?`, `[ab]`), which could read another
#: file in its place, or several.
PATTERN_CHARACTERS = frozenset("*?[]{}")


def _unpatterned(files: list[StreetFile], into: Path) -> list[StreetFile]:
    """The files, any whose path DuckDB would read as a pattern reached through a link of a plain name."""
    plain = []
    for number, spec in enumerate(files):
        if PATTERN_CHARACTERS & set(str(spec.path)):
            link = into / f"{number:05d}" / spec.path.name  # a police.uk name holds none of them
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(spec.path.resolve())
            spec = replace(spec, path=link)
        plain.append(spec)
    return plain


def _collect(
    paths: Iterable[Path], found: list[StreetFile], skipped: list[Skipped], root: Path | None, label: str = ""
) -> None:
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
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:  # RuntimeError: encrypted
        raise PoliceFileError(f"{archive.name}: a damaged or unreadable zip archive ({exc}).") from exc


def _unzip_members(archive: Path, into: Path) -> list[Path]:
    paths = []
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            name = Path(info.filename).name
            if info.is_dir() or not name.endswith(".csv"):
                continue
            # Flattened, by base name: member names never choose where a file is written.
            target = into / f"{len(paths):05d}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
            paths.append(target)
    return sorted(paths, key=lambda p: p.name)


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


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


class DuckDBReader:
    """Aggregates files with DuckDB: in C++, in parallel, whatever their size."""

    def __init__(self, threads: int | None = None, *, hold_counts: bool = False) -> None:
        """`hold_counts`: a batch's counts stay in DuckDB until asked for (HeldCounts), for a
        caller that wants them as COPY text; else every aggregate comes with its tuples."""
        import duckdb

        self.con = duckdb.connect(config={"threads": threads} if threads else {})
        self.hold_counts = hold_counts
        self._held: list[HeldCounts] = []

    def close(self) -> None:
        for held in self._held:
            held.open = False
        self.con.close()

    def aggregate(self, file: StreetFile) -> FileAggregate:
        import duckdb

        columns = self._columns(file)
        self._check_columns(file, columns)
        try:
            self._classify(file, columns, str(file.path))
        except duckdb.InterruptException:
            raise
        except duckdb.Error as exc:  # one file DuckDB cannot make sense of is that file's failure, not the run's
            raise PoliceFileError(f"{file.name}: could not be read as a police.uk street-level file ({exc}).") from exc
        return self._results([FileAggregate(file=file)])[0]

    def aggregate_many(
        self, files: Sequence[StreetFile], progress: ReadProgress | None = None, poll_interval: float = 0.2
    ) -> dict[Path, FileAggregate | PoliceFileError]:
        """Every file, in one parallel pass for those with police.uk's own header, else one by one.

        A file that cannot be read comes back as its PoliceFileError; the others are unaffected.
        `progress` hears the share of the bytes read: during the one pass from DuckDB's own
        progress of the query (polled), then file by file for the others.
        """
        import duckdb

        sizes = {f.path: file_size(f.path) for f in files}
        total = sum(sizes.values()) or 1
        done_bytes = 0

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
        if len(standard) > 1:
            batch_share = sum(sizes[f.path] for f in standard) / total
            try:
                self._classify(
                    None, STREET_COLUMNS, [str(f.path) for f in standard], batch=standard,
                    progress=None if progress is None else (lambda r: tell(r * batch_share)),
                    poll_interval=poll_interval,
                )
                batch = self._results([FileAggregate(file=f) for f in standard], hold=self.hold_counts)
                results.update({a.file.path: a for a in batch})
                batched = {f.path for f in standard}
                done_bytes = sum(sizes[path] for path in batched)
            except duckdb.Error:
                pass  # something in one file upset the batch: read them one by one below
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

    def _classify(self, file: StreetFile | None, columns: Sequence[str], source, progress: ReadProgress | None = None,
                  poll_interval: float = 0.2, batch: Sequence[StreetFile] = ()) -> None:
        """Classify and count one `file`, or (`file` None) the `batch` of files, `source` their paths in order."""
        self.con.execute("DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans")
        if file is None:  # each file's own month and force, as the import records them, rather than per row
            # DuckDB numbers the files it reads by their place in the list (file_index): grouping
            # by that number rather than by the file's path was a tenth of the reading.
            self.con.execute("CREATE OR REPLACE TEMP TABLE street_files AS "
                             "SELECT unnest(?::BIGINT[]) AS file_id, "
                             "unnest(?::VARCHAR[]) AS expected, unnest(?::VARCHAR[]) AS force",
                             [list(range(len(source))), [spec.month_text for spec in batch],
                              [spec.force for spec in batch]])
        sql = f"CREATE OR REPLACE TEMP TABLE street_groups AS {self._classify_sql(file, columns)}"
        if progress is None:
            self.con.execute(sql, [source])
            self.con.execute(self._settle_sql())
            return
        # DuckDB tracks a query's progress only with its progress bar on (printing off); the
        # reading is the one long statement of an import, so it is the one watched.
        self.con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false; "
                         "SET progress_bar_time = 0")
        try:
            polled(lambda: self.con.execute(sql, [source]), poll=lambda: self.con.query_progress() / 100,
                   report=progress, interval=poll_interval, interrupt=self.con.interrupt)
        finally:
            self.con.execute("SET enable_progress_bar = false")
        self.con.execute(self._settle_sql())

    def _results(self, aggregates: list[FileAggregate], *, hold: bool = False) -> list[FileAggregate]:
        """Each file's counts, rejects, warnings and examples, the files in the order read (DuckDB's
        `file_id`, their place in the list); `hold` (a batch's only): the counts left in DuckDB,
        each aggregate's `held` saying where."""
        for result in aggregates:
            result.force_name = _force_name(result.file)
        counted = " + ".join(f"c{i}" for i in range(len(CRIME_TYPES)))
        files = self.con.execute(
            f"SELECT file_id, count(*), sum({counted})::BIGINT, sum(bad_xy)::BIGINT FROM street_counts "  # noqa: S608
            "GROUP BY file_id ORDER BY file_id"
        ).fetchall()
        # Counted rows come back as they will be stored, a tuple per LSOA, all files' in one
        # list cut file by file (each file's in LSOA order, the order of the table's key,
        # which makes inserting them cheaper): at national scale a loop in Python over
        # (LSOA, type) pairs took as long as the reading.
        if hold:
            held = self._hold(aggregates, lsoas={file_id: lsoas for file_id, lsoas, *_ in files})
            for result in aggregates:
                result.held = held
        else:
            columns = ", ".join(f"c{i}" for i in range(len(CRIME_TYPES)))
            rows = self.con.execute(f"SELECT lsoa, {columns} FROM street_counts ORDER BY file_id, lsoa").fetchall()  # noqa: S608
        start = 0
        for file_id, lsoas, n, bad_xy in files:
            result = aggregates[file_id]
            if not hold:
                result.lsoa_rows = rows[start:start + lsoas]
                start += lsoas
            result.rows_read += n
            result.rows_counted = n
            if bad_xy:
                result.warnings["bad_coordinates"] = bad_xy
        for file_id, status, n in self.con.execute(
            "SELECT file_id, status, sum(n)::BIGINT FROM street_rejects GROUP BY ALL"
        ).fetchall():
            result = aggregates[file_id]
            result.rows_read += n
            result.rejects[status] = n
        self._examples(aggregates)
        self._unreadable(aggregates)
        return aggregates

    def _hold(self, aggregates: list[FileAggregate], *, lsoas: dict[int, int]) -> HeldCounts:
        """The batch's counts and files kept under names of their own, which no later reading replaces."""
        number = len(self._held)
        self.con.execute(f"ALTER TABLE street_counts RENAME TO held_counts_{number}; "
                         f"ALTER TABLE street_files RENAME TO held_files_{number}")
        held = HeldCounts(self.con, counts=f"held_counts_{number}", files=f"held_files_{number}",
                          ids={a.file.path: file_id for file_id, a in enumerate(aggregates)},
                          lsoas={aggregates[file_id].file.path: n for file_id, n in lsoas.items()})
        self._held.append(held)
        return held

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

    def _classify_sql(self, file: StreetFile | None, columns: Sequence[str]) -> str:
        """The rows of one file (or, with `file` None, of a list of files, each known by its place in the list)
        grouped and classified.

        Rows are grouped by their raw month and LSOA, with a count per crime type: a month holds
        many rows of each LSOA, so the checks run once per group, and the counts come out in the
        table's shape. A type is looked up as spelt, and only if that fails once trimmed (the
        lookup is lazy: the trim costs nothing for the rows spelt as police.uk spells them).
        The types not known either way (a blank, a misspelling) are kept in the group as a
        short list, `unknown`, to be rejected and shown as examples after (`_settle_sql`).
        """
        if file is None:
            expected, file_id, join = "expected", "file_index", "JOIN street_files USING (file_id)"
        else:
            expected, file_id, join = f"'{file.month_text}'", "0", ""
        # The file's own header, in its order: no sniffing, which a damaged line can mislead.
        types = "{" + ", ".join(f"{_sql_list([c or f'column{i}'])}: 'VARCHAR'" for i, c in enumerate(columns)) + "}"
        lat = "try_cast(\"Latitude\" AS DOUBLE)"  # the cast allows spaces around the number
        lon = "try_cast(\"Longitude\" AS DOUBLE)"
        outside = (f"NOT (coalesce({lat} BETWEEN {LAT_RANGE[0]} AND {LAT_RANGE[1]}, false) AND "
                   f"coalesce({lon} BETWEEN {LON_RANGE[0]} AND {LON_RANGE[1]}, false))")
        known = _sql_list(CRIME_TYPES)
        # Each row's type as its place in CRIME_TYPES (1 to 14; 0: not a type), found once:
        # counting by number rather than comparing names for each column was a tenth quicker.
        per_type = ", ".join(f"count(*) FILTER (WHERE k = {i + 1}) AS c{i}" for i in range(len(CRIME_TYPES)))
        # Only constants and the file's own header, quoted, are put into the statement.
        return f"""
            WITH g AS (
                SELECT file_id, "Month" AS m0, "LSOA code" AS l0, {per_type},
                       count(*) FILTER (WHERE k > 0 AND {outside}) AS bad_xy,
                       list("Crime type") FILTER (WHERE k = 0) AS unknown,
                       count(*) AS n
                FROM (  -- only the columns used, by name: a file's other columns cannot clash with these
                    -- The coordinates are cast above this projection, never in it: there, DuckDB
                    -- 2.0 would push the try_cast into the CSV reader as a plain cast, and reject
                    -- the row of a bad latitude as unreadable (duckdb/duckdb#23818).
                    SELECT "Month", "LSOA code", "Crime type", "Latitude", "Longitude", {file_id} AS file_id,
                           coalesce(list_position([{known}], "Crime type"),
                                    list_position([{known}], trim("Crime type")), 0) AS k
                    FROM read_csv(?, header = true, auto_detect = false, columns = {types}, delim = ',',
                                  quote = '"', escape = '"', null_padding = true, store_rejects = true)
                )
                GROUP BY ALL
            ), r AS (
                SELECT g.*, trim(coalesce(m0, '')) AS m, trim(coalesce(l0, '')) AS l, {expected} AS expected
                FROM g {join}
            )
            SELECT  -- only what the settling uses: a wide table of groups is slow to make
                CASE
                    WHEN NOT regexp_full_match(m, '[0-9]{{4}}-(0[1-9]|1[0-2])') THEN 'malformed_month'
                    WHEN m <> expected THEN 'other_month'
                    WHEN l = '' THEN 'no_lsoa'
                    WHEN NOT regexp_full_match(l, '[EW]01[0-9]{{6}}') THEN 'malformed_lsoa'
                    ELSE 'ok'
                END AS status, file_id, m, l, {", ".join(f"c{i}" for i in range(len(CRIME_TYPES)))}, bad_xy, unknown, n
            FROM r
        """  # noqa: S608

    def _settle_sql(self) -> str:
        """From the classified groups, the counts per file and LSOA, and the rejects with examples.

        Groups whose month and LSOA are the same once trimmed are counted together; a group's
        `unknown` rows are rejected as `unknown_crime_type`, and a group all of whose rows were
        rejected leaves no counts.
        """
        kinds = range(len(CRIME_TYPES))
        sums = ", ".join(f"sum(c{i})::BIGINT AS c{i}" for i in kinds)
        return f"""
            CREATE OR REPLACE TEMP TABLE street_counts AS
                SELECT file_id, l AS lsoa, {sums}, sum(bad_xy)::BIGINT AS bad_xy
                FROM street_groups WHERE status = 'ok'
                GROUP BY file_id, l
                HAVING {" + ".join(f"sum(c{i})" for i in kinds)} > 0;
            CREATE OR REPLACE TEMP TABLE street_rejects AS
                SELECT file_id, status, CASE
                    WHEN status IN ('malformed_month', 'other_month') THEN m
                    WHEN status = 'malformed_lsoa' THEN l END AS example, sum(n)::BIGINT AS n
                FROM street_groups WHERE status <> 'ok' GROUP BY ALL
                UNION ALL
                SELECT file_id, 'unknown_crime_type', trim(coalesce(t, '')), count(*)
                FROM (SELECT file_id, unnest(unknown) AS t FROM street_groups WHERE status = 'ok' AND unknown IS NOT NULL)
                GROUP BY ALL;
        """  # noqa: S608

    def _examples(self, aggregates: list[FileAggregate]) -> None:
        rows = self.con.execute(
            "SELECT file_id, status, list(DISTINCT example) FROM street_rejects "
            "WHERE status <> 'no_lsoa' GROUP BY ALL"
        ).fetchall()
        for file_id, status, values in rows:
            aggregates[file_id].examples[status] = sorted(repr(v) for v in values if v is not None)[:5] or ["(blank)"]


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
    """The force as the file names it ("Falls within"), from its first rows that say.

    Read here rather than by DuckDB, where carrying the column through the grouping of every
    row cost a tenth of the reading.
    """
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


def duckdb_scan_seconds(paths: Sequence[Path]) -> float:
    """The floor for the benchmark: DuckDB reading every row of the files, nothing more."""
    import time

    import duckdb

    con = duckdb.connect()
    start = time.perf_counter()
    con.execute(
        "SELECT count(*), count(\"LSOA code\"), count(\"Crime type\") FROM read_csv(?, all_varchar = true, header = true)",
        [[str(p) for p in paths]],
    ).fetchall()
    return time.perf_counter() - start

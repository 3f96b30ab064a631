"""Writes for CSP performance: imports, the partnership's groups and partner figures.

Every import leaves an `ImportRun` with its data-quality report, written first (so a run
that is killed shows as "running (or interrupted)") and finished last.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from scrutiny.performance.crime_types import COUNT_FIELDS, CRIME_TYPES
from scrutiny.performance.models import (
    Area,
    AreaLsoa,
    ComparisonGroup,
    CrimeCount,
    ImportKind,
    ImportRun,
    ImportStatus,
    IndicatorGroup,
    IndicatorGroupType,
    PartnerFigure,
    PartnerIndicator,
    PoliceFile,
    PoliceMonth,
)
from scrutiny.performance.partner import PartnerSheetError, read_sheet
from scrutiny.performance.police import (
    DuckDBReader,
    FileAggregate,
    PoliceFileError,
    PoliceReader,
    StreetFile,
    file_size,
    street_files,
)
from scrutiny.performance.progress import READ_SHARE, ImportProgress

#: Hears an ImportProgress, in the caller's thread, its fraction never going back.
Progress = Callable[[ImportProgress], None]


class ImportRefused(Exception):
    """An import that cannot start; nothing was stored."""


def _run_start(*, kind: str, source: str, by, **fields) -> ImportRun:
    return ImportRun.internal.create(kind=kind, source=source[:500], started_at=timezone.now(), by=by, **fields)


def _run_finish(run: ImportRun, *, status: str, message: str = "") -> ImportRun:
    run.status = status
    run.message = message
    run.finished_at = timezone.now()
    run.save()
    return run


def police_import(
    *,
    sources: Sequence[Path | str],
    dry_run: bool = False,
    by=None,
    progress: Progress | None = None,
    reader: PoliceReader | None = None,
    source_label: str = "",
) -> ImportRun:
    """Import police.uk street-level files: each force's month replaces what was held for it.

    `source_label` is what the import history shows as the source (default: the paths), e.g.
    the names of files uploaded on the web, which are stored under a temporary folder.

    A month's files (every force's) are stored in one transaction (delete the forces' month,
    insert their counts, record the months and the files), so each force's month is either
    wholly the old data or wholly the new, even if the process dies; should the database
    refuse a file, the month's files are stored again one by one, and only that file's month
    stays as it was (`_police_files_store`).

    `progress` hears how far it has gone while the files are read (DuckDB's progress of the
    one pass) and after each month is stored, estimated from the files' sizes (progress.py).
    """
    run = _run_start(kind=ImportKind.POLICE, source=source_label or ", ".join(str(s) for s in sources), by=by)
    own_reader = reader is None
    # On PostgreSQL the counts go in as COPY text, which DuckDB makes from the counts it holds.
    reader = reader or DuckDBReader(hold_counts=connection.vendor == "postgresql")
    try:
        with cyclic_gc_paused(), street_files(sources) as (files, skipped):
            run.report = {"skipped": [{"name": s.name, "reason": s.reason} for s in skipped], "files": len(files)}
            sizes = {f.path: file_size(f.path) for f in files}
            total_bytes = sum(sizes.values()) or 1
            last = [0.0]

            def tell(phase: str, fraction: float, done: int, rows: int, current: str) -> None:
                if progress:
                    last[0] = max(last[0], min(fraction, 1.0))
                    progress(ImportProgress(phase, last[0], done, len(files), rows, current))

            # One parallel pass over every file when the reader can; else file by file below.
            read_share = READ_SHARE if hasattr(reader, "aggregate_many") else 0.0
            tell("reading", 0.0, 0, 0, "reading the files")
            if read_share:
                read = reader.aggregate_many(
                    files, progress=(lambda r: tell("reading", read_share * r, 0, 0, "reading the files"))
                    if progress else None,
                )
            else:
                read = {}
            # What each force's month held before, looked up once for the import, not once per file.
            held = {
                (m.force, m.month): m.rows_loaded
                for m in PoliceMonth.objects.filter(month__in={f.month for f in files}, force__in={f.force for f in files})
            }
            rows_read = stored_bytes = done = 0
            for _month, month_files in itertools.groupby(files, key=lambda f: f.month):
                batch = list(month_files)
                tell("storing", read_share + (1 - read_share) * stored_bytes / total_bytes, done, rows_read,
                     batch[0].name)
                records = [
                    _police_file(run=run, spec=spec, reader=reader, read=read.get(spec.path),
                                 replaced_rows=held.get((spec.force, spec.month), 0))
                    for spec in batch
                ]
                _police_files_store(run=run, records=records, dry_run=dry_run, held=held.keys())
                rows_read += sum(record.rows_read for record, _ in records)
                stored_bytes += sum(sizes[spec.path] for spec in batch)
                done += len(batch)
            tell("done", 1.0, len(files), rows_read, "")
    except PoliceFileError as exc:
        return _run_finish(run, status=ImportStatus.FAILED, message=str(exc))
    except BaseException as exc:
        _run_finish(run, status=ImportStatus.FAILED, message=f"Stopped by an error: {exc!r}")
        raise
    finally:
        if own_reader:
            reader.close()
    return _police_run_summarise(run, dry_run=dry_run)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector held off while an import makes its tens of thousands of rows.

    The rows are tuples of codes and numbers, which hold no cycles, yet making them triggers
    full collections that walk every object the process holds (all of Django's): measured,
    a fifth of a national month's import. Reference counting frees everything as usual; the
    collector's state is restored afterwards, whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _police_file(
    *, run: ImportRun, spec: StreetFile, reader: PoliceReader, read: FileAggregate | Exception | None,
    replaced_rows: int,
) -> tuple[PoliceFile, FileAggregate | None]:
    """A file's record in the history, with what it holds (None: it could not be read, as the record says)."""
    record = PoliceFile(run=run, name=spec.name, force=spec.force, month=spec.month)
    try:
        if isinstance(read, Exception):
            raise read
        aggregate = read if read is not None else reader.aggregate(spec)
    except PoliceFileError as exc:
        record.error = str(exc)
        return record, None
    record.rows_read = aggregate.rows_read
    record.rows_loaded = aggregate.rows_counted
    record.rejects = aggregate.rejects
    record.warnings = aggregate.warnings
    record.examples = aggregate.examples
    record.replaced_rows = replaced_rows
    return record, aggregate


def _police_files_store(*, run: ImportRun, records: Sequence[tuple[PoliceFile, FileAggregate | None]],
                        dry_run: bool, held: Collection[tuple[str, dt.date]]) -> None:
    """Store a month's files, with their records, in one transaction; should the database refuse
    that, each file in a transaction of its own, so one it refuses leaves its month as it was and
    the others are stored.

    Each force's month is replaced whole either way (the old counts or the new, even if the
    process dies); together, a national month costs one statement of each kind rather than 43.
    Together, only the months `held` when the import began are deleted (on SQLite, a scan of
    the table): were another's counts stored since, the database refuses the new ones, as their
    key is taken, and one by one every month is deleted first.
    """
    readable = [(record, aggregate) for record, aggregate in records if aggregate is not None]
    if dry_run or not readable:
        PoliceFile.objects.bulk_create([record for record, _ in records])
        return
    PoliceFile.objects.bulk_create([record for record, aggregate in records if aggregate is None])
    if len(readable) > 1:
        try:
            with transaction.atomic():
                aggregates = [aggregate for _, aggregate in readable]
                _replace_months(run=run, aggregates=aggregates,
                                delete=[key for a in aggregates if (key := (a.file.force, a.file.month)) in held])
                PoliceFile.objects.bulk_create([record for record, _ in readable])
            return
        except Exception:  # tried again file by file, below, where each failure is recorded
            for record, _ in readable:
                record.pk = None
    for record, aggregate in readable:
        try:
            with transaction.atomic():
                _replace_months(run=run, aggregates=[aggregate], delete=[(aggregate.file.force, aggregate.file.month)])
                record.save()
        except Exception as exc:
            record.pk = None
            record.rows_loaded = 0
            record.error = f"Not stored: {exc}. The month held before is unchanged."
            record.save()


def _replace_months(*, run: ImportRun, aggregates: Sequence[FileAggregate], delete: Sequence[tuple[str, dt.date]]) -> None:
    """Each file's force's month replaced by its counts, in the caller's transaction, once
    the counts held for the (force, month) keys in `delete` are removed."""
    if connection.vendor == "postgresql":
        # Not waiting for each month's commit to reach the disk: a crash of the server could
        # lose the last moment's months, each whole (back to what was held), never half of
        # one; the import's closing record, committed as usual, makes every month durable.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
    if delete:
        counts_delete_many(keys=delete)
    counts_write(aggregates=aggregates)
    PoliceMonth.objects.bulk_create(  # one statement: insert, or update the months held
        [PoliceMonth(force=a.file.force, month=a.file.month, run=run, rows_loaded=a.rows_counted,
                     force_name=a.force_name[:120]) for a in aggregates],
        update_conflicts=True, unique_fields=["force", "month"], update_fields=["run", "rows_loaded", "force_name"],
    )


def counts_by_lsoa(counts: Iterable[tuple[str, str, int]]) -> list[tuple]:
    """(LSOA, crime type, n) as one tuple per LSOA: its code, then its counts in the order of CRIME_TYPES."""
    column = {crime_type: i for i, crime_type in enumerate(CRIME_TYPES)}
    rows: dict[str, list[int]] = {}
    for lsoa, crime_type, n in counts:
        row = rows.get(lsoa)
        if row is None:
            row = rows[lsoa] = [0] * len(CRIME_TYPES)
        row[column[crime_type]] += n
    return [(lsoa, *row) for lsoa, row in rows.items()]


def counts_delete_many(*, keys: Iterable[tuple[str, dt.date]]) -> None:
    """Remove each (force, month) of counts, in the caller's transaction: a statement per month,
    plain SQL (the table has no relations or signals for Django's deletion to attend to)."""
    forces_by_month: dict[dt.date, list[str]] = {}
    for force, month in keys:
        forces_by_month.setdefault(month, []).append(force)
    table = CrimeCount._meta.db_table
    with connection.cursor() as cursor:
        for month, forces in forces_by_month.items():
            marks = ", ".join(["%s"] * len(forces))
            cursor.execute(f"DELETE FROM {table} WHERE month = %s AND force IN ({marks})", [month, *forces])  # noqa: S608


def counts_write(*, aggregates: Sequence[FileAggregate]) -> None:
    """Write files' counts (none held for their forces' months: the caller deleted them), in the
    caller's transaction: on PostgreSQL as COPY text made by the reader that holds them, if one
    does (HeldCounts), else from their tuples."""
    held = {id(a.held): a.held for a in aggregates}
    if connection.vendor == "postgresql" and len(held) == 1 and None not in held.values():
        (source,) = held.values()
        counts_copy_text(forces=[a.file.force for a in aggregates],
                         text=source.copy_text([a.file.path for a in aggregates]))
    else:
        counts_insert_many(blocks=[(a.file.force, a.file.month, a.lsoa_rows) for a in aggregates])


def counts_insert(*, force: str, month: dt.date, lsoa_rows: Sequence[tuple]) -> None:
    """Write a force's month of counts (none held for it: the caller deleted them), in the caller's transaction.

    `lsoa_rows`: a tuple per LSOA, its code then a count per type in CRIME_TYPES order
    (`counts_by_lsoa` makes them from (LSOA, type, n)).
    """
    counts_insert_many(blocks=[(force, month, lsoa_rows)])


def _forces_check(forces: Iterable[str]) -> None:
    for force in forces:
        if not force or any(c in force for c in "\t\n\r\\\x00"):
            # Never so from a police.uk file's name; refused, as COPY text and SQL text cannot carry it.
            raise ValueError(f"Not a force's code: {force!r}.")


COUNT_COLUMNS = "force, month, lsoa_code, " + ", ".join(COUNT_FIELDS.values())


def counts_copy_text(*, forces: Sequence[str], text: Iterable[str]) -> None:
    """Write counts given as PostgreSQL COPY text, in parts, a line per row of COUNT_COLUMNS, of
    these forces only, none held for them (the caller deleted them), in the caller's transaction.

    Each part is sent as soon as it comes, so the server stores one while the next is made.
    """
    _forces_check(forces)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {CrimeCount._meta.db_table} ({COUNT_COLUMNS}) FROM STDIN") as copy:
        for part in text:
            copy.write(part.encode())


def counts_insert_many(*, blocks: Sequence[tuple[str, dt.date, Sequence[tuple]]]) -> None:
    """Write forces' months of counts, each (force, month, lsoa_rows) as for `counts_insert`, in the caller's transaction."""
    _forces_check(force for force, _month, _rows in blocks)
    table = CrimeCount._meta.db_table
    if connection.vendor == "postgresql":
        # COPY: the fastest way into PostgreSQL. A block of COPY text per force's month, not a
        # call per row (the values are codes and numbers, none holding a tab, newline or
        # backslash), each sent as soon as it is made, so the server stores one while the next is
        # made. Each line is one %-format of the row's tuple: twice as quick as joining its values.
        line = "\t".join(["%s"] * (1 + len(CRIME_TYPES))) + "\n"
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({COUNT_COLUMNS}) FROM STDIN") as copy:
            for force, month, lsoa_rows in blocks:
                prefix = f"{force}\t{month:%Y-%m-%d}\t".replace("%", "%%")
                copy.write("".join(map((prefix + line).__mod__, lsoa_rows)).encode())
        return
    connection.ensure_connection()
    # The driver's own executemany, Django's wrapper and date adapter left out (a third of a
    # national import's writing), and the force and month, the same in every row, written
    # into the statement as quoted text (the month as the ISO text SQLite stores), so each
    # row's tuple goes to the driver as it came from the reader.
    marks = ", ".join(["?"] * (1 + len(CRIME_TYPES)))
    for force, month, lsoa_rows in blocks:
        constants = f"{_sql_text(force)}, {_sql_text(f'{month:%Y-%m-%d}')}"
        connection.connection.executemany(f"INSERT INTO {table} ({COUNT_COLUMNS}) VALUES ({constants}, {marks})", lsoa_rows)  # noqa: S608


def _sql_text(value: str) -> str:
    """A string as an SQL literal: in single quotes, each quote doubled (the standard, and SQLite's, escape)."""
    return "'" + value.replace("'", "''") + "'"


def crime_counts_analyze() -> None:
    """Refresh PostgreSQL's statistics of the LSOA lookups and the counts after an areas import.

    An areas import changes which LSOAs an area holds, which the indicators' join starts from.
    A police import does not call this (it cost a tenth of a national month's import), as the
    counts' statistics matter little now that the counts are keyed by LSOA first. Measured on
    the benchmark's 24 national months (882,000 rows), the indicators took 0.069 s never
    analysed, 0.069 s analysed while empty and 0.068 s analysed. The worst case found, in a
    review: statistics from 60 months of one force, then 24 national months imported, and the
    planner scans the period's months (found by the BRIN index) instead: 0.135 s, against
    0.064 s once analysed, until autovacuum (or anyone) analyses the table. With the surrogate
    key of old, a whole-table scan took 2.6 s. Only the columns queries filter and join on are
    sampled.
    """
    columns = {CrimeCount: "lsoa_code, month", AreaLsoa: "area_id, lsoa_code"}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (CrimeCount, AreaLsoa):
                cursor.execute(f"ANALYZE {model._meta.db_table} ({columns[model]})")


def _police_run_summarise(run: ImportRun, *, dry_run: bool) -> ImportRun:
    files = list(run.police_files.all())
    run.rows_read = sum(f.rows_read for f in files)
    run.rows_loaded = sum(f.rows_loaded for f in files if not f.error)
    run.rows_rejected = run.rows_read - run.rows_loaded
    rejects: dict[str, int] = {}
    warnings: dict[str, int] = {}
    for f in files:
        for reason, n in f.rejects.items():
            rejects[reason] = rejects.get(reason, 0) + n
        for kind, n in f.warnings.items():
            warnings[kind] = warnings.get(kind, 0) + n
    run.report = {**run.report, "rejects": rejects, "warnings": warnings, "failed_files": [f.name for f in files if f.error]}
    failed = [f for f in files if f.error]
    if dry_run:
        return _run_finish(run, status=ImportStatus.DRY_RUN, message="Dry run: nothing was stored.")
    if files and len(failed) == len(files):
        return _run_finish(run, status=ImportStatus.FAILED, message="No file could be stored.")
    message = f"{len(files) - len(failed)} of {len(files)} files stored." if files else "No street-level files found."
    return _run_finish(run, status=ImportStatus.COMPLETED, message=message)


def month_floor(value: dt.date) -> dt.date:
    return value.replace(day=1)


# --- partner figures ------------------------------------------------------------------------------


def partner_figures_upload(*, indicator: PartnerIndicator, name: str, content: bytes, by) -> ImportRun:
    """Store the figures of a partner's sheet: all of them, or (on any problem) none.

    A figure for a period already held is replaced; the import run says how many. A refused
    sheet leaves a failed run with its problems, and PartnerSheetError is raised.
    """
    # The run names the indicator; one given in confidence makes the run itself confidential
    # (ImportRun.public leaves it out), so the name reaches only those entitled.
    run = _run_start(kind=ImportKind.PARTNER, source=f"{indicator.name}: {name}", by=by,
                     partner_indicator=indicator, confidential=indicator.is_exempt)
    try:
        rows = read_sheet(name, content)
    except PartnerSheetError as exc:
        run.report = {"problems": exc.problems}
        _run_finish(run, status=ImportStatus.FAILED, message=f"Nothing stored: {exc.problems[0]}")
        raise
    with transaction.atomic():
        replaced = 0
        for row in rows:
            _, created = PartnerFigure.internal.update_or_create(
                indicator=indicator,
                period_start=row.period_start,
                defaults={"period_end": row.period_end, "value": row.value, "note": row.note, "entered_by": by},
            )
            replaced += not created
        run.rows_read = run.rows_loaded = len(rows)
        run.report = {"replaced": replaced, "indicator": indicator.slug}
        return _run_finish(run, status=ImportStatus.COMPLETED, message=f"{len(rows)} figures stored, {replaced} replaced.")


# --- the partnership's comparison group and priorities -------------------------------------------


@transaction.atomic
def comparison_group_set(*, committee, area: Area, members: Sequence[Area], county: Area | None = None,
                         name: str = "Most Similar Group", note: str = "") -> ComparisonGroup:
    if area in members:
        raise ValueError(f"{area.name} is the partnership's own area: it is always in its group, not a member.")
    group, _ = ComparisonGroup.objects.update_or_create(
        committee=committee, name=name, defaults={"area": area, "county": county, "note": note}
    )
    group.members.set(members)
    return group


@transaction.atomic
def indicator_group_set(*, committee, name: str, slug: str, crime_types: Sequence[str], position: int = 1,
                        description: str = "") -> IndicatorGroup:
    unknown = sorted(set(crime_types) - set(CRIME_TYPES))
    if unknown:
        raise ValueError(f"Not police.uk crime types: {', '.join(unknown)}.")
    if not crime_types:
        raise ValueError(f"The priority '{name}' needs at least one crime type.")
    group, _ = IndicatorGroup.objects.update_or_create(
        committee=committee, slug=slug, defaults={"name": name, "position": position, "description": description}
    )
    group.types.exclude(crime_type__in=crime_types).delete()
    for crime_type in crime_types:
        IndicatorGroupType.objects.get_or_create(group=group, crime_type=crime_type)
    return group

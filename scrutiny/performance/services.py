"""Writes for CSP performance: imports, the partnership's groups and partner figures.

Every import leaves an `ImportRun` with its data-quality report, written first (so a run
that is killed shows as "running (or interrupted)") and finished last.
docs/PERFORMANCE_STORAGE.md describes how the counts are stored and replaced.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from scrutiny.governance.models import Committee
from scrutiny.performance.crime_types import COUNT_FIELDS, CRIME_TYPES
from scrutiny.performance.models import (
    Area,
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
    BatchReader,
    DuckDBReader,
    FileAggregate,
    LsoaRow,
    PoliceFileError,
    PoliceReader,
    StreetFile,
    file_size,
    street_file_refusal,
    street_files,
)
from scrutiny.performance.progress import READ_SHARE, ImportProgress, ImportProgressReporter

#: Hears an ImportProgress, in the caller's thread, its fraction never going back.
Progress = Callable[[ImportProgress], None]
#: A force's month of counts: the force, the month and a row per LSOA.
CountBlock = tuple[str, dt.date, Sequence[LsoaRow]]
#: The columns a row of counts is written to, in the order of a CountBlock's values.
COUNT_COLUMNS = ("force", "month", "lsoa_code", *COUNT_FIELDS.values())


class ImportRefused(Exception):
    """An import that cannot start; nothing was stored."""


def _run_start(*, kind: ImportKind, source: str, by: User | None, partner_indicator: PartnerIndicator | None = None,
               confidential: bool = False) -> ImportRun:
    return ImportRun.internal.create(kind=kind, source=source[:500], started_at=timezone.now(), by=by,
                                     partner_indicator=partner_indicator, confidential=confidential)


def _run_finish(run: ImportRun, *, status: ImportStatus, message: str = "") -> ImportRun:
    run.status = status
    run.message = message
    run.finished_at = timezone.now()
    run.save()
    return run


def police_import(
    *,
    sources: Sequence[Path | str],
    dry_run: bool = False,
    by: User | None = None,
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
    reader = reader or DuckDBReader()
    try:
        with street_files(sources) as (files, skipped):
            run.report = {"skipped": [{"name": s.name, "reason": s.reason} for s in skipped], "files": len(files)}
            # One parallel pass over every file when the reader can; else each file as its month is stored.
            batch = isinstance(reader, BatchReader)
            report = ImportProgressReporter(progress, sizes=[file_size(f.path) for f in files],
                                            read_share=READ_SHARE if batch else 0.0)
            report.reading(0.0)
            # A file refused by its name (an unknown force, an impossible month) is never read.
            read: dict[Path, FileAggregate | PoliceFileError] = {
                f.path: PoliceFileError(refusal) for f in files if (refusal := street_file_refusal(f)) is not None
            }
            if isinstance(reader, BatchReader):
                read |= reader.aggregate_many([f for f in files if f.path not in read],
                                              progress=report.reading if progress else None)
            rows_read = _police_months_store(run=run, files=files, read=read, reader=reader, dry_run=dry_run,
                                             report=report)
            report.done(rows=rows_read)
    except PoliceFileError as exc:
        return _run_finish(run, status=ImportStatus.FAILED, message=str(exc))
    except BaseException as exc:
        _run_finish(run, status=ImportStatus.FAILED, message=f"Stopped by an error: {exc!r}")
        raise
    finally:
        if own_reader:
            reader.close()
    return _police_run_summarise(run, dry_run=dry_run)


def _police_months_store(*, run: ImportRun, files: Sequence[StreetFile], read: dict[Path, FileAggregate | PoliceFileError],
                         reader: PoliceReader, dry_run: bool, report: ImportProgressReporter) -> int:
    """Store the files month by month (they come in month order), each month in one transaction; the rows read."""
    # What each force's month held before, looked up once for the import, not once per file.
    held = {
        (m.force, m.month): m.rows_loaded
        for m in PoliceMonth.objects.filter(month__in={f.month for f in files}, force__in={f.force for f in files})
    }
    rows_read = done = 0
    for _month, month_files in itertools.groupby(files, key=lambda f: f.month):
        batch = list(month_files)
        report.storing(files_done=done, rows=rows_read, current=batch[0].name)
        records = [
            _police_file(run=run, spec=spec, reader=reader, read=read.get(spec.path),
                         replaced_rows=held.get((spec.force, spec.month), 0))
            for spec in batch
        ]
        _police_files_store(run=run, records=records, dry_run=dry_run, held=held.keys())
        rows_read += sum(record.rows_read for record, _ in records)
        done += len(batch)
    return rows_read


def _police_file(
    *, run: ImportRun, spec: StreetFile, reader: PoliceReader, read: FileAggregate | PoliceFileError | None,
    replaced_rows: int,
) -> tuple[PoliceFile, FileAggregate | None]:
    """A file's record in the history, with what it holds (None: it could not be read, as the record says)."""
    record = PoliceFile(run=run, name=spec.name, force=spec.force, month=spec.month)
    try:
        if isinstance(read, PoliceFileError):
            raise read
        aggregate = read if read is not None else reader.aggregate(spec)
    except PoliceFileError as exc:
        record.error = str(exc)
        return record, None
    if not aggregate.rows_counted:
        # An error page saved under a police.uk name, a file of its header only: stored, it
        # would replace the month held with nothing. Clearing a month is its own step.
        record.rows_read = aggregate.rows_read
        record.rejects = aggregate.rejects
        record.examples = aggregate.examples
        record.error = _nothing_counted(spec, aggregate, replaced_rows)
        return record, None
    record.rows_read = aggregate.rows_read
    record.rows_loaded = aggregate.rows_counted
    record.rejects = aggregate.rejects
    record.warnings = aggregate.warnings
    record.examples = aggregate.examples
    record.replaced_rows = replaced_rows
    return record, aggregate


def _nothing_counted(spec: StreetFile, aggregate: FileAggregate, held_rows: int) -> str:
    what = (f"none of its {aggregate.rows_read:,} rows could be counted" if aggregate.rows_read
            else "it holds no rows after its header")
    held = (f"The {held_rows:,} rows held for {spec.force} {spec.month_text} are unchanged" if held_rows
            else "Nothing was stored for it")
    return (f"{spec.name}: refused: {what} (a page saved in place of the file, or a file cut short?). {held}. "
            f"To empty a month on purpose, clear it: `scrutiny import-police --clear-month {spec.force} "
            f"{spec.month_text} --reason ...`, or Clear a month on the import page.")


def _police_files_store(*, run: ImportRun, records: Sequence[tuple[PoliceFile, FileAggregate | None]],
                        dry_run: bool, held: Collection[tuple[str, dt.date]]) -> None:
    """Store a month's files, with their records, in one transaction; should the database refuse
    that, each file in a transaction of its own, so one it refuses leaves its month as it was and
    the others are stored.

    Each force's month is replaced whole either way (the old counts or the new, even if the
    process dies); together, a month costs one statement of each kind, whatever the number of
    forces. Together, only the months `held` when the import began are deleted (on SQLite, a
    scan of the table): were another's counts stored since, the database refuses the new ones,
    as their key is taken, and one by one every month is deleted first.
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
    counts_delete_many(keys=delete)
    counts_insert_many(blocks=[(a.file.force, a.file.month, a.lsoa_rows) for a in aggregates])
    PoliceMonth.objects.bulk_create(  # one statement: insert, or update the months held
        [PoliceMonth(force=a.file.force, month=a.file.month, run=run, rows_loaded=a.rows_counted,
                     force_name=a.force_name[:120]) for a in aggregates],
        update_conflicts=True, unique_fields=["force", "month"], update_fields=["run", "rows_loaded", "force_name"],
    )


def counts_by_lsoa(counts: Iterable[tuple[str, str, int]]) -> list[LsoaRow]:
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
    """Remove each (force, month) of counts, in the caller's transaction: a statement per month
    (the table has no relations or signals, so Django deletes without fetching the rows first)."""
    forces_by_month: dict[dt.date, list[str]] = {}
    for force, month in keys:
        forces_by_month.setdefault(month, []).append(force)
    for month, forces in forces_by_month.items():
        CrimeCount.objects.filter(month=month, force__in=forces).delete()


def counts_insert(*, force: str, month: dt.date, lsoa_rows: Sequence[LsoaRow]) -> None:
    """Write a force's month of counts (none held for it: the caller deleted them), in the caller's transaction.

    `lsoa_rows`: a tuple per LSOA, its code then a count per type in CRIME_TYPES order
    (`counts_by_lsoa` makes them from (LSOA, type, n)).
    """
    counts_insert_many(blocks=[(force, month, lsoa_rows)])


def counts_insert_many(*, blocks: Sequence[CountBlock]) -> None:
    """Write forces' months of counts (none held for them: the caller deleted them), in the
    caller's transaction, in one statement: on PostgreSQL a COPY, elsewhere an INSERT per row."""
    for force, _month, _rows in blocks:
        if not force or "\x00" in force:  # PostgreSQL's text cannot hold NUL: refused on every engine alike
            raise ValueError(f"Not a force's code: {force!r}.")
    rows = ((force, month, *row) for force, month, lsoa_rows in blocks for row in lsoa_rows)
    table, columns = CrimeCount._meta.db_table, ", ".join(COUNT_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows to the server; executemany would wait on a statement per row.
            with connection.wrap_database_errors, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COUNT_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(rows))  # noqa: S608 (names only)


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
        refused = f" {len(failed)} of {len(files)} files would be refused: {_errors_shown(failed)}" if failed else ""
        return _run_finish(run, status=ImportStatus.DRY_RUN, message=f"Dry run: nothing was stored.{refused}")
    if files and len(failed) == len(files):
        return _run_finish(run, status=ImportStatus.FAILED, message=f"No file could be stored. {_errors_shown(failed)}")
    message = f"{len(files) - len(failed)} of {len(files)} files stored." if files else "No street-level files found."
    return _run_finish(run, status=ImportStatus.COMPLETED, message=message)


def _errors_shown(failed: Sequence[PoliceFile], *, most: int = 3) -> str:
    shown = " ".join(f.error for f in failed[:most])
    return shown + (f" (and {len(failed) - most} more: the import history lists them)" if len(failed) > most else "")


def police_month_clear(*, force: str, month: dt.date, by: User | None, reason: str) -> ImportRun:
    """Empty a force's month on purpose (an import never does: a file with nothing to count is
    refused): its counts are deleted, and an import run records who did it, when and why, and
    how many rows the month held. Refused, with nothing changed, if the month is not held or
    no reason is given."""
    reason = reason.strip()
    label = f"{force} {month:%Y-%m}"
    if not reason:
        raise ValidationError(f"Say why {label} is to be cleared: the reason is kept in the import history.")
    with transaction.atomic():
        held = PoliceMonth.objects.select_for_update().filter(force=force, month=month).first()
        if held is None:
            raise ValidationError(f"No counts are held for {label}: there is nothing to clear.")
        run = _run_start(kind=ImportKind.POLICE, source=f"Cleared: {label}", by=by)
        counts_delete_many(keys=[(force, month)])
        held.delete()
        run.rows_read = run.rows_loaded = run.rows_rejected = 0
        run.report = {"cleared": {"force": force, "month": f"{month:%Y-%m}", "rows_held": held.rows_loaded,
                                  "force_name": held.force_name, "loaded_by_run": held.run_id},
                      "reason": reason[:1000]}
        return _run_finish(run, status=ImportStatus.COMPLETED,
                           message=f"{label} cleared: the {held.rows_loaded:,} rows held were removed. Reason: {reason[:1000]}")


# --- partner figures ------------------------------------------------------------------------------


def partner_figures_upload(*, indicator: PartnerIndicator, name: str, content: bytes, by: User | None) -> ImportRun:
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
    try:
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
            return _run_finish(run, status=ImportStatus.COMPLETED,
                               message=f"{len(rows)} figures stored, {replaced} replaced.")
    except DatabaseError as exc:
        # The figures' transaction is rolled back (on PostgreSQL, a refused value aborts it), so
        # the run, written before it, is marked failed after it: never left "running".
        problem = f"the database refused the figures ({exc.__class__.__name__}); none were stored"
        run.report = {"problems": [problem]}
        _run_finish(run, status=ImportStatus.FAILED, message=f"Nothing stored: {problem}")
        raise PartnerSheetError([f"{name}: {problem}."]) from exc


# --- the partnership's comparison group and priorities -------------------------------------------


@transaction.atomic
def comparison_group_set(*, committee: Committee, area: Area, members: Sequence[Area], county: Area | None = None,
                         name: str = "Most Similar Group", note: str = "") -> ComparisonGroup:
    if area in members:
        raise ValueError(f"{area.name} is the partnership's own area: it is always in its group, not a member.")
    group, _ = ComparisonGroup.objects.update_or_create(
        committee=committee, name=name, defaults={"area": area, "county": county, "note": note}
    )
    group.members.set(members)
    return group


@transaction.atomic
def indicator_group_set(*, committee: Committee, name: str, slug: str, crime_types: Sequence[str], position: int = 1,
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

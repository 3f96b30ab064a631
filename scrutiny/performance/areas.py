"""Writes for areas and populations: ONS lookups and estimates, and the partnership's own areas.

An area counts crimes through the LSOAs it covers (`AreaLsoa`). Wards and districts get them
from the LSOA lookup; areas made of other areas (a CSP, a county, a police force area, an
area the partnership defines) get the union of their parts' LSOAs, rebuilt after each load.
Each load is one transaction: a failed load changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import TypedDict, TypeVar

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from scrutiny.performance import ons
from scrutiny.performance.models import (
    Area,
    AreaLevel,
    AreaLsoa,
    CrimeCount,
    ImportKind,
    ImportRun,
    ImportStatus,
    Population,
)

LEVEL_BY_GEOGRAPHY = {
    "country": AreaLevel.COUNTRY,
    "region": AreaLevel.REGION,
    "county": AreaLevel.COUNTY,
    "non-metropolitan district": AreaLevel.DISTRICT,
    "metropolitan district": AreaLevel.DISTRICT,
    "metropolitan county": AreaLevel.COUNTY,
    "unitary authority": AreaLevel.DISTRICT,
    "london borough": AreaLevel.DISTRICT,
    "local authority": AreaLevel.DISTRICT,
}


class AreaRefused(ValueError):
    pass


class ReadReportJson(TypedDict):
    """How a file was read, as an import run's report keeps it."""

    format: str
    rows_read: int
    rows_kept: int
    issues: dict[str, int]  # label -> rows
    examples: dict[str, list[str]]  # label -> "line n: detail"
    notes: list[str]


def _report(read_report: ons.ReadReport) -> ReadReportJson:
    return {
        "format": read_report.format,
        "rows_read": read_report.rows_read,
        "rows_kept": read_report.rows_kept,
        "issues": {g.label: g.count for g in read_report.issues},
        "examples": {g.label: [f"line {i.line}: {i.detail}" for i in g.examples] for g in read_report.issues},
        "notes": list(read_report.notes),
    }


def _run(
    kind: ImportKind,
    source: str,
    by: User | None,
    *,
    rows_read: int,
    rows_loaded: int,
    report: Mapping[str, object],
    dry_run: bool,
    message: str,
) -> ImportRun:
    now = timezone.now()
    return ImportRun.internal.create(
        kind=kind, source=source[:500], started_at=now, finished_at=now, by=by,
        status=ImportStatus.DRY_RUN if dry_run else ImportStatus.COMPLETED,
        rows_read=rows_read, rows_loaded=rows_loaded, rows_rejected=max(rows_read - rows_loaded, 0),
        report=report, message=message,
    )


def areas_import(*, source: ons.Source, name: str = "", dry_run: bool = False, by: User | None = None) -> ImportRun:
    """Load an ONS lookup: LSOA to ward to district, or district to CSP to police force area."""
    label = name or str(source)
    read, load = _lookup_read(source, label)
    with transaction.atomic():
        loaded = load()
        report: dict[str, object] = {**_report(read.report), "vintages": dict(read.vintages), **loaded}
        message = ", ".join(f"{n:,} {what}" for what, n in loaded.items()) + (" (dry run: nothing stored)" if dry_run else "")
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run:
        crime_counts_analyze()
    return _run(ImportKind.AREAS, label, by, rows_read=read.report.rows_read, rows_loaded=len(read.rows),
                report=report, dry_run=dry_run, message=message)


LookupRead = ons.LookupRead[ons.LsoaRow] | ons.LookupRead[ons.DistrictRow]


def _lookup_read(source: ons.Source, label: str) -> tuple[LookupRead, Callable[[], dict[str, int]]]:
    """The file read as an LSOA lookup, else as a district lookup, with what loads it."""
    try:
        lsoa = ons.read_lsoa_lookup(source)
    except ons.OnsFormatError as lsoa_error:
        if hasattr(source, "seek"):
            source.seek(0)
        try:
            district = ons.read_district_lookup(source)
        except ons.OnsFormatError:
            raise AreaRefused(
                f"{label}: neither an LSOA to ward to district lookup nor a district to CSP to police force "
                f"area lookup ({lsoa_error})."
            ) from None
        return district, partial(_district_lookup_load, district)
    return lsoa, partial(_lsoa_lookup_load, lsoa)


def _upsert(code: str, name: str, level: str, vintage: str, parent: Area | None = None) -> Area:
    area, _ = Area.objects.update_or_create(
        code=code, defaults={"name": name, "level": level, "vintage": vintage, **({"parent": parent} if parent else {})}
    )
    return area


T = TypeVar("T")


def _chunks(items: Sequence[T], size: int = 2000) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _bulk_upsert(entries: dict[str, tuple[str, str, str, int | None]]) -> dict[str, Area]:
    """Areas by code from {code: (name, level, vintage, parent id)}, in a few queries, not one per row."""
    existing: dict[str, Area] = {}
    for chunk in _chunks(list(entries)):
        existing.update({a.code: a for a in Area.objects.filter(code__in=chunk)})
    new, changed = [], []
    for code, (name, level, vintage, parent_id) in entries.items():
        area = existing.get(code)
        if area is None:
            new.append(Area(code=code, name=name, level=level, vintage=vintage, parent_id=parent_id))
        elif (area.name, area.level, area.vintage, area.parent_id) != (name, level, vintage, parent_id or area.parent_id):
            area.name, area.level, area.vintage = name, level, vintage
            area.parent_id = parent_id or area.parent_id
            changed.append(area)
    Area.objects.bulk_create(new, batch_size=2000)
    Area.objects.bulk_update(changed, ["name", "level", "vintage", "parent"], batch_size=2000)
    result: dict[str, Area] = {}
    for chunk in _chunks(list(entries)):
        result.update({a.code: a for a in Area.objects.filter(code__in=chunk)})
    return result


def _lsoa_lookup_load(read: ons.LookupRead[ons.LsoaRow]) -> dict[str, int]:
    vintage = read.vintages
    rows = read.rows
    districts = _bulk_upsert(
        {r.district_code: (r.district_name, AreaLevel.DISTRICT, vintage.get("district", ""), None) for r in rows}
    )
    wards = _bulk_upsert(
        {r.ward_code: (r.ward_name, AreaLevel.WARD, vintage.get("ward", ""), districts[r.district_code].pk) for r in rows}
    )
    lsoas = _bulk_upsert(
        {r.lsoa_code: (r.lsoa_name, AreaLevel.LSOA, vintage.get("lsoa", ""), wards[r.ward_code].pk) for r in rows}
    )
    members: dict[int, set[str]] = {}
    for row in rows:
        for area in (lsoas[row.lsoa_code], wards[row.ward_code], districts[row.district_code]):
            members.setdefault(area.pk, set()).add(row.lsoa_code)
    # Replace-and-load for the areas in the file: an LSOA moved between wards leaves its old ward.
    for chunk in _chunks(list(members)):
        AreaLsoa.objects.filter(area_id__in=chunk).delete()
    _area_lsoas_insert((pk, code) for pk, codes in members.items() for code in sorted(codes))
    rebuilt = area_lsoas_rebuild()
    return {"LSOAs": len(lsoas), "wards": len(wards), "districts": len(districts), "areas made of parts rebuilt": rebuilt}


def _district_lookup_load(read: ons.LookupRead[ons.DistrictRow]) -> dict[str, int]:
    vintage = read.vintages
    wholes: dict[str, Area] = {}
    for row in read.rows:
        district = _upsert(row.district_code, row.district_name, AreaLevel.DISTRICT, vintage.get("district", ""))
        for code, name, level, key in (
            (row.csp_code, row.csp_name, AreaLevel.CSP, "csp"),
            (row.force_code, row.force_name, AreaLevel.FORCE, "force"),
        ):
            if not code:
                continue
            whole = wholes.get(code)
            if whole is None:
                whole = wholes[code] = _upsert(code, name, level, vintage.get(key, ""))
                whole.parts.clear()  # the file says what it is made of now
            whole.parts.add(district)
    rebuilt = area_lsoas_rebuild()
    return {
        "districts": len({r.district_code for r in read.rows}),
        "CSPs": sum(1 for a in wholes.values() if a.level == AreaLevel.CSP),
        "police force areas": sum(1 for a in wholes.values() if a.level == AreaLevel.FORCE),
        "areas made of parts rebuilt": rebuilt,
    }


def _area_lsoas_insert(pairs: Iterable[tuple[int, str]]) -> None:
    # Plain executemany: hundreds of thousands of pairs, no model instances needed.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {AreaLsoa._meta.db_table} (area_id, lsoa_code) VALUES (%s, %s)",  # noqa: S608
            list(pairs),
        )


def area_lsoas_rebuild() -> int:
    """Every area made of parts covers the union of its parts' LSOAs, deepest wholes first."""
    edges: dict[int, set[int]] = {}
    for whole, part in Area.parts.through.objects.values_list("from_area_id", "to_area_id"):
        edges.setdefault(whole, set()).add(part)
    order: list[int] = []
    state: dict[int, str] = {}

    def visit(pk: int) -> None:
        if state.get(pk) == "done":
            return
        if state.get(pk) == "visiting":
            raise AreaRefused("An area is made of itself (a loop in the parts of areas).")
        state[pk] = "visiting"
        for part in edges.get(pk, ()):
            visit(part)
        state[pk] = "done"
        if pk in edges:
            order.append(pk)

    for pk in edges:
        visit(pk)
    table, parts = AreaLsoa._meta.db_table, Area.parts.through._meta.db_table
    area_table = Area._meta.db_table
    with connection.cursor() as cursor:
        for pk in order:
            cursor.execute(f"DELETE FROM {table} WHERE area_id = %s", [pk])  # noqa: S608
            # An LSOA that is itself a part counts as covering itself.
            cursor.execute(
                f"INSERT INTO {table} (area_id, lsoa_code) SELECT DISTINCT %s, code FROM ("  # noqa: S608
                f" SELECT al.lsoa_code AS code FROM {table} al JOIN {parts} p ON p.to_area_id = al.area_id"
                f" WHERE p.from_area_id = %s"
                f" UNION SELECT a.code FROM {area_table} a JOIN {parts} p ON p.to_area_id = a.id"
                f" WHERE p.from_area_id = %s AND a.level = 'lsoa') AS covered",
                [pk, pk, pk],
            )
    return len(order)


@transaction.atomic
def area_define(*, code: str, name: str, parts: Sequence[str], level: str = AreaLevel.CUSTOM,
                description: str = "") -> Area:
    """An area made of other areas (LSOAs for the town centre; districts for a county)."""
    code = code.strip()
    if not code or not name.strip():
        raise AreaRefused("An area needs a code and a name.")
    if level not in AreaLevel.values or level == AreaLevel.LSOA:
        raise AreaRefused(f"An area defined by its parts cannot be of level {level!r}.")
    found = {a.code: a for a in Area.objects.filter(code__in=parts)}
    unknown = [p for p in parts if p not in found]
    if unknown:
        raise AreaRefused(f"Unknown areas: {', '.join(unknown[:10])}{' ...' if len(unknown) > 10 else ''}. Load the ONS lookup first.")
    if not parts:
        raise AreaRefused(f"{name} needs at least one part.")
    area = _upsert(code, name.strip(), level, "")
    area.description = description
    area.save()
    area.parts.set(found.values())
    area_lsoas_rebuild()
    return area


def population_import(
    *, source: ons.Source, name: str = "", year: int | None = None, dry_run: bool = False, by: User | None = None
) -> ImportRun:
    """Load ONS mid-year estimates: every area in the file gets its year's figure (replacing one held)."""
    label = name or str(source)
    try:
        read = ons.read_population(source, year=year)
    except ons.OnsFormatError as exc:
        raise AreaRefused(str(exc)) from None
    with transaction.atomic():
        created_areas, replaced = _population_load(read.rows)
        if dry_run:
            transaction.set_rollback(True)
    years = ", ".join(str(y) for y in read.years)
    message = (
        f"{len(read.rows):,} estimates for mid-{years}; {replaced:,} replaced; {created_areas:,} new areas"
        + _rows_not_loaded(read.report) + (" (dry run: nothing stored)" if dry_run else "")
    )
    return _run(ImportKind.POPULATION, label, by, rows_read=read.report.rows_read, rows_loaded=len(read.rows),
                report={**_report(read.report), "years": list(read.years)}, dry_run=dry_run, message=message)


def _rows_not_loaded(report: ons.ReadReport, *, shown: int = 3) -> str:
    """The rows the reader refused, the first few by line: '; 2 rows not loaded (line 5: ...)'."""
    if not report.rows_rejected:
        return ""
    examples = [f"line {i.line}: {i.detail}" for g in report.issues if g.rejects for i in g.examples][:shown]
    return f"; {report.rows_rejected:,} rows not loaded ({'; '.join(examples)})"


def _population_load(rows: Iterable[ons.PopulationRow]) -> tuple[int, int]:
    areas = {a.code: a for a in Area.objects.all().only("pk", "code")}
    created = replaced = 0
    for row in rows:
        area = areas.get(row.code)
        if area is None:
            level = LEVEL_BY_GEOGRAPHY.get(row.geography.strip().lower())
            if level is None:
                continue  # a level rates are never given for (e.g. a combined authority)
            area = areas[row.code] = Area.objects.create(code=row.code, name=row.name, level=level)
            created += 1
        _, was_created = Population.objects.update_or_create(
            area=area, year=row.year, defaults={"population": row.population, "source": "ONS mid-year estimates"}
        )
        replaced += not was_created
    return created, replaced


def crime_counts_analyze() -> None:
    """Refresh PostgreSQL's statistics of the LSOA lookups and the counts after an areas import.

    An areas import changes which LSOAs an area holds, which the indicators' join starts from.
    A police import does not call this: the indicators read the counts by their key (LSOA
    first), which serves them with or without fresh statistics, until autovacuum (or anyone)
    analyses the table. Only the columns queries filter and join on are sampled.
    """
    columns = {CrimeCount: "lsoa_code, month", AreaLsoa: "area_id, lsoa_code"}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model, sampled in columns.items():
                cursor.execute(f"ANALYZE {model._meta.db_table} ({sampled})")


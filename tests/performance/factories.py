"""Factories for the performance app, and a helper to lay down counts month by month."""

from __future__ import annotations

import datetime as dt

import factory

from scrutiny.performance.crime_types import COUNT_FIELDS
from scrutiny.performance.models import (
    Area,
    AreaLevel,
    AreaLsoa,
    CrimeCount,
    ImportRun,
    PoliceMonth,
    Population,
)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"E07{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"District {n}")
    level = AreaLevel.DISTRICT


def area_with_lsoas(name: str, lsoas: list[str], *, population: dict[int, int] | None = None, **kwargs) -> Area:
    area = AreaFactory(name=name, **kwargs)
    AreaLsoa.objects.bulk_create([AreaLsoa(area=area, lsoa_code=code) for code in lsoas])
    for year, people in (population or {}).items():
        Population.objects.create(area=area, year=year, population=people)
    return area


def counts(rows: list[tuple[str, str, str, int]], *, force: str = "kent") -> None:
    """rows of (month 'YYYY-MM', lsoa, crime type, n); the months are marked as loaded."""
    run = ImportRun.internal.create(kind="police", source="test", started_at=dt.datetime(2022, 4, 1, tzinfo=dt.UTC))
    for month, lsoa, crime_type, n in rows:
        key = {"force": force, "month": dt.date.fromisoformat(month + "-01"), "lsoa_code": lsoa}
        row = CrimeCount.objects.filter(**key).first() or CrimeCount(**key)  # saved only once it counts something
        field = COUNT_FIELDS[crime_type]
        setattr(row, field, getattr(row, field) + n)
        row.save()
    months_loaded(sorted({r[0] for r in rows}), run=run, force=force)


def count_total(crime_type: str | None = None, **filters) -> int:
    """The counts held (of one crime type, or all), for rows matching `filters`."""
    from django.db.models import Sum

    fields = [COUNT_FIELDS[crime_type]] if crime_type else list(COUNT_FIELDS.values())
    sums = CrimeCount.objects.filter(**filters).aggregate(**{f: Sum(f) for f in fields})
    return sum(v or 0 for v in sums.values())


def months_loaded(months: list[str], *, run: ImportRun | None = None, force: str = "kent") -> None:
    run = run or ImportRun.internal.create(kind="police", source="test", started_at=dt.datetime(2022, 4, 1, tzinfo=dt.UTC))
    for month in months:
        PoliceMonth.objects.get_or_create(
            force=force, month=dt.date.fromisoformat(month + "-01"), defaults={"run": run, "rows_loaded": 0}
        )

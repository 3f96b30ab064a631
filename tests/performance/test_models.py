"""The counts table's invariants, held by the database itself on either engine."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from scrutiny.performance.models import CrimeCount

pytestmark = pytest.mark.django_db


def _count(**fields) -> CrimeCount:
    return CrimeCount(force="kent", month=dt.date(2022, 1, 1), lsoa_code="E01024144", burglary=1, **fields)


@pytest.mark.parametrize("month", [dt.date(2022, 1, 2), dt.date(2022, 2, 28), dt.date(2024, 12, 31)])
def test_a_count_is_for_a_whole_month_named_by_its_first_day(month):
    with pytest.raises(IntegrityError), transaction.atomic():
        CrimeCount.objects.create(force="kent", month=month, lsoa_code="E01024144", burglary=1)
    _count().save()  # the first day is accepted
    assert CrimeCount.objects.get().month == dt.date(2022, 1, 1)


def test_a_row_counts_something_and_once_per_force_month_and_lsoa():
    with pytest.raises(IntegrityError), transaction.atomic():
        CrimeCount.objects.create(force="kent", month=dt.date(2022, 1, 1), lsoa_code="E01024144")
    _count().save()
    with pytest.raises(IntegrityError), transaction.atomic():  # the key is the LSOA, month and force
        CrimeCount.objects.create(force="kent", month=dt.date(2022, 1, 1), lsoa_code="E01024144", drugs=2)
    assert CrimeCount.objects.count() == 1
    assert CrimeCount.objects.get(pk=("E01024144", dt.date(2022, 1, 1), "kent")).drugs == 0
    # Another force's count of the same LSOA and month is its own (a force's border).
    CrimeCount.objects.create(force="met", month=dt.date(2022, 1, 1), lsoa_code="E01024144", drugs=2)
    assert CrimeCount.objects.count() == 2


def test_counts_are_written_with_the_force_as_given_even_with_a_quote_in_it():
    from scrutiny.performance.services import counts_insert

    counts_insert(force="o'neill-test", month=dt.date(2022, 3, 1), lsoa_rows=[("E01024144", *([0] * 13), 4)])
    row = CrimeCount.objects.get()
    assert (row.force, row.month, row.lsoa_code, row.violence_and_sexual_offences, row.total) == (
        "o'neill-test", dt.date(2022, 3, 1), "E01024144", 4, 4)
    with pytest.raises(ValueError, match="Not a force"):
        counts_insert(force="bad\x00force", month=dt.date(2022, 3, 1), lsoa_rows=[("E01024145", 1, *([0] * 13))])


def test_the_table_as_migrated_finds_a_month_by_its_own_index():
    """A month to replace is found by an index on the month: on PostgreSQL a BRIN index made
    outside Django's state (migration 0007), which a later migration that rebuilt the table
    would lose without a word. (On SQLite a month to replace is found by a scan of the table.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the BRIN index is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [CrimeCount._meta.db_table])
        indexes = [definition for (definition,) in cursor.fetchall()]
    assert any("crime_count_month_brin" in d and "USING brin (month)" in d for d in indexes), indexes

"""The migration that moved counts to one row per force, month and LSOA: its SQL, on old rows."""

import importlib

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db
PIVOTING = importlib.import_module("scrutiny.performance.migrations.0003_crime_counts_by_lsoa_month")
OLD_ROWS = [
    ("kent", "2022-01-01", "E01000001", "Burglary", 3),
    ("kent", "2022-01-01", "E01000001", "Drugs", 2),
    ("kent", "2022-01-01", "E01000002", "Burglary", 1),
    ("kent", "2022-02-01", "E01000001", "Anti-social behaviour", 7),
    ("essex", "2022-01-01", "E01000001", "Violence and sexual offences", 5),
]


def test_old_rows_become_one_row_per_force_month_and_lsoa_with_each_type_summed():
    table = "pivot_trial"
    serial = "SERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
    columns = ", ".join(f"{name} INTEGER NOT NULL DEFAULT 0" for name in PIVOTING.FIELDS.values())
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {table} (id {serial}, force VARCHAR(64) NOT NULL, month DATE NOT NULL, "
                       f"lsoa_code VARCHAR(16) NOT NULL, crime_type VARCHAR(40) NOT NULL, count INTEGER NOT NULL, "
                       f"{columns})")
        cursor.executemany(f"INSERT INTO {table} (force, month, lsoa_code, crime_type, count) "  # noqa: S608
                           "VALUES (%s, %s, %s, %s, %s)", OLD_ROWS)
        for statement in (PIVOTING.PIVOT, PIVOTING.DROP_OLD_ROWS):
            cursor.execute(statement.replace("performance_crimecount", table))
        cursor.execute(f"SELECT force, month, lsoa_code, crime_type, burglary, drugs, anti_social_behaviour, "  # noqa: S608
                       f"violence_and_sexual_offences, {' + '.join(PIVOTING.FIELDS.values())} FROM {table} "
                       "ORDER BY force, month, lsoa_code")
        rows = [(f, m if isinstance(m, str) else f"{m:%Y-%m-%d}", *rest) for f, m, *rest in cursor.fetchall()]
    assert rows == [
        ("essex", "2022-01-01", "E01000001", "", 0, 0, 0, 5, 5),
        ("kent", "2022-01-01", "E01000001", "", 3, 2, 0, 0, 5),
        ("kent", "2022-01-01", "E01000002", "", 1, 0, 0, 0, 1),
        ("kent", "2022-02-01", "E01000001", "", 0, 0, 7, 0, 7),
    ]


def test_the_pivot_runs_before_the_old_columns_are_removed():
    names = [type(op).__name__ for op in PIVOTING.Migration.operations]
    pivot = names.index("RunSQL")
    assert all(n in ("RemoveConstraint", "AddField") for n in names[:pivot])
    assert set(names[pivot + 1:]) == {"RemoveField", "AddConstraint"}

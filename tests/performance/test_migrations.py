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


# --- 0005: the counts keyed by force, month and LSOA ------------------------------------------------

BEFORE_KEY = ("performance", "0004_crime_count_month_check_in_sql")
KEYED = ("performance", "0005_crime_count_keyed_by_force_month_lsoa")
KEY_ROWS = [("kent", "2022-01-01", "E01000001", 3, 0), ("kent", "2022-02-01", "E01000001", 0, 7),
            ("essex", "2022-01-01", "E01000001", 1, 1)]


def _held() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT force, month, lsoa_code, burglary, drugs FROM performance_crimecount "
                       "ORDER BY force, month")
        return [(f, m if isinstance(m, str) else f"{m:%Y-%m-%d}", *rest) for f, m, *rest in cursor.fetchall()]


def _table_sql() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'performance_crimecount' AND sql IS NOT NULL "
                           "ORDER BY type DESC")  # the table, then its indexes
        else:
            cursor.execute("SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE tablename = 'performance_crimecount' "
                           "ORDER BY indexname")
        return " | ".join(row[0] for row in cursor.fetchall())


def _hold_key_rows(executor, state) -> None:
    """KEY_ROWS stored as the counts table was at migration `state`."""
    model = executor.loader.project_state(state).apps.get_model("performance", "CrimeCount")
    for force, month, lsoa, burglary, drugs in KEY_ROWS:
        model.objects.create(force=force, month=month, lsoa_code=lsoa, burglary=burglary, drugs=drugs)


@pytest.mark.django_db(transaction=True)
def test_the_counts_table_is_rebuilt_with_its_rows_keyed_and_back_again():
    from django.db import IntegrityError, transaction
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE_KEY])
        _hold_key_rows(executor, BEFORE_KEY)
        assert "id" in _table_sql()

        executor = MigrationExecutor(connection)
        executor.migrate([KEYED])
        assert _held() == sorted(KEY_ROWS)
        keyed = _table_sql()
        if connection.vendor == "sqlite":
            assert keyed.split(" | ")[0].endswith("WITHOUT ROWID") and '"id"' not in keyed
            assert 'PRIMARY KEY ("force", "month", "lsoa_code")' in keyed
        else:
            assert "performance_crimecount_pkey CREATE UNIQUE INDEX performance_crimecount_pkey" in keyed
            assert "(force, month, lsoa_code)" in keyed and "_rebuilt" not in keyed
        assert '"crime_count_lsoa_month"' in keyed or "crime_count_lsoa_month " in keyed  # the index made again
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO performance_crimecount (force, month, lsoa_code, burglary, anti_social_behaviour, "
                           "bicycle_theft, criminal_damage_and_arson, drugs, other_crime, other_theft, "
                           "possession_of_weapons, public_order, robbery, shoplifting, theft_from_the_person, "
                           "vehicle_crime, violence_and_sexual_offences) "
                           "VALUES ('kent', '2022-01-01', 'E01000001', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)")

        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE_KEY])  # and back: the rows kept, each given an id again
        assert _held() == sorted(KEY_ROWS)
        assert "id" in _table_sql()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


# --- 0007: the counts keyed by LSOA, month and force: one index where there were two ------------------

BEFORE_LSOA_KEY = ("performance", "0006_partner_indicator_combine")
LSOA_KEYED = ("performance", "0007_crime_count_keyed_by_lsoa_month_force")
A_TAKEN_KEY = ("INSERT INTO performance_crimecount (force, month, lsoa_code, burglary, anti_social_behaviour, "
               "bicycle_theft, criminal_damage_and_arson, drugs, other_crime, other_theft, possession_of_weapons, "
               "public_order, robbery, shoplifting, theft_from_the_person, vehicle_crime, "
               "violence_and_sexual_offences) "
               "VALUES ('kent', '2022-01-01', 'E01000001', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)")


@pytest.mark.django_db(transaction=True)
def test_the_counts_table_is_keyed_by_lsoa_month_and_force_with_one_index_and_back_again():
    from django.db import IntegrityError, transaction
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE_LSOA_KEY])
        _hold_key_rows(executor, BEFORE_LSOA_KEY)

        executor = MigrationExecutor(connection)
        executor.migrate([LSOA_KEYED])
        assert _held() == sorted(KEY_ROWS)
        keyed = _table_sql()
        assert "crime_count_lsoa_month" not in keyed  # the key serves the indicators' reads
        if connection.vendor == "sqlite":
            assert keyed.split(" | ")[0].endswith("WITHOUT ROWID")
            assert 'PRIMARY KEY ("lsoa_code", "month", "force")' in keyed
        else:
            assert "(lsoa_code, month, force)" in keyed and "_rebuilt" not in keyed
            assert "crime_count_month_brin CREATE INDEX crime_count_month_brin" in keyed and "USING brin (month)" in keyed
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(A_TAKEN_KEY)

        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE_LSOA_KEY])  # and back: keyed by force, month and LSOA, the index made again
        assert _held() == sorted(KEY_ROWS)
        before = _table_sql()
        assert "crime_count_lsoa_month" in before and "brin" not in before
        if connection.vendor == "sqlite":
            assert before.split(" | ")[0].endswith("WITHOUT ROWID")
            assert 'PRIMARY KEY ("force", "month", "lsoa_code")' in before
        else:
            assert "(force, month, lsoa_code)" in before
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(A_TAKEN_KEY)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


# --- 0002: earlier partner uploads linked to their indicator, and confidential when it is -------------

def test_earlier_partner_uploads_are_linked_and_kept_from_the_public_when_in_confidence():
    import datetime as dt

    from django.apps import apps

    from scrutiny.performance.models import ImportRun, PartnerIndicator
    from tests.factories import CommitteeFactory, OrganisationFactory

    linking = importlib.import_module("scrutiny.performance.migrations.0002_import_run_partner_indicator")
    committee, organisation = CommitteeFactory(), OrganisationFactory()

    def indicator(name, slug, exempt):
        extra = {"exemption_ground": "confidence", "exemption_note": "In confidence."} if exempt else {}
        return PartnerIndicator.internal.create(committee=committee, organisation=organisation, name=name, slug=slug,
                                                is_exempt=exempt, **extra)

    fires, iom = indicator("Deliberate fires", "fires", False), indicator("IOM reoffending", "iom", True)

    def upload(source, slug):  # as the earlier code left them: no link, not marked
        return ImportRun.internal.create(kind="partner", source=source, report={"indicator": slug},
                                         started_at=dt.datetime(2022, 4, 1, tzinfo=dt.UTC))

    by_slug, by_name = upload("fires.csv", "fires"), upload("IOM reoffending: q1.xlsx", "")
    either = upload("Deliberate fires: q2.csv", "iom")  # its name says one indicator, its slug the other
    linking.link_partner_uploads(apps, None)
    found = {run.pk: (run.partner_indicator_id, run.confidential) for run in ImportRun.internal.all()}
    assert found[by_slug.pk] == (fires.pk, False)
    assert found[by_name.pk] == (iom.pk, True)
    assert found[either.pk] == (None, True)  # not linked to either, and kept from the public as if in confidence
    assert set(ImportRun.public.values_list("pk", flat=True)) == {by_slug.pk}

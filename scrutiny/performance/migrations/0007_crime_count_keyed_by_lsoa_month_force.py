"""Counts keyed by LSOA, month and force, in that order: one index where there were two.

The key (force, month, LSOA) and the index (LSOA, month) the indicators read by became one
key (LSOA, month, force), which serves both: storing a national month's rows updates one
B-tree, not two (a third of PostgreSQL's time to store them). Replacing a force's month
finds its rows by month: on PostgreSQL a BRIN index on the month (a few pages, cheap to keep,
as rows arrive month by month) is made here, outside Django's state, which has no BRIN on
SQLite; on SQLite the table is scanned, and only when the month is held (services).

Rebuilt as 0005 was (a primary key cannot be changed in place on SQLite, nor by Django's
migrations), WITHOUT ROWID on SQLite. Reversible the same way.
"""
from django.db import migrations, models

from scrutiny.performance.migrations._rebuild import rebuild

TABLE = "performance_crimecount"
BRIN = "crime_count_month_brin"

STATE = [
    migrations.RemoveIndex(model_name="crimecount", name="crime_count_lsoa_month"),
    migrations.AlterField(
        model_name="crimecount",
        name="pk",
        field=models.CompositePrimaryKey(
            "lsoa_code", "month", "force", blank=True, editable=False, primary_key=True, serialize=False
        ),
    ),
]


class KeyByLsoaMonthForce(migrations.operations.base.Operation):
    reversible = True

    def state_forwards(self, app_label, state):
        for operation in STATE:
            operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        old, new = (s.apps.get_model(app_label, "CrimeCount") for s in (from_state, to_state))
        rebuild(schema_editor, old, new, without_rowid=True)
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"CREATE INDEX {BRIN} ON {TABLE} USING brin (month)")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        new, old = (s.apps.get_model(app_label, "CrimeCount") for s in (from_state, to_state))
        rebuild(schema_editor, new, old, without_rowid=True)  # the BRIN index goes with the table

    def describe(self):
        return "Rebuild the crime counts table keyed by LSOA, month and force"


class Migration(migrations.Migration):

    dependencies = [
        ("performance", "0006_partner_indicator_combine"),
    ]

    operations = [KeyByLsoaMonthForce()]

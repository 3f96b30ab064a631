"""Counts keyed by force, month and LSOA themselves: no surrogate id, and on SQLite no rowid.

The table is rebuilt (a new one made as Django makes it, the rows copied, the old dropped,
the new renamed) because a primary key cannot be changed in place on SQLite, nor by
Django's migrations on any engine. On SQLite the new table is WITHOUT ROWID, stored in key
order: a national month's 38,000 rows are written into one B-tree fewer, and the file is a
third smaller. Reversible the same way.
"""
from django.db import migrations, models

from scrutiny.performance.migrations._rebuild import rebuild

STATE = [
    migrations.RemoveConstraint(model_name="crimecount", name="crime_count_lsoa_month_unique"),
    migrations.RemoveField(model_name="crimecount", name="id"),
    migrations.AddField(
        model_name="crimecount",
        name="pk",
        field=models.CompositePrimaryKey(
            "force", "month", "lsoa_code", blank=True, editable=False, primary_key=True, serialize=False
        ),
    ),
]


class KeyByForceMonthLsoa(migrations.operations.base.Operation):
    reversible = True

    def state_forwards(self, app_label, state):
        for operation in STATE:
            operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        old, new = (s.apps.get_model(app_label, "CrimeCount") for s in (from_state, to_state))
        rebuild(schema_editor, old, new, without_rowid=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        keyed, with_id = (s.apps.get_model(app_label, "CrimeCount") for s in (from_state, to_state))
        rebuild(schema_editor, keyed, with_id, without_rowid=False)

    def describe(self):
        return "Rebuild the crime counts table keyed by force, month and LSOA"


class Migration(migrations.Migration):

    dependencies = [
        ("performance", "0004_crime_count_month_check_in_sql"),
    ]

    operations = [KeyByForceMonthLsoa()]

"""Data steps of the minutes migrations, run directly on rows the later constraints forbid
(a database migrated before them may hold such rows)."""

import contextlib
import importlib

import pytest
from django.apps import apps
from django.db import connection, migrations

from scrutiny.minutes.models import Attendance
from tests.factories import MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db
SUBSTITUTE_NAMES_WHOM = importlib.import_module("scrutiny.minutes.migrations.0003_attendance_substitute_names_whom")
CONSTRAINT = "attendance_substitute_names_whom"


@contextlib.contextmanager
def constraint_lifted():
    """The table as it was before 0003: without the check, inside the test's transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {Attendance._meta.db_table} DROP CONSTRAINT {CONSTRAINT}")
        yield
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = 1")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA ignore_check_constraints = 0")


def test_the_data_step_runs_before_the_constraint_it_makes_room_for():
    operations = SUBSTITUTE_NAMES_WHOM.Migration.operations
    assert isinstance(operations[0], migrations.RunPython)
    assert operations[0].code is SUBSTITUTE_NAMES_WHOM.substitutes_not_naming_whom_to_present
    assert isinstance(operations[1], migrations.AddConstraint) and operations[1].constraint.name == CONSTRAINT


def test_a_substitute_not_naming_whom_becomes_present_marked_substitute():
    meeting = MeetingFactory()
    absent_member, named, unnamed, chairman = (PersonFactory() for _ in range(4))
    with constraint_lifted():
        kept = Attendance.objects.create(
            meeting=meeting, position=1, kind="substitute", person=named, substitute_for=absent_member
        )
        chair = Attendance.objects.create(
            meeting=meeting, position=2, kind="present", person=chairman, capacity="(Chairman)"
        )
        lost = Attendance.objects.create(meeting=meeting, position=3, kind="substitute", person=unnamed)
        printed = Attendance.objects.create(
            meeting=meeting, position=4, kind="substitute", name="Councillor T Shaw", capacity="MBE"
        )
        assert Attendance.objects.filter(kind="substitute", substitute_for__isnull=True).count() == 2

        SUBSTITUTE_NAMES_WHOM.substitutes_not_naming_whom_to_present(apps, None)

    rows = {
        row.pk: (row.kind, row.person_id, row.name, row.capacity, row.substitute_for_id)
        for row in Attendance.objects.all()
    }
    assert rows == {
        kept.pk: ("substitute", named.pk, "", "", absent_member.pk),  # names whom: unchanged
        chair.pk: ("present", chairman.pk, "", "(Chairman)", None),
        lost.pk: ("present", unnamed.pk, "", "(Substitute)", None),
        printed.pk: ("present", None, "Councillor T Shaw", "MBE (Substitute)", None),
    }
    for row in Attendance.objects.all():
        row.validate_constraints()  # every constraint of the model now holds
    if connection.vendor == "postgresql":  # and the database accepts the constraint on them
        with connection.cursor() as cursor:  # the deferred foreign-key checks first: ALTER waits for none
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        constraint = next(c for c in Attendance._meta.constraints if c.name == CONSTRAINT)
        with connection.schema_editor() as editor:
            editor.add_constraint(Attendance, constraint)
    from scrutiny.minutes.selectors import quorum

    assert quorum(meeting=meeting)[0] == 4  # a substitute counted as present still counts

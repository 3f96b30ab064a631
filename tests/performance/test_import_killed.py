"""An import killed with SIGKILL mid-way leaves every month whole: the old data or the new, never half.

A real process, a real database, a real kill: the import runs in a child process, on a SQLite
file or on a PostgreSQL database made for the test (where the counts go in by COPY), and is
killed once it has started replacing months.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from scrutiny.dev.police_data import generate
from scrutiny.performance.crime_types import COUNT_FIELDS

pytestmark = pytest.mark.own_database

MONTHS = [f"2022-{month:02d}" for month in range(1, 13)]
FORCES = ["kent", "sussex", "surrey"]
POSTGRES = "postgres://postgres@127.0.0.1:5432"


class Database:
    """The child's database, as DATABASE_URL, and a connection to look into it from here."""

    def __init__(self, url: str, connect, mark: str) -> None:
        self.url, self.connect, self.mark = url, connect, mark

    def query(self, sql: str, params=()) -> list[tuple]:
        return self.queries((sql, params))[0]

    def queries(self, *statements: tuple[str, Sequence]) -> list[list[tuple]]:
        """Each statement's rows, all read in one transaction: one snapshot of the database."""
        with closing(self.connect()) as con:
            con.execute("BEGIN" if self.mark == "?" else "BEGIN ISOLATION LEVEL REPEATABLE READ")
            rows = [con.execute(sql.replace("?", self.mark), params).fetchall() for sql, params in statements]
            con.execute("COMMIT")
            return rows


@contextmanager
def sqlite_database(tmp_path: Path) -> Iterator[Database]:
    db = tmp_path / "scrutiny.sqlite3"
    yield Database(f"sqlite:///{db}", lambda: sqlite3.connect(db, timeout=30, isolation_level=None), "?")


@contextmanager
def postgres_database() -> Iterator[Database]:
    """A database of the test's own on the local server, dropped afterwards (CI requires one)."""
    import psycopg

    try:
        admin = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("SCRUTINY_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"SCRUTINY_REQUIRE_POSTGRES=1 but no PostgreSQL at {POSTGRES}: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL at {POSTGRES}")
    name = f"scrutiny_killed_{uuid.uuid4().hex[:12]}"
    with closing(admin):
        admin.execute(f"CREATE DATABASE {name}")
        try:
            yield Database(f"{POSTGRES}/{name}", lambda: psycopg.connect(f"{POSTGRES}/{name}", autocommit=True), "%s")
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> Iterator[Database]:
    with sqlite_database(tmp_path) if request.param == "sqlite" else postgres_database() as db:
        yield db


def scrutiny(db: Database, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": db.url}
    return subprocess.Popen(  # noqa: S603 (the project's own command)
        [sys.executable, "-m", "scrutiny", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs
    )


def totals(db: Database) -> dict[tuple[str, str], tuple[int, int | None]]:
    """(force, month) -> (sum of counts held, rows_loaded recorded for it), as at one moment."""
    counts, months = db.queries(
        ("SELECT force, month, SUM(" + " + ".join(COUNT_FIELDS.values()) + ") FROM performance_crimecount GROUP BY force, month", ()),  # noqa: S608 (column names only)
        ("SELECT force, month, rows_loaded FROM performance_policemonth", ()),
    )
    held = {(f, str(m)[:7]): n for f, m, n in counts}
    recorded = {(f, str(m)[:7]): n for f, m, n in months}
    return {key: (held.get(key, 0), recorded.get(key)) for key in held.keys() | recorded.keys()}


def stored_files(db: Database, run_id: int) -> int:
    return db.query("SELECT count(*) FROM performance_policemonth WHERE run_id = ?", [run_id])[0][0]


def test_sigkill_mid_import_leaves_each_month_old_or_new(tmp_path, database):
    db = database
    migrate = scrutiny(db, "migrate", "--noinput")
    assert migrate.wait(timeout=300) == 0, migrate.stderr.read().decode()

    old = generate(out_dir=tmp_path / "old", months=MONTHS, forces=FORCES, lsoas=3000, rows_per_month=3000, seed=1)
    first = scrutiny(db, "import-police", str(tmp_path / "old"), "--quiet-progress")
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    before = totals(db)
    assert {k: v[0] for k, v in before.items()} == {(f.force, f.month): f.rows_counted for f in old.files}

    # A month's forces are stored together, a transaction per month: months big enough that
    # storing them takes long enough to be caught part-way.
    new = generate(out_dir=tmp_path / "new", months=MONTHS, forces=FORCES, lsoas=3000, rows_per_month=30000, seed=2)
    second = scrutiny(db, "import-police", str(tmp_path / "new"), "--quiet-progress")
    deadline = time.monotonic() + 120
    # Kill it once it has stored at least one month of the new data, and before it is done.
    while time.monotonic() < deadline and second.poll() is None and stored_files(db, 2) < 1:
        time.sleep(0.005)
    assert second.poll() is None, "the import finished before it could be killed: make the files bigger"
    second.send_signal(signal.SIGKILL)
    second.wait(timeout=30)

    after = totals(db)
    new_totals = {(f.force, f.month): f.rows_counted for f in new.files}
    old_totals = {k: v[0] for k, v in before.items()}
    replaced = 0
    for key, (held, recorded) in after.items():
        assert held == recorded, f"{key}: {held} counted but {recorded} recorded"
        assert held in (old_totals[key], new_totals[key]), f"{key}: neither the old month nor the new"
        replaced += held == new_totals[key] != old_totals[key]
    assert 1 <= replaced < len(new_totals)
    status = db.query("SELECT status FROM performance_importrun WHERE id = 2")[0][0]
    assert status == "running"  # shown as "Running (or interrupted)" in the history

    # Importing again completes the job: every month is now the new one.
    again = scrutiny(db, "import-police", str(tmp_path / "new"), "--quiet-progress")
    assert again.wait(timeout=300) == 0
    assert {k: v[0] for k, v in totals(db).items()} == new_totals




#: The import command, killed by itself at a set point: once the second month's counts are
#: written, before its months are recorded and its transaction committed.
KILLED_INSIDE_THE_SECOND_MONTH = """
import os, signal, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
import django
django.setup()
from scrutiny.performance.models import PoliceMonth
upsert, calls = PoliceMonth.objects.bulk_create, []
def bulk_create(*args, **kwargs):
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return upsert(*args, **kwargs)
PoliceMonth.objects.bulk_create = bulk_create
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
"""


def test_sigkill_inside_a_month_leaves_it_old_whole_and_the_month_before_new(tmp_path, database):
    """Where the timed kill above may fall between two months, this one falls inside one: a
    month's forces are stored in one transaction with their records, all or none."""
    db = database
    assert scrutiny(db, "migrate", "--noinput").wait(timeout=300) == 0
    months = MONTHS[:4]
    old = generate(out_dir=tmp_path / "old", months=months, forces=FORCES, lsoas=300, rows_per_month=500, seed=1)
    assert scrutiny(db, "import-police", str(tmp_path / "old"), "--quiet-progress").wait(timeout=300) == 0
    before = {k: v[0] for k, v in totals(db).items()}
    assert before == {(f.force, f.month): f.rows_counted for f in old.files}
    new = generate(out_dir=tmp_path / "new", months=months, forces=FORCES, lsoas=300, rows_per_month=700, seed=2)
    child = subprocess.Popen(  # noqa: S603 (the project's own command, patched to die)
        [sys.executable, "-c", KILLED_INSIDE_THE_SECOND_MONTH, "import-police", str(tmp_path / "new"), "--quiet-progress"],
        env={**os.environ, "DATABASE_URL": db.url}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert child.wait(timeout=300) == -signal.SIGKILL, child.stderr.read().decode()[-2000:]

    new_totals = {(f.force, f.month): f.rows_counted for f in new.files}
    assert all(before[key] != n for key, n in new_totals.items())  # so each month says which it holds
    new_by_month: dict[str, set[bool]] = defaultdict(set)
    for key, (held, recorded) in totals(db).items():
        assert held == recorded, f"{key}: {held} counted but {recorded} recorded"
        assert held in (before[key], new_totals[key]), f"{key}: neither the old month nor the new"
        new_by_month[key[1]].add(held == new_totals[key])
    assert dict(new_by_month) == {months[0]: {True}, **{m: {False} for m in months[1:]}}

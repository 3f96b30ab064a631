"""`scrutiny backup` then `scrutiny restore` gives back every row of every table and every
stored file of the demo, on SQLite and on PostgreSQL; a damaged backup, a database that is not
empty and a database of other migrations are refused with nothing loaded.

Real processes on databases of the test's own (as tests/performance/test_import_killed.py):
the demo is loaded as `make demo` loads it, backed up, and restored into a database newly
migrated; the comparison reads both databases with the engine's own driver, table by table,
every column of every row, so it does not depend on what the backup thinks a row is.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing
from pathlib import Path

import pytest

pytestmark = pytest.mark.own_database

POSTGRES = "postgres://postgres@127.0.0.1:5432"
#: What `migrate` itself writes (with its own times) and SQLite's bookkeeping: not the record.
NOT_COMPARED = {"django_migrations", "sqlite_sequence"}


class Database:
    def __init__(self, engine: str, url: str, var: Path, name: str) -> None:
        self.engine, self.url, self.var, self.name = engine, url, var, name

    def connect(self):
        if self.engine == "sqlite":
            return sqlite3.connect(self.url.removeprefix("sqlite:///"))
        import psycopg

        return psycopg.connect(self.url)

    def query(self, sql: str, params=()) -> list[tuple]:
        with closing(self.connect()) as con:
            cur = con.cursor()
            cur.execute(sql.replace("?", "?" if self.engine == "sqlite" else "%s"), params)
            rows = cur.fetchall() if cur.description else []
            con.commit()
            return rows

    def tables(self) -> list[str]:
        if self.engine == "sqlite":
            rows = self.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        else:
            rows = self.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        return sorted(name for (name,) in rows if name not in NOT_COMPARED)

    def rows(self) -> dict[str, list[tuple]]:
        """Every row of every table, in a set order (by every column)."""
        out = {}
        with closing(self.connect()) as con:
            cur = con.cursor()
            for table in self.tables():
                cur.execute(f'SELECT * FROM "{table}" LIMIT 0')  # noqa: S608 (a table name from the catalogue)
                order = ", ".join(str(i + 1) for i in range(len(cur.description)))
                cur.execute(f'SELECT * FROM "{table}" ORDER BY {order}')  # noqa: S608
                out[table] = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cur.fetchall()]
        return out

    def files(self) -> dict[str, bytes]:
        media = self.var / "media"
        return {str(p.relative_to(media)): p.read_bytes() for p in sorted(media.rglob("*")) if p.is_file()}

    def record_count(self) -> int:
        """Rows in the tables a restore fills (migrate's own content types and permissions aside)."""
        made_by_migrate = {"django_content_type", "auth_permission"}
        return sum(self.query(f'SELECT count(*) FROM "{t}"')[0][0] for t in self.tables() if t not in made_by_migrate)  # noqa: S608


def run(db: Database, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": db.url, "SCRUTINY_VAR_DIR": str(db.var)}
    return subprocess.run(  # noqa: S603 (the project's own command)
        [sys.executable, "-m", "scrutiny", *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


class Engine:
    """Makes databases: one newly migrated, then copies of it (cheap: migrating takes long)."""

    def __init__(self, engine: str, root: Path) -> None:
        self.engine, self.root, self.made = engine, root, []
        if engine == "postgresql":
            import psycopg

            try:
                self.admin = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
            except psycopg.OperationalError as exc:
                if os.environ.get("SCRUTINY_REQUIRE_POSTGRES") == "1":
                    pytest.fail(f"SCRUTINY_REQUIRE_POSTGRES=1 but no PostgreSQL at {POSTGRES}: {exc}", pytrace=False)
                pytest.skip(f"no PostgreSQL at {POSTGRES}")
        self.empty = self._new("empty")
        ok(run(self.empty, "migrate", "--noinput"))

    def _new(self, role: str, template: Database | None = None) -> Database:
        name = f"scrutiny_backup_{role}_{uuid.uuid4().hex[:8]}"
        var = self.root / name
        var.mkdir()
        if self.engine == "sqlite":
            db = Database("sqlite", f"sqlite:///{var / 'db.sqlite3'}", var, name)
            if template:
                for suffix in ("", "-wal", "-shm"):
                    source = template.var / f"db.sqlite3{suffix}"
                    if source.exists():
                        shutil.copy(source, var / f"db.sqlite3{suffix}")
        else:
            self.admin.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template.name}" if template else ""))
            self.made.append(name)
            db = Database("postgresql", f"{POSTGRES}/{name}", var, name)
        return db

    def fresh(self, role: str) -> Database:
        """A newly migrated database, with an empty file store."""
        return self._new(role, template=self.empty)

    def close(self) -> None:
        if self.engine == "postgresql":
            for name in self.made:
                self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            self.admin.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory):
    made = Engine(request.param, tmp_path_factory.mktemp(request.param))
    yield made
    made.close()


#: Each engine's demo backup, for the test across engines.
BACKUPS: dict[str, Path] = {}


@pytest.fixture(scope="module")
def demo_backup(engine):
    """The demo as `make demo` loads it, and its backup."""
    source = engine.fresh("src")
    ok(run(source, "loaddemo"))
    backup = source.var.parent / f"{source.name}.tar"
    result = ok(run(source, "backup", str(backup)))
    BACKUPS[engine.engine] = backup
    return source, backup, result.stdout


def test_restore_gives_back_every_row_and_every_file_of_the_demo(engine, demo_backup):
    source, backup, output = demo_backup
    assert "Backup written to" in output
    target = engine.fresh("dst")
    assert target.record_count() == 0 and target.files() == {}
    ok(run(target, "restore", str(backup)))

    before, after = source.rows(), target.rows()
    assert sorted(before) == sorted(after)
    for table in before:
        assert before[table] == after[table], f"{table} differs after the restore"
    assert sum(map(len, before.values())) > 40000  # the demo, with its performance counts
    assert len(before["documents_document"]) > 0 and len(before["documents_historicaldocument"]) > 0
    files = source.files()
    assert files and target.files() == files

    # New rows take new keys: the sequences moved past the restored ones.
    ok(run(target, "shell", "-c", (
        "from django.contrib.auth.models import Group, User\n"
        "from django.contrib.contenttypes.models import ContentType\n"
        "User.objects.create(username='after-restore'); Group.objects.create(name='after-restore')\n"
        "ContentType.objects.create(app_label='ops', model='probe')\n"
    )))
    if engine.engine == "postgresql":
        checked = 0
        for table in target.tables():
            [(sequence,)] = target.query(
                "SELECT pg_get_serial_sequence(?, c.column_name) FROM information_schema.columns c "
                "WHERE c.table_schema = 'public' AND c.table_name = ? AND c.column_name = 'id'", [table, table]
            ) or [(None,)]
            if sequence:
                (highest,) = target.query(f'SELECT coalesce(max(id), 0) FROM "{table}"')[0]  # noqa: S608
                (last,) = target.query(f"SELECT last_value FROM {sequence}")[0]  # noqa: S608
                assert last >= highest, f"{table}: its sequence is at {last}, below its rows ({highest})"
                checked += 1
        assert checked > 50


def _flip_a_byte(backup: Path, out: Path, member_name) -> str:
    """A copy of the backup with one byte changed inside the first member `member_name` picks."""
    with tarfile.open(backup) as tar:
        member = next(m for m in tar.getmembers() if member_name(m))
    data = bytearray(backup.read_bytes())
    at = member.offset_data + member.size // 2
    data[at] = (data[at] + 1) % 256 if chr(data[at]) not in '"\\\n' else data[at]
    if chr(data[at]) in '"\\\n':  # keep the JSON line a line: change a letter near it instead
        at = next(i for i in range(at, at + 200) if chr(data[i]).isalnum())
        data[at] = ord("x") if data[at] != ord("x") else ord("y")
    out.write_bytes(bytes(data))
    return member.name


@pytest.mark.parametrize("kind", ["file", "data", "truncated"])
def test_a_damaged_backup_is_refused_with_nothing_loaded(engine, demo_backup, tmp_path, kind):
    source, backup, _ = demo_backup
    damaged = tmp_path / "damaged.tar"
    if kind == "truncated":
        damaged.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
        part = None
    else:
        pick = (lambda m: m.name.startswith("files/")) if kind == "file" else (lambda m: m.name == "data/governance.Person.jsonl")
        part = _flip_a_byte(backup, damaged, pick)
    target = engine.fresh("dmg")
    result = run(target, "restore", str(damaged))
    assert result.returncode != 0
    message = result.stderr
    assert "Nothing was restored" in message
    if part:
        assert part in message and "checksum" in message
    else:
        assert "incomplete" in message
    assert target.record_count() == 0
    assert target.files() == {}
    assert "Traceback" not in message


def test_restore_into_a_database_that_is_not_empty_is_refused(engine, demo_backup):
    source, backup, _ = demo_backup
    before = source.record_count()
    result = run(source, "restore", str(backup))
    assert result.returncode != 0
    assert "The database is not empty" in result.stderr and "Nothing was restored" in result.stderr
    assert source.record_count() == before


def test_restore_into_a_database_of_other_migrations_is_refused(engine, demo_backup):
    _, backup, _ = demo_backup
    target = engine.fresh("mig")
    target.query("DELETE FROM django_migrations WHERE app = 'documents' AND name = '0001_initial'")
    result = run(target, "restore", str(backup))
    assert result.returncode != 0
    assert "documents.0001_initial" in result.stderr and "migrations do not match" in result.stderr
    assert target.record_count() == 0


def test_backup_never_overwrites_a_file_unless_forced(engine, demo_backup, tmp_path):
    source, backup, _ = demo_backup
    existing = tmp_path / "existing.tar"
    existing.write_bytes(b"keep me")
    result = run(source, "backup", str(existing))
    assert result.returncode != 0 and "already exists" in result.stderr
    assert existing.read_bytes() == b"keep me"
    assert list(tmp_path.iterdir()) == [existing]  # no temporary file left
    ok(run(source, "backup", str(existing), "--force"))
    assert ok(run(source, "restore", "--check", str(existing))).stdout.count("match their checksums") == 1


def test_backup_output_names_no_exempt_title(engine, demo_backup):
    """The command's output says tables and counts, never an exempt title or a file's name."""
    source, _, output = demo_backup
    titles = [t for (t,) in source.query(
        "SELECT d.title FROM documents_document d JOIN meetings_agendaitem i ON d.agenda_item_id = i.id "
        "WHERE d.is_exempt OR i.is_exempt UNION SELECT title FROM meetings_agendaitem WHERE is_exempt"
    )]
    names = [Path(n).name for n in source.files()]
    assert titles and names
    for text in [*titles, *names]:
        assert text not in output


def _parts(backup: Path) -> dict[str, object]:
    """Each table as the rows it holds (JSON read back: key order aside) and each file's bytes."""
    with tarfile.open(backup) as tar:
        out: dict[str, object] = {}
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            if member.name.startswith("data/"):
                out[member.name] = [json.loads(line) for line in data.decode().splitlines()]
            elif member.name.startswith("files/"):
                out[member.name] = data
        return out


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_backup_made_on_sqlite_restores_into_postgresql(engine, tmp_path_factory):
    """The backup is engine-independent: the demo backed up on SQLite, restored on
    PostgreSQL and backed up again there, holds the same rows and files."""
    made_on_sqlite = BACKUPS.get("sqlite")
    if made_on_sqlite is None:  # run alone: make it
        sqlite = Engine("sqlite", tmp_path_factory.mktemp("sqlite-for-postgresql"))
        source = sqlite.fresh("src")
        ok(run(source, "loaddemo"))
        made_on_sqlite = source.var.parent / "demo.tar"
        ok(run(source, "backup", str(made_on_sqlite)))
    target = engine.fresh("cross")
    ok(run(target, "restore", str(made_on_sqlite)))
    again = target.var.parent / f"{target.name}.tar"
    ok(run(target, "backup", str(again)))
    before, after = _parts(made_on_sqlite), _parts(again)
    assert sorted(before) == sorted(after)
    for part in before:
        assert before[part] == after[part], f"{part} differs between SQLite and PostgreSQL"

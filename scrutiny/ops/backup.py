"""`scrutiny backup FILE`: the whole record in one tar file.

    data/<app>.<Model>.jsonl   each table (records.py), read in one snapshot of the database
    files/000001 ...           each stored file, under a plain number (its name is in the manifest)
    manifest.json              the applied migrations, the rows of each table, and the size
                               and SHA-256 of every part and file
    manifest.sha256            the manifest's own SHA-256

The file is written under a temporary name beside FILE, readable by its owner only, and
renamed at the end: a failure leaves nothing half-written. It holds exempt papers and
password hashes: keep it as securely as the database.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, cast

import django
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from scrutiny.ops.records import (
    FORMAT,
    FORMAT_VERSION,
    BackupError,
    Hashing,
    file_stores,
    stored_files,
    table_lines,
    tables,
)


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    files: int
    file_bytes: int
    size: int


def _tar_mode(path: Path) -> Literal["w", "w:gz", "w:xz"]:
    name = path.name.lower()
    if name.endswith((".tar.gz", ".tgz")):
        return "w:gz"
    if name.endswith((".tar.xz", ".txz")):
        return "w:xz"
    return "w"


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database for the whole dump, that blocks no writer."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite" and connection.get_autocommit():
        # A deferred transaction: in WAL mode, a snapshot that takes no write lock (atomic()
        # would take one: the settings make transactions IMMEDIATE).
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic():
            yield


def _add(tar: tarfile.TarFile, name: str, source: IO[bytes] | Hashing, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    info.mtime = int(datetime.datetime.now(tz=datetime.UTC).timestamp())
    tar.addfile(info, cast(IO[bytes], source))  # Hashing reads as a file does


def _refuse_inside_a_store(path: Path) -> None:
    for storage in file_stores().values():
        location = getattr(storage, "location", None)
        if location and path.resolve().is_relative_to(Path(location).resolve()):
            raise BackupError(
                f"{path} is inside a file store that is being backed up ({location}): "
                "write the backup somewhere else."
            )


def backup_write(*, path: Path, force: bool = False, progress: Callable[[str], None] = lambda line: None) -> BackupSummary:
    """Write the whole record to `path` (a .tar, .tar.gz or .tar.xz)."""
    path = Path(path)
    if path.exists() and not force:
        raise BackupError(f"{path} already exists: choose another name, or add --force to replace it.")
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the name of the backup file to write.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    _refuse_inside_a_store(path)
    executor = MigrationExecutor(connection)
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if unapplied:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in unapplied[:10])
        raise BackupError(f"The database is not fully migrated ({names}): run `scrutiny migrate`, then back up.")
    present = set(connection.introspection.table_names())
    missing = [m._meta.label for m in tables() if m._meta.db_table not in present]
    if missing:
        raise BackupError(
            f"The database has no table for {', '.join(missing[:10])}: a model has no migration yet "
            "(run `scrutiny makemigrations`, then `scrutiny migrate`)."
        )
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            manifest = _write(out, _tar_mode(path), progress)
            out.flush()
            os.fsync(out.fileno())
        if path.exists() and not force:
            raise BackupError(f"{path} appeared while the backup was written: it was left as it is.")
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return BackupSummary(
        path=path,
        tables=len(manifest["tables"]),
        rows=sum(t["rows"] for t in manifest["tables"]),
        files=len(manifest["files"]),
        file_bytes=sum(f["size"] for f in manifest["files"]),
        size=path.stat().st_size,
    )


def _write(out: IO[bytes], mode: Literal["w", "w:gz", "w:xz"], progress: Callable[[str], None]) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
        "django": django.get_version(),
        "engine": connection.vendor,
        "tables": [],
        "files": [],
    }
    with tarfile.open(fileobj=out, mode=mode, format=tarfile.PAX_FORMAT) as tar:
        models = tables()
        progress(f"Writing the database: {len(models)} tables.")
        with _snapshot():
            manifest["migrations"] = sorted(
                [app, name] for app, name in MigrationRecorder(connection).applied_migrations()
            )
            for number, model in enumerate(models, start=1):
                part = f"data/{model._meta.label}.jsonl"
                rows = -1
                with tempfile.TemporaryFile() as spool:
                    hashing = Hashing()
                    for line in table_lines(model):
                        data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
                        hashing.update(data)
                        spool.write(data)
                        rows += 1
                    spool.seek(0)
                    _add(tar, part, spool, hashing.size)
                manifest["tables"].append(
                    {"model": model._meta.label, "part": part, "rows": rows, "size": hashing.size,
                     "sha256": hashing.hexdigest()}
                )
                if rows:
                    progress(f"  {number}/{len(models)} {model._meta.label}: {rows:,} row(s)")
        stores = file_stores()
        names = [(key, name) for key, storage in stores.items() for name in stored_files(storage)]
        progress(f"Copying the stored files: {len(names):,} in {len(stores)} store(s).")
        for number, (key, name) in enumerate(names, start=1):
            part = f"files/{number:06d}"
            storage = stores[key]
            try:
                with storage.open(name, "rb") as source:
                    reader = Hashing(source)
                    _add(tar, part, reader, storage.size(name))
            except OSError as exc:  # its name is not shown: it may be a paper's title
                folder = posixpath.dirname(name) or "the top folder"
                raise BackupError(
                    f"A stored file in {folder} (store {key!r}) could not be read ({exc.strerror or type(exc).__name__}): "
                    "no backup was written."
                ) from None
            manifest["files"].append(
                {"part": part, "store": key, "name": name, "size": reader.size, "sha256": reader.hexdigest()}
            )
            if number % 100 == 0:
                progress(f"  {number:,} of {len(names):,} files")
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        _add(tar, "manifest.json", io.BytesIO(body), len(body))
        check = f"{hashlib.sha256(body).hexdigest()}  manifest.json\n".encode()
        _add(tar, "manifest.sha256", io.BytesIO(check), len(check))
    return manifest

"""`scrutiny restore FILE`: a backup (backup.py) back into an empty database and file store.

Nothing is loaded until every part has been read and matched against the manifest's SHA-256
and size. Then the migrations must be the database's own, every table empty (but those
`migrate` fills, which are replaced by the backup's), every file store empty. The rows go in
in one transaction with their primary keys, as they were, and the sequences are reset; the
files are written inside it and removed if it fails. Each part is checked again as it loads.

Messages name parts and tables, never what a row or a file's name says (exempt titles).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import lzma
import posixpath
import tarfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import Storage
from django.core.files.utils import validate_file_name
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.sql import InsertQuery

from scrutiny.ops.records import (
    FORMAT,
    FORMAT_VERSION,
    MADE_BY_MIGRATE,
    BackupError,
    Hashing,
    columns,
    decoder,
    file_stores,
    rows_of,
    stored_files,
    tables,
)

_READ_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error, lzma.LZMAError)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    rows: int
    files: int


def _describe(part: str, manifest: dict[str, Any] | None = None) -> str:
    """A part, named for the operator without what a file's name says."""
    if part.startswith("files/") and manifest:
        for entry in manifest["files"]:
            if entry["part"] == part:
                return f"{part} (a stored file in {posixpath.dirname(entry['name']) or 'the top folder'})"
    return part


def _open(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    try:
        return tarfile.open(path, mode="r:*")
    except _READ_ERRORS:
        raise BackupError(f"{path} is not a backup this command can read (not a tar file, or damaged).") from None


def _members(tar: tarfile.TarFile, path: Path) -> Iterator[tuple[tarfile.TarInfo, IO[bytes]]]:
    """Each part in order, as a stream; a damaged or cut-short archive is an error naming
    the part it stopped in."""
    last = "its beginning"
    while True:
        try:
            member = tar.next()
        except _READ_ERRORS:
            raise BackupError(f"{path} is damaged or incomplete: it breaks off after {last}. Nothing was restored.") from None
        if member is None:
            return
        if not member.isreg():
            raise BackupError(f"{path} holds {member.name!r}, which is not a file: it is not a backup made by this command.")
        stream = tar.extractfile(member)
        assert stream is not None  # noqa: S101 (a regular member)
        yield member, stream
        last = member.name


def _digest(stream: IO[bytes], part: str, path: Path) -> tuple[str, int]:
    hashing = Hashing(stream)
    try:
        while hashing.read(_CHUNK):
            pass
    except _READ_ERRORS:
        raise BackupError(f"{path} is damaged or incomplete: the part {part} cannot be read whole. Nothing was restored.") from None
    return hashing.hexdigest(), hashing.size


def backup_verify(*, path: Path) -> dict[str, Any]:
    """Read every part, check it against the manifest, and return the manifest."""
    path = Path(path)
    seen: dict[str, tuple[str, int]] = {}
    body = check = None
    with _open(path) as tar:
        for member, stream in _members(tar, path):
            again = (member.name == "manifest.json" and body is not None) or (
                member.name == "manifest.sha256" and check is not None
            )
            if member.name in seen or again:
                raise BackupError(f"{path} holds the part {member.name} twice: it is not a backup made by this command.")
            if member.name == "manifest.json":
                body = _read_small(stream, member.name, path)
            elif member.name == "manifest.sha256":
                check = _read_small(stream, member.name, path)
            else:
                seen[member.name] = _digest(stream, member.name, path)
    if body is None or check is None:
        raise BackupError(f"{path} is incomplete: it has no manifest (it was cut short, or is not a backup). Nothing was restored.")
    if check.split(b" ")[0].decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
        raise BackupError(f"{path} is damaged: the manifest (manifest.json) does not match its checksum. Nothing was restored.")
    try:
        manifest: dict[str, Any] = json.loads(body)
    except ValueError:
        raise BackupError(f"{path} is damaged: its manifest cannot be read. Nothing was restored.") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError(f"{path} is not a backup of format {FORMAT} version {FORMAT_VERSION}.")
    listed = {entry["part"]: entry for entry in [*manifest["tables"], *manifest["files"]]}
    for part, entry in listed.items():
        if part not in seen:
            raise BackupError(f"{path} is incomplete: the part {_describe(part, manifest)} is missing. Nothing was restored.")
        if seen[part] != (entry["sha256"], entry["size"]):
            raise BackupError(
                f"{path} is damaged: the part {_describe(part, manifest)} does not match its checksum "
                "in the manifest. Nothing was restored."
            )
    extra = sorted(set(seen) - set(listed))
    if extra:
        raise BackupError(f"{path} holds parts its manifest does not list ({', '.join(extra[:5])}). Nothing was restored.")
    for entry in manifest["files"]:
        try:
            validate_file_name(entry["name"], allow_relative_path=True)
        except Exception:  # noqa: BLE001 (any refusal of the name)
            raise BackupError(f"{path} names a file {_describe(entry['part'], manifest)} outside its store. Nothing was restored.") from None
    return manifest


def _read_small(stream: IO[bytes], part: str, path: Path) -> bytes:
    try:
        return stream.read()
    except _READ_ERRORS:
        raise BackupError(f"{path} is damaged or incomplete: the part {part} cannot be read whole. Nothing was restored.") from None


def _check_target(manifest: dict[str, Any]) -> dict[str, Storage]:
    """Refuse unless the database and the file stores are ready to take the backup."""
    here = {(app, name) for app, name in MigrationRecorder(connection).applied_migrations()}
    there = {(app, name) for app, name in manifest["migrations"]}
    if here != there:
        def listing(pairs: set[tuple[str, str]]) -> str:
            names = [f"{app}.{name}" for app, name in sorted(pairs)]
            return ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")

        reasons = []
        if there - here:
            reasons.append(f"in the backup but not applied to this database: {listing(there - here)}")
        if here - there:
            reasons.append(f"applied to this database but not in the backup: {listing(here - there)}")
        raise BackupError(
            "The backup's migrations do not match this database's (" + "; ".join(reasons) + "). Restore into a "
            "database migrated by the same version of scrutiny as the backup. Nothing was restored."
        )
    known = {model._meta.label: model for model in tables()}
    for entry in manifest["tables"]:
        if entry["model"] not in known:
            raise BackupError(f"The backup holds the table {entry['model']}, which this installation does not have. Nothing was restored.")
    filled = [
        f"{label} ({rows_of(model).count():,} rows)"
        for label, model in known.items()
        if label not in MADE_BY_MIGRATE and rows_of(model).exists()
    ]
    if filled:
        raise BackupError(
            "The database is not empty: " + ", ".join(filled[:10]) + (" and more" if len(filled) > 10 else "")
            + ". Restore only into a newly migrated database with no records in it (create one, run "
            "`scrutiny migrate`, then restore). Nothing was restored."
        )
    stores = file_stores()
    for key in {entry["store"] for entry in manifest["files"]}:
        if key not in stores:
            raise BackupError(f"The backup has files of the store {key!r}, which this installation does not have. Nothing was restored.")
    for key, storage in stores.items():
        if next(stored_files(storage), None) is not None:
            where = getattr(storage, "location", key)
            raise BackupError(f"The file store {key!r} ({where}) is not empty: restore only into an empty file store. Nothing was restored.")
    return stores


def _insert(model: type[models.Model], fields: list[models.Field[Any, Any]], objs: list[models.Model]) -> None:
    """The rows as they are: raw, as loaddata saves them (no auto_now, no signals, so no new
    history), in batches the engine accepts."""
    size = max(1, min(500, connection.ops.bulk_batch_size(fields, objs), 60000 // max(1, len(fields))))
    for start in range(0, len(objs), size):
        query = InsertQuery(model)
        query.insert_values(fields, objs[start : start + size], raw=True)
        query.get_compiler(connection=connection).execute_sql(None)


def _lines(stream: Hashing) -> Iterator[bytes]:
    """The stream's lines, split at newlines only (JSON escapes every other line break)."""
    rest = b""
    while chunk := stream.read(_CHUNK):
        *whole, rest = (rest + chunk).split(b"\n")
        yield from whole
    if rest:
        yield rest


def _load_table(model: type[models.Model], stream: Hashing, part: str) -> int:
    fields = columns(model)
    lines = _lines(stream)
    header = json.loads(next(lines))
    names = [f.attname for f in fields]
    if header[0] != model._meta.label or header[2] != names:
        raise BackupError(f"The columns of {model._meta.label} in the backup are not this database's ({part}). Nothing was restored.")
    decoders = [decoder(f) for f in fields]
    batch: list[models.Model] = []
    rows = 0
    for number, line in enumerate(lines, start=2):
        try:
            values = json.loads(line)
            batch.append(model(**{name: read(value) for name, read, value in zip(names, decoders, values, strict=True)}))
        except Exception:  # noqa: BLE001 (a value its field refuses; its text is not shown)
            raise BackupError(f"A row of {model._meta.label} cannot be read back ({part}, line {number}). Nothing was restored.") from None
        if len(batch) >= 2000:
            _insert(model, fields, batch)
            rows += len(batch)
            batch = []
    if batch:
        _insert(model, fields, batch)
        rows += len(batch)
    return rows


def backup_restore(*, path: Path, progress: Callable[[str], None] = lambda line: None) -> RestoreSummary:
    """Bring the backup at `path` back, all of it or nothing."""
    path = Path(path)
    progress("Checking every part of the backup against its checksum.")
    manifest = backup_verify(path=path)
    stores = _check_target(manifest)
    by_part = {entry["part"]: entry for entry in [*manifest["tables"], *manifest["files"]]}
    written: list[tuple[Storage, str]] = []
    rows = 0
    progress(f"Loading {len(manifest['tables'])} tables and {len(manifest['files']):,} files in one transaction.")
    try:
        with transaction.atomic():
            for label in reversed(MADE_BY_MIGRATE):
                rows_of(apps.get_model(label)).delete()
            with _open(path) as tar:
                for member, stream in _members(tar, path):
                    entry = by_part.get(member.name)
                    if entry is None:
                        continue
                    reader = Hashing(stream)
                    if "model" in entry:
                        model = apps.get_model(entry["model"])
                        loaded = _load_table(model, reader, member.name)
                        if loaded != entry["rows"]:
                            raise BackupError(f"{model._meta.label} has {loaded} rows in the backup, not {entry['rows']}. Nothing was restored.")
                        rows += loaded
                        if loaded:
                            progress(f"  {model._meta.label}: {loaded:,} row(s)")
                    else:
                        storage = stores[entry["store"]]
                        content = File(reader, name=posixpath.basename(entry["name"]))  # type: ignore[arg-type]
                        content.size = entry["size"]
                        try:
                            saved = storage.save(entry["name"], content)
                        except OSError as exc:  # its name is not shown: it may be a paper's title
                            raise BackupError(
                                f"The file {_describe(member.name, manifest)} could not be written to the store "
                                f"{entry['store']!r} ({exc.strerror or type(exc).__name__}). Nothing was restored."
                            ) from None
                        written.append((storage, saved))
                        if saved != entry["name"]:
                            raise BackupError(f"The file {_describe(member.name, manifest)} could not be stored under its own name. Nothing was restored.")
                    while reader.read(_CHUNK):
                        pass
                    if (reader.hexdigest(), reader.size) != (entry["sha256"], entry["size"]):
                        raise BackupError(f"{path} changed while it was restored: the part {_describe(member.name, manifest)} no longer matches its checksum. Nothing was restored.")
            statements = connection.ops.sequence_reset_sql(no_style(), tables())
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
            try:
                connection.check_constraints()
            except DatabaseError as exc:
                raise BackupError(f"The backup's rows do not hold together ({type(exc).__name__}). Nothing was restored.") from None
    except DatabaseError as exc:
        _remove(written)
        name = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
        raise BackupError(
            f"The database refused the backup's rows ({type(exc).__name__}{f', constraint {name}' if name else ''}). Nothing was restored."
        ) from None
    except BaseException:
        _remove(written)
        raise
    finally:
        ContentType.objects.clear_cache()
    return RestoreSummary(tables=len(manifest["tables"]), rows=rows, files=len(written))


def _remove(written: list[tuple[Storage, str]]) -> None:
    for storage, name in written:
        with contextlib.suppress(OSError):
            storage.delete(name)

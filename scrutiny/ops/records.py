"""What a backup holds, found afresh each time: every table of every installed app, and every
file of every file store. Nothing here names a model or a folder, so apps and stores added
later are backed up and restored with no change.

A table is written as JSON lines: a header (the model and its columns), then one JSON array
per row, each value in a portable form that its field reads back (`Field.to_python`):
datetimes in ISO 8601 with their microseconds and offset, decimals as strings, bytes in
base64. Primary keys are kept, so foreign keys, content types and permissions come back as
they were.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import uuid
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.duration import duration_string
from django.utils.functional import LazyObject, empty

FORMAT = "scrutiny-backup"
FORMAT_VERSION = 1
#: The tables `migrate` fills by itself: a restore replaces them with the backup's own.
MADE_BY_MIGRATE = ("contenttypes.ContentType", "auth.Permission")
#: django.conf.STATICFILES_STORAGE_ALIAS: collected static files, rebuilt by collectstatic.
STATIC_FILES = "staticfiles"


class BackupError(Exception):
    """A backup or restore refused or failed, with a message for the operator."""


def tables() -> list[type[models.Model]]:
    """Every model with a table of its own, including many-to-many tables and history."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The columns of the model's own table (a child model's parent has its own table)."""
    return [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]


def rows_of(model: type[models.Model]) -> models.QuerySet[Any]:
    """Every row, past any manager that hides some (the public/internal managers)."""
    return models.QuerySet(model=model)


def _pk_columns(model: type[models.Model]) -> list[str]:
    pk = model._meta.pk
    if isinstance(pk, models.CompositePrimaryKey):
        return [f.attname for f in pk if isinstance(f, models.Field)]
    assert pk is not None  # noqa: S101 (every concrete model has one)
    return [pk.attname]


def encode(value: object) -> object:
    """A value read from the database, as JSON."""
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"a value of type {type(value).__name__} cannot be backed up")


def decoder(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """How the field reads its JSON value back."""
    if isinstance(field, models.JSONField):
        return lambda value: value
    if isinstance(field, models.BinaryField):
        return lambda value: None if value is None else base64.b64decode(value)
    return lambda value: None if value is None else field.to_python(value)


def table_lines(model: type[models.Model]) -> Iterator[list[Any]]:
    """The header, then each row, read in chunks (the table is never held in memory)."""
    names = [f.attname for f in columns(model)]
    yield [model._meta.label, model._meta.db_table, names]
    query = rows_of(model).order_by(*_pk_columns(model)).values_list(*names)
    for row in query.iterator(chunk_size=2000):
        yield [encode(value) for value in row]


def file_stores() -> dict[str, Storage]:
    """Every store the app writes files to: each configured storage but the static files
    (rebuilt by collectstatic), and any storage a file field names of its own. Two names for
    one folder are one store."""
    found: dict[str, Storage] = {}
    seen: set[object] = set()

    def add(key: str, storage: Storage) -> None:
        if isinstance(storage, LazyObject):  # default_storage: the storage it stands for
            lazy: Any = storage
            if lazy._wrapped is empty:
                lazy._setup()
            storage = lazy._wrapped
        identity = (type(storage), str(getattr(storage, "location", id(storage))))
        if identity not in seen:
            seen.add(identity)
            found[key] = storage

    for alias in settings.STORAGES:
        if alias != STATIC_FILES:
            add(alias, storages[alias])
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                add(f"field:{model._meta.label}.{field.name}", field.storage)
    return found


def stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in the store, sorted; a store whose folder does not exist is empty."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_files(storage, f"{folder}/{sub}" if folder else sub)


class Hashing:
    """Reads (or takes written) bytes through SHA-256, counting them."""

    def __init__(self, raw: IO[bytes] | None = None) -> None:
        self.raw, self.sha256, self.size = raw, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        assert self.raw is not None  # noqa: S101 (a reader is made with its file)
        data = self.raw.read(n)
        self.update(data)
        return data

    def update(self, data: bytes) -> None:
        self.sha256.update(data)
        self.size += len(data)

    def hexdigest(self) -> str:
        return self.sha256.hexdigest()

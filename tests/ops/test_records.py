"""Each value a table holds comes back from the backup's JSON as it was (records.py), and the
backup finds every table and file store by itself."""

import datetime
import decimal
import json
import uuid

from django.contrib.auth.models import User
from django.db import models

from scrutiny.ops.records import decoder, encode, file_stores, rows_of, tables


def _round_trip(field, value):
    return decoder(field)(json.loads(json.dumps(encode(value))))


def test_values_come_back_whole():
    moment = datetime.datetime(2018, 2, 21, 19, 30, 0, 123456, tzinfo=datetime.UTC)
    cases = [
        (models.DateTimeField(), moment),
        (models.DateField(), datetime.date(2018, 2, 21)),
        (models.TimeField(), datetime.time(19, 30, 0, 654321)),
        (models.DecimalField(max_digits=14, decimal_places=2), decimal.Decimal("123456789012.30")),
        (models.DurationField(), datetime.timedelta(days=3, microseconds=7)),
        (models.UUIDField(), uuid.UUID("12345678-1234-5678-1234-567812345678")),
        (models.BinaryField(), b"\x89PNG\x00\xff"),
        (models.JSONField(), {"items": [1, "two", None], "note": "x"}),
        (models.JSONField(), "a string, not JSON text"),
        (models.FloatField(), float("inf")),
        (models.CharField(), "line one\nline two\u2028three"),
        (models.BooleanField(), False),
        (models.IntegerField(), None),
    ]
    for field, value in cases:
        assert _round_trip(field, value) == value, field


def test_a_value_it_cannot_keep_is_an_error_not_a_loss():
    try:
        encode(object())
    except TypeError as exc:
        assert "cannot be backed up" in str(exc)
    else:
        raise AssertionError("an unknown type was written")


def test_every_table_is_found_with_history_and_many_to_many_tables():
    labels = {model._meta.label for model in tables()}
    assert {"auth.User", "auth.User_groups", "contenttypes.ContentType", "auth.Permission"} <= labels
    assert {"documents.Document", "documents.HistoricalDocument", "publishing.AgendaPublication"} <= labels
    assert not any(model._meta.proxy for model in tables())


def test_rows_are_read_past_the_managers_that_hide_some():
    from scrutiny.documents.models import Document

    assert rows_of(Document).query.where.children == []
    assert rows_of(User).model is User


def test_the_file_stores_are_the_configured_ones_but_static_files():
    stores = file_stores()
    assert "default" in stores and "staticfiles" not in stores

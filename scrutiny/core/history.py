"""Saving a record with its history: the one way every service writes a model."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models

# django-simple-history records who made a change from this attribute of the instance
# (its documented way to name the user outside a request's middleware).
HISTORY_USER_ATTRIBUTE = "_history_user"


def save_with_history(record: models.Model, *, by: User | None) -> None:
    """Validate `record` (its constraints and clean(), for a message that says why) and save
    it, its history naming `by` as who made the change.

    `by` is recorded even when None (a command, a test): the change is then nobody's, never
    silently the user of whatever request happens to be running."""
    record.full_clean()
    setattr(record, HISTORY_USER_ATTRIBUTE, by)
    record.save()

"""Watching where work happens relative to the database's transactions."""

from django.db import connection


def in_transaction_when_called(monkeypatch, owner, name: str) -> list[bool]:
    """Wrap `owner.name` so that each call records whether a transaction was open; the list
    fills as the code under test calls it."""
    seen: list[bool] = []
    real = getattr(owner, name)

    def watched(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, watched)
    return seen

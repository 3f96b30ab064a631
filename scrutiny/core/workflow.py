"""Workflows: a record's current status, changed only by its services, one step at a time.

Each workflow is one table beside its model: (status, step) -> the status after the step.
A step not in the table is refused. `Workflow.step` is the one way a service takes a step:
lock the row, check the step against the table, make the service's own changes, set the
status, save with history, and append the event to the workflow's append-only history
(where it has one), all in the caller's transaction.

Templates ask the same table (`{% if record|allows:"make" %}`, core/templatetags/workflow_tags.py),
so a page offers a step exactly when its service would take it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models

from .history import save_with_history

S = TypeVar("S", bound=models.TextChoices)  # the statuses
T = TypeVar("T", bound=models.TextChoices)  # the steps
M = TypeVar("M", bound=models.Model)
E = TypeVar("E", bound=models.Model | None)
M_co = TypeVar("M_co", bound=models.Model, covariant=True)
E_co = TypeVar("E_co", bound=models.Model | None, covariant=True)


# Each model's workflow, for the templates' filters. Its statuses and steps are whichever
# choices that model has: only the table knows them, so they are Any here.
_BY_MODEL: dict[str, Workflow[Any, Any]] = {}


def workflow_of(record: models.Model) -> Workflow[Any, Any]:
    """The workflow of the record's model; a LookupError if it has none."""
    try:
        return _BY_MODEL[record._meta.label]
    except KeyError:
        raise LookupError(f"{record._meta.label} has no workflow.") from None


@dataclass(frozen=True)
class Stepped(Generic[M_co, E_co]):
    """A step taken: the record as saved, and the event appended to its history."""

    record: M_co
    event: E_co


def locked(record: M) -> M:
    """`record` read again under a row lock, as it is now (the caller's copy may be stale)."""
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


class Workflow(Generic[S, T]):
    """One workflow: its statuses (the model's choices), its steps, and the table of the
    transitions allowed, kept in the model's `field` ("status")."""

    def __init__(
        self,
        statuses: type[S],
        steps: type[T],
        transitions: Mapping[tuple[S, T], S],
        *,
        model: str,
        field: str = "status",
    ) -> None:
        """`model` is the label ("minutes.Recommendation") of the model whose `field` holds the status."""
        self.statuses = statuses
        self.steps = steps
        self.field = field
        self._table: dict[tuple[str, str], S] = {(str(a), str(t)): b for (a, t), b in transitions.items()}
        _BY_MODEL[model] = self

    def after(self, status: str, step: T) -> S | None:
        """The status `step` leads to from `status`; None when the table does not allow it."""
        return self._table.get((status, step))

    def allows(self, status: str, step: T) -> bool:
        return self.after(status, step) is not None

    def status_of(self, record: models.Model) -> S:
        return self.statuses(getattr(record, self.field))

    def step_named(self, name: str) -> T:
        """The step called `name`; a ValueError for a name that is not one of its steps."""
        try:
            return self.steps(name)
        except ValueError:
            raise ValueError(f"{name!r} is not a step of {self.steps.__name__}.") from None

    def status_named(self, name: str) -> S:
        """The status called `name`; a ValueError for a name that is not one of its statuses."""
        try:
            return self.statuses(name)
        except ValueError:
            raise ValueError(f"{name!r} is not a status of {self.statuses.__name__}.") from None

    def statuses_allowing(self, step: T) -> tuple[S, ...]:
        """The statuses from which `step` may be taken, in the order of the choices."""
        return tuple(s for s in self.statuses if self.allows(s, step))

    def reachable_from(self, status: S) -> tuple[S, ...]:
        """`status` and every status some sequence of steps leads to from it, in the order
        of the choices: e.g. the statuses in which published minutes may ever be."""
        seen = {str(status)}
        frontier = [str(status)]
        while frontier:
            current = frontier.pop()
            for (start, _), end in self._table.items():
                if start == current and end not in seen:
                    seen.add(end)
                    frontier.append(end)
        return tuple(s for s in self.statuses if s in seen)

    def require(self, record: M, step: T, *, refused: Callable[[M], str]) -> S:
        """The status after `step`, or a ValidationError saying why the record may not take it."""
        after = self.after(getattr(record, self.field), step)
        if after is None:
            raise ValidationError(refused(record))
        return after

    @overload
    def step(
        self,
        record: M,
        step: T,
        *,
        by: User | None,
        refused: Callable[[M], str],
        apply: Callable[[M], object] | None = None,
    ) -> Stepped[M, None]: ...

    @overload
    def step(
        self,
        record: M,
        step: T,
        *,
        by: User | None,
        refused: Callable[[M], str],
        apply: Callable[[M], object] | None = None,
        event: Callable[[M], E],
    ) -> Stepped[M, E]: ...

    def step(
        self,
        record: M,
        step: T,
        *,
        by: User | None,
        refused: Callable[[M], str],
        apply: Callable[[M], object] | None = None,
        event: Callable[[M], models.Model | None] | None = None,
    ) -> Stepped[M, models.Model | None]:
        """Take `step` on `record`, in the caller's transaction (a refusal undoes it all).

        `refused` words the refusal (naming the record and saying why) from the record as it
        is now; `apply` checks what else the step needs and changes the record's other
        fields, on the locked row, before its status is set; `event` makes the history entry
        (unsaved) from the record as changed. A step that changes nothing on the record
        itself (an amendment to confirmed minutes) saves only its event: no history row of
        the record says it changed."""
        current = locked(record)
        after = self.require(current, step, refused=refused)
        before = _values(current)
        if apply is not None:
            apply(current)
        setattr(current, self.field, after)
        if _values(current) != before:
            save_with_history(current, by=by)
        made = event(current) if event is not None else None
        if made is not None:
            save_with_history(made, by=by)
        return Stepped(current, made)


def _values(record: models.Model) -> list[object]:
    return [getattr(record, f.attname) for f in record._meta.concrete_fields]

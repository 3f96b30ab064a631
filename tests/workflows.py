"""Checking a workflow's table through the services that take its steps: for every status and
every step, the service succeeds exactly when the table allows the step, leaving the status
the table says, and a refusal leaves everything as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from scrutiny.core.workflow import Workflow


def stored(*app_labels: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of the apps' models, their history included."""
    return {
        model.__name__: list(model._base_manager.order_by("pk").values())
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
    }


def pairs(workflow: Workflow[Any, Any], steps: object) -> list[Any]:
    """(status, step) for every status of the workflow and every step in `steps`, with ids."""
    return [pytest.param(s, t, id=f"{s.value}-{t.value}") for s in workflow.statuses for t in steps]


def check_step(
    workflow: Workflow[Any, Any],
    record: models.Model,
    step: Any,
    take: Callable[[], object],
    *app_labels: str,
) -> None:
    """Take `step` on `record` (whose status is set up) through `take`, and check the outcome
    against the workflow's table."""
    status = record.status
    after = workflow.after(status, step)
    if after is None:
        before = stored(*app_labels)
        with pytest.raises(ValidationError):
            take()
        assert stored(*app_labels) == before, f"a refused {step} from {status} wrote something"
    else:
        take()
        record.refresh_from_db()
        assert record.status == after

"""Templates ask a record's workflow table (scrutiny.core.workflow), never compare its status
with a literal: `{% if record|allows:"make" %}` offers a step exactly when the service would
take it, and `{% if record|status_is:"draft" %}` names a status the model's choices hold.
A misspelt step or status is an error, not a button that silently never shows."""

from __future__ import annotations

from django import template
from django.db.models import Model

from scrutiny.core.workflow import workflow_of

register = template.Library()


@register.filter
def allows(record: Model, step: str) -> bool:
    workflow = workflow_of(record)
    return workflow.allows(workflow.status_of(record), workflow.step_named(step))


@register.filter
def status_is(record: Model, names: str) -> bool:
    """Whether the record's status is one of `names` (comma-separated)."""
    workflow = workflow_of(record)
    wanted = {workflow.status_named(name.strip()) for name in names.split(",")}
    return workflow.status_of(record) in wanted

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from scrutiny.access.admin import M, P

from .models import (
    DrawDownRequest,
    DrawDownStep,
    RecurringRule,
    WorkPlanVersion,
    WorkProgrammeChange,
    WorkProgrammeItem,
)


class ReadOnlyInline(admin.TabularInline[M, P]):
    """Append-only histories: shown, never edited or deleted here (the services write them)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ChangeInline(ReadOnlyInline[WorkProgrammeChange, WorkProgrammeItem]):
    model = WorkProgrammeChange
    fk_name = "item"
    fields = (
        "sequence",
        "kind",
        "decided_on",
        "decided_by",
        "from_meeting",
        "to_meeting",
        "reason",
        "wording",
        "recorded_by",
    )
    readonly_fields = fields


class RuleChangeInline(ChangeInline):
    fk_name = "rule"


@admin.register(WorkProgrammeItem)
class WorkProgrammeItemAdmin(SimpleHistoryAdmin[WorkProgrammeItem]):
    """Moves and cancellations are made on the work programme pages, which record the reason;
    here the target and status are shown, not edited."""

    list_display = ["title", "kind", "target_meeting", "status", "brought_by"]
    list_filter = ["committee", "kind", "status", "statutory_subject"]
    search_fields = ["title", "description"]
    raw_id_fields = ["considered_at"]
    readonly_fields = ["target_meeting", "status", "rule", "proposed_for"]
    inlines = [ChangeInline]


@admin.register(RecurringRule)
class RecurringRuleAdmin(SimpleHistoryAdmin[RecurringRule]):
    list_display = ["title_template", "recurrence", "kind", "active"]
    list_filter = ["committee", "recurrence", "active"]
    search_fields = ["title_template"]
    readonly_fields = ["recurrence"]
    inlines = [RuleChangeInline]


@admin.register(WorkPlanVersion)
class WorkPlanVersionAdmin(admin.ModelAdmin[WorkPlanVersion]):
    """Frozen: versions are made by freezing or approving the plan, never edited."""

    list_display = ["title", "status", "prepared_on", "approved_at"]
    list_filter = ["committee", "status"]

    def has_change_permission(self, request: HttpRequest, obj: WorkPlanVersion | None = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class StepInline(ReadOnlyInline[DrawDownStep, DrawDownRequest]):
    model = DrawDownStep
    fields = (
        "sequence",
        "kind",
        "decided_by",
        "decided_by_note",
        "decided_on",
        "note",
        "recorded_by",
        "recorded_at",
    )
    readonly_fields = fields


@admin.register(DrawDownRequest)
class DrawDownRequestAdmin(SimpleHistoryAdmin[DrawDownRequest]):
    list_display = ["topic", "requested_by", "requested_on", "status"]
    list_filter = ["committee", "status"]
    search_fields = ["topic"]
    readonly_fields = ["status", "item"]
    inlines = [StepInline]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import WorkProgrammeChange, WorkProgrammeItem


class ChangeInline(admin.TabularInline):
    """Changes are append-only: shown here, never edited or deleted."""

    model = WorkProgrammeChange
    fk_name = "item"
    extra = 0
    can_delete = False
    fields = [
        "sequence",
        "kind",
        "decided_on",
        "decided_by",
        "from_meeting",
        "to_meeting",
        "reason",
        "wording",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WorkProgrammeItem)
class WorkProgrammeItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "target_meeting", "status", "brought_by"]
    list_filter = ["committee", "kind", "status"]
    search_fields = ["title", "description"]
    raw_id_fields = ["considered_at"]
    inlines = [ChangeInline]

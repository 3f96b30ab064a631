"""The superuser's maintenance view of the annual reports: read-only where the services decide
(the status and its steps, the frozen public version, the officers' text versions)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualReport, AnnualReportEvent, NarrativeText


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin[AnnualReport]):
    list_display = ("__str__", "status", "considered_at", "submitted_on", "published_on")
    list_filter = ("committee", "status")
    readonly_fields = ("status", "considered_at", "considered_resolution", "submitted_to", "submitted_on",
                       "published_on", "published_content")


@admin.register(AnnualReportEvent)
class AnnualReportEventAdmin(admin.ModelAdmin[AnnualReportEvent]):
    list_display = ("report", "step", "on", "by", "recorded_at")
    readonly_fields = ("report", "step", "on", "note", "by", "recorded_at")

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(NarrativeText)
class NarrativeTextAdmin(admin.ModelAdmin[NarrativeText]):
    list_display = ("report", "part", "version", "written_by", "written_at")
    readonly_fields = ("report", "part", "version", "text", "source_digest", "written_by", "written_at")

    def has_add_permission(self, request: object) -> bool:
        return False

"""The admin (the installation superuser's maintenance tool) for meetings, their agenda items
and papers, and the published agendas. Meetings sit here, above the apps whose records
they inline (minutes, documents).

A meeting's status follows its workflow (MEETING_WORKFLOW): it is shown here, not edited. It
becomes "agenda published" when the agenda is published, "held" when its minutes are
drafted, and "cancelled" through the action on the list of meetings.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from scrutiny.access.admin import ExemptAwareAdmin, ExemptAwareInline
from scrutiny.documents.models import Document
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.meetings.services import meeting_cancel
from scrutiny.minutes.admin import LockedMinutesInline
from scrutiny.minutes.models import Attendance, Declaration

from .models import AgendaPublication


class AgendaItemInline(ExemptAwareInline[AgendaItem, Meeting]):
    model = AgendaItem
    extra = 0
    fields = ["position", "number", "title", "kind", "is_exempt", "exemption_ground", "public_title"]
    show_change_link = True


class AttendanceInline(LockedMinutesInline[Attendance, Meeting]):
    """Part of the minutes: read-only once they are confirmed."""

    model = Attendance
    extra = 0
    fields = ["position", "kind", "person", "name", "capacity", "substitute_for", "organisation"]
    autocomplete_fields = ["person", "substitute_for"]


class DeclarationInline(LockedMinutesInline[Declaration, Meeting]):
    """Part of the minutes: read-only once they are confirmed."""

    model = Declaration
    extra = 0
    autocomplete_fields = ["person"]
    raw_id_fields = ["agenda_item"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin[Meeting]):
    list_display = ["date", "date_precision", "committee", "status", "venue"]
    list_filter = ["committee", "status"]
    date_hierarchy = "date"
    search_fields = ["committee__name", "venue", "note"]
    readonly_fields = ["status"]
    inlines = [AgendaItemInline, AttendanceInline, DeclarationInline]
    actions = ["cancel_meetings"]

    @admin.action(description="Cancel the selected meetings")
    def cancel_meetings(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        by = request.user if isinstance(request.user, User) else None
        for meeting in queryset.order_by("date"):
            try:
                meeting_cancel(meeting=meeting, by=by)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(request, f"The meeting of {meeting.date_display} is cancelled.", messages.SUCCESS)


class DocumentInline(ExemptAwareInline[Document, AgendaItem]):
    model = Document
    exempt_lookups = ("is_exempt",)
    extra = 0
    fields = ["position", "title", "kind", "file", "is_exempt", "exemption_ground", "public_title"]
    readonly_fields = ["file"]  # files come in checked, through the officers' screens (documents.files)
    show_change_link = True


@admin.register(AgendaItem)
class AgendaItemAdmin(ExemptAwareAdmin[AgendaItem]):
    list_display = ["__str__", "meeting", "kind", "is_exempt", "exemption_ground"]
    list_filter = ["meeting__committee", "kind", "is_exempt", "meeting"]
    search_fields = ["title", "purpose", "number"]
    list_select_related = ["meeting", "meeting__committee"]
    inlines = [DocumentInline]


@admin.register(AgendaPublication)
class AgendaPublicationAdmin(admin.ModelAdmin[AgendaPublication]):
    """Published versions are frozen: listed here, never edited. Packs are downloaded from the
    meeting page, through the access policy."""

    list_display = ["meeting", "version", "published_at", "is_late", "public_pages"]
    list_filter = ["meeting__committee", "is_late"]
    exclude = ["public_pack", "part2_pack", "agenda", "document_ids"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AgendaPublication | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AgendaPublication | None = None) -> bool:
        return False

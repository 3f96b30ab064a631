from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import AgendaPublication


@admin.register(AgendaPublication)
class AgendaPublicationAdmin(admin.ModelAdmin):
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

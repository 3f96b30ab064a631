"""The openings record in the superuser's admin: read only, as it is append-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import ExemptOpening


@admin.register(ExemptOpening)
class ExemptOpeningAdmin(admin.ModelAdmin[ExemptOpening]):
    list_display = ("opened_at", "who", "capacity", "committee", "what", "format", "address")
    list_filter = ("kind", "capacity", "committee")
    search_fields = ("who", "username", "what", "address")
    date_hierarchy = "opened_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ExemptOpening | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ExemptOpening | None = None) -> bool:
        return False

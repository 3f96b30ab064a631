"""Admin building blocks: exempt rows are hidden from staff who may not see them."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from simple_history.admin import SimpleHistoryAdmin

from scrutiny.access.policy import Viewer


def _without_exempt_rows(qs: QuerySet, request, lookups: tuple[str, ...]) -> QuerySet:
    if Viewer.of(request).may_see_any_exempt():
        return qs
    for lookup in lookups:
        qs = qs.exclude(**{lookup: True})
    return qs


class ExemptAwareAdmin(SimpleHistoryAdmin):
    """Lists, searches, change pages and history of an exemptible model show exempt rows only
    to staff the access policy lets see exempt business (officers)."""

    # Lookups that make a row exempt, e.g. ("is_exempt", "agenda_item__is_exempt").
    exempt_lookups: tuple[str, ...] = ("is_exempt",)

    def get_queryset(self, request):
        return _without_exempt_rows(super().get_queryset(request), request, self.exempt_lookups)


class ExemptAwareInline(admin.TabularInline):
    exempt_lookups: tuple[str, ...] = ("is_exempt",)

    def get_queryset(self, request):
        return _without_exempt_rows(super().get_queryset(request), request, self.exempt_lookups)

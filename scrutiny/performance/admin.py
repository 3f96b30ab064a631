"""Officers maintain the partnership's comparison group, priorities, areas and partner figures here.

Partner indicators given in confidence are exempt: the admin hides them (and their figures)
from staff the access policy does not let see exempt business.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from scrutiny.access.admin import ExemptAwareAdmin, ExemptAwareInline
from scrutiny.access.policy import Viewer

from .models import (
    Area,
    ComparisonGroup,
    ImportRun,
    IndicatorGroup,
    IndicatorGroupType,
    PartnerFigure,
    PartnerIndicator,
    PoliceFile,
)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["name", "code", "level", "parent", "vintage"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["parts"]
    list_select_related = ["parent"]


@admin.register(ComparisonGroup)
class ComparisonGroupAdmin(SimpleHistoryAdmin[ComparisonGroup]):
    list_display = ["name", "area", "county", "committee"]
    search_fields = ["name", "area__name", "note"]
    filter_horizontal = ["members"]
    raw_id_fields = ["area", "county"]


class IndicatorGroupTypeInline(admin.TabularInline[IndicatorGroupType, IndicatorGroup]):
    model = IndicatorGroupType
    extra = 1


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(SimpleHistoryAdmin[IndicatorGroup]):
    list_display = ["name", "position", "is_priority", "committee"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [IndicatorGroupTypeInline]


class PartnerFigureInline(ExemptAwareInline[PartnerFigure, PartnerIndicator]):
    model = PartnerFigure
    exempt_lookups = ("indicator__is_exempt",)
    extra = 1
    fields = ["period_start", "period_end", "value", "note"]


@admin.register(PartnerIndicator)
class PartnerIndicatorAdmin(ExemptAwareAdmin[PartnerIndicator]):
    list_display = ["name", "organisation", "frequency", "combine", "unit", "is_exempt"]
    list_filter = ["is_exempt", "frequency", "combine", "organisation"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerFigureInline]


class PoliceFileInline(admin.TabularInline[PoliceFile, ImportRun]):
    model = PoliceFile
    extra = 0
    can_delete = False
    readonly_fields = ("name", "force", "month", "rows_read", "rows_loaded", "rejects", "warnings", "replaced_rows", "error")
    fields = readonly_fields


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin[ImportRun]):
    """The import history: read only, as the record of what was loaded and what was rejected.

    An upload of figures given in confidence names its indicator: staff the access policy does
    not let see exempt business get the public runs only, so it is not in their list, search
    results, change page or history (Django answers those as for a missing row).
    """

    list_display = ["started_at", "kind", "status", "rows_read", "rows_loaded", "rows_rejected", "source"]
    list_filter = ["kind", "status"]
    search_fields = ["source", "message"]
    inlines = [PoliceFileInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportRun]:
        manager = ImportRun.internal if Viewer.of(request).may_see_any_exempt() else ImportRun.public
        return manager.all()

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404("No such record.")
        return super().history_view(request, object_id, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportRun | None = None) -> bool:
        return False

"""Admin building blocks: exempt rows are hidden from staff who may not see them."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import QuerySet
from django.http import Http404
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

    def _hidden(self, request, object_id) -> bool:
        return not self.get_queryset(request).filter(pk=unquote(object_id)).exists()

    # django-simple-history falls back to the latest historical record when the object is not
    # in get_queryset, which would show an exempt row's title: answer as for a missing row.
    def history_view(self, request, object_id, extra_context=None):
        if self._hidden(request, object_id):
            raise Http404("No such record.")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if self._hidden(request, object_id):
            raise Http404("No such record.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class ExemptAwareInline(admin.TabularInline):
    exempt_lookups: tuple[str, ...] = ("is_exempt",)

    def get_queryset(self, request):
        return _without_exempt_rows(super().get_queryset(request), request, self.exempt_lookups)

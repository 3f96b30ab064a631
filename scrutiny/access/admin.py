"""Admin building blocks: exempt rows are hidden from staff who may not see them."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from scrutiny.access.policy import Viewer

from .models import Role, SignInUnlock

M = TypeVar("M", bound=Model)  # the model an admin or inline shows
P = TypeVar("P", bound=Model)  # the model an inline is shown within


def _without_exempt_rows(qs: QuerySet[M], request: HttpRequest, lookups: tuple[str, ...]) -> QuerySet[M]:
    if Viewer.of(request).may_see_any_exempt():
        return qs
    for lookup in lookups:
        qs = qs.exclude(**{lookup: True})
    return qs


class ExemptAwareAdmin(SimpleHistoryAdmin[M]):
    """Lists, searches, change pages and history of an exemptible model show exempt rows only
    to staff the access policy lets see exempt business (officers)."""

    # Lookups that make a row exempt, e.g. ("is_exempt", "agenda_item__is_exempt").
    exempt_lookups: tuple[str, ...] = ("is_exempt",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[M]:
        return _without_exempt_rows(super().get_queryset(request), request, self.exempt_lookups)

    def _hidden(self, request: HttpRequest, object_id: str) -> bool:
        return not self.get_queryset(request).filter(pk=unquote(object_id)).exists()

    # django-simple-history falls back to the latest historical record when the object is not
    # in get_queryset, which would show an exempt row's title: answer as for a missing row.
    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if self._hidden(request, object_id):
            raise Http404("No such record.")
        response: HttpResponse = super().history_view(request, object_id, extra_context)
        return response

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if self._hidden(request, object_id):
            raise Http404("No such record.")
        response: HttpResponse = super().history_form_view(request, object_id, version_id, extra_context)
        return response


class ExemptAwareInline(admin.TabularInline[M, P]):
    exempt_lookups: tuple[str, ...] = ("is_exempt",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[M]:
        return _without_exempt_rows(super().get_queryset(request), request, self.exempt_lookups)


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin[Role]):
    """Superusers give a council its first administrator here; administrators then manage
    their council's accounts on the officers' screens."""

    list_display = ["user", "kind", "council", "partner", "granted_on"]
    list_filter = ["kind", "council"]
    search_fields = ["user__username", "user__email", "council__name"]
    filter_horizontal = ["committees"]
    autocomplete_fields = ["user"]


@admin.register(SignInUnlock)
class SignInUnlockAdmin(admin.ModelAdmin[SignInUnlock]):
    """Who lifted a lock on signing in, and when: a record, never changed."""

    list_display = ["user", "council", "by", "failures_cleared", "unlocked_at"]
    list_filter = ["council"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SignInUnlock | None = None) -> bool:
        return False

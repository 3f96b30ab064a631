from collections.abc import Sequence
from typing import Any, TypeVar

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from simple_history.manager import HistoryManager

_ModelT = TypeVar("_ModelT", bound=Model)

class SimpleHistoryAdmin(admin.ModelAdmin[_ModelT]):
    history_list_display: Sequence[str]
    object_history_list_template: str
    object_history_form_template: str
    history_list_per_page: int
    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse: ...
    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse: ...
    def get_history_queryset(
        self, request: HttpRequest, history_manager: HistoryManager, pk_name: str, object_id: str
    ) -> QuerySet[Any]: ...
    def get_history_list_display(self, request: HttpRequest) -> Sequence[str]: ...
    def revert_disabled(self, request: HttpRequest, obj: _ModelT | None = None) -> bool: ...
    def has_view_history_permission(self, request: HttpRequest, obj: _ModelT | None = None) -> bool: ...
    def has_change_history_permission(self, request: HttpRequest, obj: _ModelT | None = None) -> bool: ...

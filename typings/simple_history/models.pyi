from collections.abc import Callable, Sequence
from typing import Any

from django.db import models
from simple_history.manager import HistoricalQuerySet, HistoryManager

class HistoricalRecords:
    def __init__(
        self,
        verbose_name: str | None = None,
        verbose_name_plural: str | None = None,
        bases: Sequence[type[models.Model]] = ...,
        user_related_name: str = "+",
        table_name: str | None = None,
        inherit: bool = False,
        excluded_fields: Sequence[str] | None = None,
        history_id_field: models.Field[Any, Any] | None = None,
        history_change_reason_field: models.Field[Any, Any] | None = None,
        user_model: str | type[models.Model] | None = None,
        get_user: Callable[..., Any] = ...,
        cascade_delete_history: bool = False,
        custom_model_name: str | Callable[[str], str] | None = None,
        app: str | None = None,
        history_user_id_field: models.Field[Any, Any] | None = None,
        history_user_getter: Callable[..., Any] = ...,
        history_user_setter: Callable[..., Any] = ...,
        related_name: str | None = None,
        use_base_model_db: bool = False,
        user_db_constraint: bool = True,
        no_db_index: str | Sequence[str] = ...,
        excluded_field_kwargs: dict[str, Sequence[str]] | None = None,
        history_manager: type[HistoryManager] = ...,
        historical_queryset: type[HistoricalQuerySet] = ...,
        m2m_fields: Sequence[str | models.ManyToManyField[Any, Any]] = (),
        m2m_fields_model_field_name: str = "_history_m2m_fields",
        m2m_bases: Sequence[type[models.Model]] = ...,
    ) -> None: ...
    # On the model class it is replaced by a descriptor that answers the history manager.
    def __get__(self, instance: models.Model | None, owner: type[models.Model]) -> HistoryManager: ...
